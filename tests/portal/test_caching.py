"""Caching (issue 6, item 4): HTTP caching headers by viewer, and the dashboard's cached figures.

What a shared cache may keep is public only when every anonymous reader gets the same answer;
the dashboard's figures are cached per visibility scope and language, and a write shows at once.
Nothing private is ever cached where another role could read it.
"""

import datetime

import psycopg
import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from agreements.models import Agreement
from portal import dashboard_cache
from portal.core.cache_headers import read_cache_control
from portal.core.visibility import PartnerUser
from tests import factories
from tests.api.conftest import key_client
from tests.portal.page_reading import chart_table

pytestmark = pytest.mark.django_db

CACHE_TABLE = "portal_cache"


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def directives(response) -> dict:
    return read_cache_control(response)


def vary(response) -> set[str]:
    return {name.strip().lower() for name in response.get("Vary", "").split(",") if name.strip()}


def assert_public(response):
    cc = directives(response)
    assert "public" in cc and "private" not in cc, response.get("Cache-Control")
    assert cc["max-age"] == "60"
    assert {"cookie", "authorization"} <= vary(response)


def assert_private(response):
    cc = directives(response)
    assert "private" in cc and "public" not in cc, response.get("Cache-Control")
    assert "s-maxage" not in cc
    assert "no-store" in cc or "no-cache" in cc


def agreement_with_party(country="CN", **kwargs):
    agreement = factories.AgreementFactory(**kwargs)
    factories.PartyFactory(agreement=agreement, organization=factories.OrganizationFactory(country=country))
    return agreement


def years_chart(client, language="en") -> dict[str, int]:
    response = client.get(f"/{language}/")
    assert response.status_code == 200
    return chart_table(response.content.decode(), "chart-years")


def domain_queries(queries) -> list[str]:
    """The queries that read the portal's own tables, not the cache's nor the data version."""
    return [
        query["sql"]
        for query in queries
        if CACHE_TABLE not in query["sql"]
        and "SAVEPOINT" not in query["sql"].upper()
        and "portal_data_version" not in query["sql"]
    ]


# --- HTTP: public for anonymous readers -----------------------------------------------------


def test_anonymous_home_is_public_with_an_etag_and_answers_304(anonymous_client):
    factories.AgreementFactory()
    first = anonymous_client.get("/en/")
    assert first.status_code == 200
    assert_public(first)
    assert first["ETag"]
    assert not first.cookies  # nothing for one reader only

    again = anonymous_client.get("/en/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    # The 304 refreshes the stored copy: same validator, same policy.
    assert again["ETag"] == first["ETag"]
    assert_public(again)

    stale = anonymous_client.get("/en/", HTTP_IF_NONE_MATCH='"not-this-one"')
    assert stale.status_code == 200


@pytest.mark.parametrize(
    "path",
    ["/en/agreements/", "/ru/organizations/", "/en/search/?q=agreement", "/feeds/agreements.atom"],
)
def test_anonymous_lists_search_and_feeds_are_public(anonymous_client, path):
    agreement_with_party()
    response = anonymous_client.get(path)
    assert response.status_code == 200
    assert_public(response)
    assert response["ETag"]


def test_feeds_vary_by_language_headers(anonymous_client):
    # Outside the language prefixes the language may come from Accept-Language or the cookie.
    response = anonymous_client.get("/feeds/meetings.ics")
    assert response.status_code == 200
    assert_public(response)
    assert "accept-language" in vary(response)


def test_anonymous_api_list_and_detail_are_public_and_conditional():
    client = APIClient()
    agreement = agreement_with_party()
    for url in ("/api/v1/agreements/", f"/api/v1/agreements/{agreement.pk}/"):
        first = client.get(url)
        assert first.status_code == 200
        assert_public(first)
        assert "accept-language" in vary(first)
        again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
        assert again.status_code == 304
        assert_public(again)


# --- HTTP: private for anyone the answer depends on -----------------------------------------


@pytest.mark.parametrize("path", ["/en/", "/en/agreements/", "/feeds/agreements.atom"])
def test_logged_in_pages_are_private_and_not_stored(staff_client, editor_client, path):
    for client in (staff_client, editor_client):
        response = client.get(path)
        assert response.status_code == 200
        assert_private(response)
        assert "no-store" in directives(response)
        assert "cookie" in vary(response)
        # A response nobody may store needs no validator.
        assert not response.has_header("ETag")


def test_logged_in_api_session_is_private(editor_user):
    client = APIClient()
    client.force_login(editor_user)
    response = client.get("/api/v1/agreements/")
    assert response.status_code == 200
    assert_private(response)
    assert "no-store" in directives(response)


@pytest.mark.parametrize("owner", ["partner", "staff user", "editor user"])
def test_api_key_answers_are_private(owner, editor_user, staff_user):
    organization = factories.OrganizationFactory(country="CN")
    key = {
        "partner": lambda: factories.api_key(organization=organization),
        "staff user": lambda: factories.api_key(user=staff_user),
        "editor user": lambda: factories.api_key(user=editor_user),
    }[owner]()
    agreement = agreement_with_party()
    client = key_client(key)
    for url in ("/api/v1/agreements/", f"/api/v1/agreements/{agreement.pk}/"):
        response = client.get(url)
        assert response.status_code == 200
        assert_private(response)
        assert "authorization" in vary(response)
        # The caller may keep its own copy and revalidate it: the ETag still answers 304.
        again = client.get(url, HTTP_IF_NONE_MATCH=response["ETag"])
        assert again.status_code == 304
        assert_private(again)


def test_a_page_that_sets_the_csrf_cookie_is_private(anonymous_client):
    from django.conf import settings

    response = anonymous_client.get(f"/{settings.ADMIN_PATH}login/")
    assert response.status_code == 200
    assert settings.CSRF_COOKIE_NAME in response.cookies
    assert_private(response)


def test_an_anonymous_reader_with_a_session_is_private(anonymous_client):
    from django.conf import settings

    anonymous_client.cookies[settings.SESSION_COOKIE_NAME] = "not-a-session"
    response = anonymous_client.get("/en/")
    assert response.status_code == 200
    assert_private(response)


def test_an_explicit_no_store_is_kept(anonymous_client):
    response = anonymous_client.get("/healthz")
    cc = directives(response)
    assert "no-store" in cc and "public" not in cc
    assert not response.has_header("ETag")


def test_errors_are_never_public(anonymous_client):
    hidden = factories.AgreementFactory(visibility="confidential")
    for path in (f"/en/agreements/{hidden.pk}/", f"/api/v1/agreements/{hidden.pk}/"):
        response = anonymous_client.get(path)
        assert response.status_code == 404
        cc = directives(response)
        assert "public" not in cc and "no-cache" in cc
        assert "cookie" in vary(response)


# --- The dashboard's cached figures ---------------------------------------------------------


def test_a_new_agreement_shows_at_once(anonymous_client):
    agreement_with_party(signed_on=datetime.date(2023, 3, 1))
    assert years_chart(anonymous_client) == {"2023": 1}
    agreement_with_party(signed_on=datetime.date(2023, 9, 1))
    assert years_chart(anonymous_client) == {"2023": 2}
    # A change and a deletion too.
    latest = Agreement.objects.latest("pk")
    latest.signed_on = datetime.date(2024, 1, 5)
    latest.save()
    assert years_chart(anonymous_client) == {"2023": 1, "2024": 1}
    latest.delete()
    assert years_chart(anonymous_client) == {"2023": 1}


def test_a_many_to_many_change_shows_at_once(anonymous_client):
    lab = factories.JointLabFactory(field_en="Clean energy")
    html = anonymous_client.get("/en/").content.decode()
    assert chart_table(html, "chart-labs") == {"Clean energy": 1}
    lab.topics.add(factories.TopicFactory(name_en="Plant protection"))
    html = anonymous_client.get("/en/").content.decode()
    assert chart_table(html, "chart-labs") == {"Plant protection": 1}


def test_the_second_request_reads_the_figures_from_the_cache(anonymous_client):
    agreement_with_party(signed_on=datetime.date(2023, 3, 1))
    factories.IndicatorFactory(is_headline=True, name_en="Scientists", value=128)
    with CaptureQueriesContext(connection) as first:
        first_html = anonymous_client.get("/en/").content.decode()
    with CaptureQueriesContext(connection) as second:
        second_html = anonymous_client.get("/en/").content.decode()
    assert chart_table(second_html, "chart-years") == chart_table(first_html, "chart-years") == {"2023": 1}
    assert "Scientists" in second_html
    # The first request counted (headline figures, lists, charts: 11 queries); the second read
    # the data version and one cache entry, and touched no table of the portal's own.
    assert len(domain_queries(first.captured_queries)) == 11
    assert domain_queries(second.captured_queries) == []
    assert sum("portal_data_version" in query["sql"] for query in second.captured_queries) == 1
    assert len(second.captured_queries) < len(first.captured_queries)


def test_each_language_has_its_own_entry(anonymous_client):
    agreement_with_party("CN")
    english = anonymous_client.get("/en/").content.decode()
    russian = anonymous_client.get("/ru/").content.decode()
    assert chart_table(english, "chart-countries") == {"China": 1}
    assert chart_table(russian, "chart-countries") == {"Китай": 1}


def test_the_cache_can_be_turned_off(anonymous_client, settings):
    settings.DASHBOARD_CACHE_SECONDS = 0
    agreement_with_party()
    anonymous_client.get("/en/")
    with CaptureQueriesContext(connection) as again:
        anonymous_client.get("/en/")
    assert len(domain_queries(again.captured_queries)) == 11
    assert not any(CACHE_TABLE in query["sql"] for query in again.captured_queries)


# --- Nothing private is cached where another role could read it -----------------------------


def test_editor_first_then_anonymous(anonymous_client, editor_client):
    agreement_with_party(signed_on=datetime.date(2023, 3, 1))
    agreement_with_party(signed_on=datetime.date(2022, 3, 1), visibility="confidential")
    assert years_chart(editor_client) == {"2022": 1, "2023": 1}
    # The editor's figures are cached; the anonymous reader gets figures of its own.
    assert years_chart(anonymous_client) == {"2023": 1}


def test_anonymous_first_then_editor_and_staff(anonymous_client, staff_client, editor_client):
    agreement_with_party(signed_on=datetime.date(2023, 3, 1))
    agreement_with_party(signed_on=datetime.date(2022, 3, 1), visibility="confidential")
    agreement_with_party(signed_on=datetime.date(2021, 3, 1), visibility="internal")
    assert years_chart(anonymous_client) == {"2023": 1}
    assert years_chart(staff_client) == {"2021": 1, "2022": 0, "2023": 1}
    assert years_chart(editor_client) == {"2021": 1, "2022": 1, "2023": 1}
    # And back: each scope still reads its own entry.
    assert years_chart(anonymous_client) == {"2023": 1}
    assert years_chart(staff_client) == {"2021": 1, "2022": 0, "2023": 1}


def test_confidential_titles_never_reach_anonymous_lists(anonymous_client, editor_client):
    today = timezone.localdate()
    factories.AgreementFactory(
        title_en="Secret protocol",
        visibility="confidential",
        signed_on=today - datetime.timedelta(days=400),
        expires_on=today + datetime.timedelta(days=30),
    )
    assert "Secret protocol" in editor_client.get("/en/").content.decode()
    assert "Secret protocol" not in anonymous_client.get("/en/").content.decode()


def test_a_partners_figures_are_not_served_to_anonymous():
    own = agreement_with_party("CN", visibility="internal", signed_on=datetime.date(2022, 3, 1))
    agreement_with_party("RU", signed_on=datetime.date(2023, 3, 1))
    partner = PartnerUser(own.parties.get().organization_id)

    partner_years = dashboard_cache.cached_dashboard(partner)["charts"][0].rows
    assert {row.label: row.value for row in partner_years} == {"2022": 1, "2023": 1}
    anonymous_years = dashboard_cache.cached_dashboard(AnonymousUser())["charts"][0].rows
    assert {row.label: row.value for row in anonymous_years} == {"2023": 1}
    # Nor another partner's, nor the other way round.
    other = PartnerUser(factories.OrganizationFactory().pk)
    other_years = dashboard_cache.cached_dashboard(other)["charts"][0].rows
    assert {row.label: row.value for row in other_years} == {"2023": 1}
    partner_again = dashboard_cache.cached_dashboard(partner)["charts"][0].rows
    assert {row.label: row.value for row in partner_again} == {"2022": 1, "2023": 1}


def test_keys_are_per_scope_never_per_user(staff_user):
    today = datetime.date(2026, 1, 1)
    other_staff = factories.staff_viewer()
    keys = {
        "anonymous": dashboard_cache.entry_key(AnonymousUser(), "en", today),
        "plain user": dashboard_cache.entry_key(factories.UserFactory(), "en", today),
        "staff": dashboard_cache.entry_key(staff_user, "en", today),
        "other staff": dashboard_cache.entry_key(other_staff, "en", today),
        "editor": dashboard_cache.entry_key(factories.editor(), "en", today),
        "partner 1": dashboard_cache.entry_key(PartnerUser(1), "en", today),
        "partner 2": dashboard_cache.entry_key(PartnerUser(2), "en", today),
    }
    # An account without the Staff or Editors group reads what anonymous reads; two staff
    # viewers read the same; every other scope has a key of its own.
    assert keys["plain user"] == keys["anonymous"]
    assert keys["other staff"] == keys["staff"]
    distinct = {keys[name] for name in ("anonymous", "staff", "editor", "partner 1", "partner 2")}
    assert len(distinct) == 5


# --- Invalidation and its limits ------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_an_entry_counted_while_a_write_was_landing_ends_when_it_commits(anonymous_client):
    agreement = agreement_with_party(signed_on=datetime.date(2023, 3, 1))
    assert years_chart(anonymous_client) == {"2023": 1}
    # Another connection writes and has not committed yet ...
    params = connection.get_connection_params()
    with psycopg.connect(**params) as other:
        other.execute(
            f"UPDATE {Agreement._meta.db_table} SET signed_on = %s WHERE id = %s",  # noqa: S608
            [datetime.date(2024, 3, 1), agreement.pk],
        )
        # ... while a reader counts the figures from the rows as they were ...
        cache.clear()
        assert years_chart(anonymous_client) == {"2023": 1}
        other.commit()
    # ... and that entry is not served once the write has committed.
    assert years_chart(anonymous_client) == {"2024": 1}


def test_a_write_without_signals_shows_at_once(anonymous_client):
    """QuerySet.update() sends no signal: the data version, moved by a trigger, ends the entry."""
    agreement = agreement_with_party(signed_on=datetime.date(2023, 3, 1))
    assert years_chart(anonymous_client) == {"2023": 1}
    Agreement.objects.filter(pk=agreement.pk).update(signed_on=datetime.date(2024, 3, 1))
    assert years_chart(anonymous_client) == {"2024": 1}


def test_entries_expire_after_the_configured_time(anonymous_client):
    agreement_with_party(signed_on=datetime.date(2023, 3, 1))
    assert years_chart(anonymous_client) == {"2023": 1}
    key = cache.make_and_validate_key(dashboard_cache.entry_key(AnonymousUser(), "en", timezone.localdate()))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT expires FROM {CACHE_TABLE} WHERE cache_key = %s", [key])  # noqa: S608
        (expires,) = cursor.fetchone()
    assert 290 <= (expires - timezone.now()).total_seconds() <= 300


def test_without_its_cache_server_the_portal_still_reads_and_writes(anonymous_client, settings):
    # Redis on a port where nothing listens: pages and writes go on, uncached.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
        }
    }
    agreement_with_party(signed_on=datetime.date(2023, 3, 1))
    assert years_chart(anonymous_client) == {"2023": 1}
    agreement_with_party(signed_on=datetime.date(2024, 3, 1))
    assert years_chart(anonymous_client) == {"2023": 1, "2024": 1}
