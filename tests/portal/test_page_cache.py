"""Kept anonymous pages (portal/page_cache.py): served without touching the domain tables, gone
as soon as any write moves the data version, whatever the path, and never kept for, nor served
to, a viewer who is somebody."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from agreements.models import Agreement
from portal.core.data_version import bump_data_version, data_version
from portal.core.visibility import Visibility
from portal.data_triggers import TRIGGER, domain_tables
from tests import factories

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("kept_caches_on")]

DOMAIN_PREFIXES = ("agreements_", "consortium_")


def domain_queries(client, url):
    """The response, and the SQL it sent to the domain tables (not the cache or the version)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    sent = [q["sql"] for q in queries.captured_queries if any(app in q["sql"] for app in DOMAIN_PREFIXES)]
    return response, sent


@pytest.fixture
def public_agreement():
    return factories.AgreementFactory(title_en="Permafrost monitoring", visibility=Visibility.PUBLIC)


def test_a_second_anonymous_request_is_served_without_the_domain_tables(public_agreement):
    client = Client()
    first, sent_first = domain_queries(client, "/en/agreements/")
    second, sent_second = domain_queries(client, "/en/agreements/")
    assert sent_first, "the first request renders the page"
    assert sent_second == []
    assert second.status_code == 200
    assert second.content == first.content
    assert "Permafrost monitoring" in second.content.decode()
    # Still a public page with its validators: a browser revalidates it with a 304.
    assert "public" in second["Cache-Control"]
    again = client.get("/en/agreements/", HTTP_IF_NONE_MATCH=second["ETag"])
    assert again.status_code == 304


def test_an_update_that_sends_no_signal_shows_at_once(public_agreement):
    client = Client()
    assert "Permafrost monitoring" in client.get("/en/agreements/").content.decode()
    Agreement.objects.filter(pk=public_agreement.pk).update(title_en="Glacier mass balance")
    page = client.get("/en/agreements/").content.decode()
    assert "Glacier mass balance" in page
    assert "Permafrost monitoring" not in page


def test_a_record_made_confidential_in_raw_sql_disappears_from_kept_pages(public_agreement):
    client = Client()
    detail = f"/en/agreements/{public_agreement.pk}/"
    assert client.get(detail).status_code == 200
    assert "Permafrost monitoring" in client.get("/en/agreements/").content.decode()
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE agreements_agreement SET visibility = %s WHERE id = %s",
            [Visibility.CONFIDENTIAL, public_agreement.pk],
        )
    assert client.get(detail).status_code == 404
    assert "Permafrost monitoring" not in client.get("/en/agreements/").content.decode()


def test_a_link_row_written_in_raw_sql_moves_the_version(public_agreement):
    topic = factories.TopicFactory()
    before = data_version()
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO agreements_agreement_topics (agreement_id, topic_id) VALUES (%s, %s)",
            [public_agreement.pk, topic.pk],
        )
    assert data_version() != before


def test_each_write_moves_the_version_past_the_last_even_when_the_clock_is_behind(public_agreement):
    # As if two writes fell in one microsecond, or the clock was set back: the row's time is
    # ahead of the clock. The next write must still move the version, and forward.
    with connection.cursor() as cursor:
        cursor.execute("UPDATE portal_data_version SET changed_at = clock_timestamp() + interval '1 hour'")
    ahead = int(data_version())
    Agreement.objects.filter(pk=public_agreement.pk).update(title_en="Moved")
    after_trigger = int(data_version())
    with connection.cursor() as cursor:
        bump_data_version(cursor)  # as generate_data moves it by hand
    assert ahead < after_trigger < int(data_version())


def test_every_domain_table_has_the_trigger():
    tables = domain_tables()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE t.tgname = %s",
            [TRIGGER],
        )
        with_trigger = {row[0] for row in cursor.fetchall()}
        cursor.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
            "AND (tablename LIKE 'agreements\\_%%' OR tablename LIKE 'consortium\\_%%') "
            "AND tablename NOT LIKE '%%event'"
        )
        domain = {row[0] for row in cursor.fetchall()}
    assert "agreements_agreement" in tables and "agreements_agreement_topics" in tables
    assert domain <= set(tables), domain - set(tables)
    assert set(tables) <= with_trigger, set(tables) - with_trigger


def test_a_signed_in_reader_never_gets_a_kept_page_and_never_leaves_one(editor_client):
    secret = factories.AgreementFactory(title_en="Zephyr confidential", visibility=Visibility.CONFIDENTIAL)
    anonymous = Client()
    # The editor first: what the editor sees must not be kept for the anonymous reader.
    assert "Zephyr confidential" in editor_client.get("/en/agreements/").content.decode()
    for _ in range(2):
        assert "Zephyr confidential" not in anonymous.get("/en/agreements/").content.decode()
    # The anonymous page is kept now: the editor still gets the editor's page.
    _response, sent = domain_queries(editor_client, "/en/agreements/")
    assert sent, "the editor's page is rendered, not read from the cache"
    assert "Zephyr confidential" in _response.content.decode()
    assert anonymous.get(f"/en/agreements/{secret.pk}/").status_code == 404
    assert editor_client.get(f"/en/agreements/{secret.pk}/").status_code == 200


def kept_pages() -> int:
    """Entries of the page cache in the cache table (Django's cache_page key names)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM portal_cache WHERE cache_key LIKE %s", ["%cache_page.page:%"])
        return cursor.fetchone()[0]


@pytest.mark.parametrize(
    ("url", "headers", "kept"),
    [
        ("/en/agreements/", {}, 1),  # the control: a plain anonymous page is kept
        ("/en/agreements/", {"HTTP_AUTHORIZATION": "Api-Key abc.def"}, 0),
        ("/en/agreements/", {"HTTP_COOKIE": "sessionid=whatever"}, 0),
        ("/en/agreements/?export=csv", {}, 0),
        ("/api/v1/agreements/", {}, 0),
        ("/admin/login/", {}, 0),  # a form with a CSRF token
        ("/en/agreements/999999/", {}, 0),  # a 404
        ("/en/agreements/?head", {"REQUEST_METHOD": "HEAD"}, 0),  # a HEAD has no body to keep
    ],
)
def test_what_is_kept(public_agreement, url, headers, kept):
    client = Client()
    for _ in range(2):
        if headers.get("REQUEST_METHOD") == "HEAD":
            client.head(url)
        else:
            client.get(url, **headers)
    assert kept_pages() == kept


def test_a_feed_is_kept_per_language_of_the_request(public_agreement):
    """The feed's URL holds no language: Accept-Language chooses it, and so it must the entry,
    whatever language the worker's previous request left active."""
    Agreement.objects.filter(pk=public_agreement.pk).update(title_ru="Мерзлота")
    client = Client()
    for _ in range(2):
        russian = client.get("/feeds/agreements.atom", HTTP_ACCEPT_LANGUAGE="ru").content.decode()
        english = client.get("/feeds/agreements.atom", HTTP_ACCEPT_LANGUAGE="en").content.decode()
        assert "Мерзлота" in russian and "Permafrost monitoring" not in russian
        assert "Permafrost monitoring" in english and "Мерзлота" not in english


def test_pages_in_turn_in_two_languages_are_served_kept(public_agreement):
    client = Client()
    for url in ("/ru/agreements/", "/en/agreements/"):
        client.get(url)
    for url in ("/ru/agreements/", "/en/agreements/", "/ru/agreements/"):
        _response, sent = domain_queries(client, url)
        assert sent == [], f"{url} was rendered again"


def test_languages_are_kept_apart(public_agreement):
    Agreement.objects.filter(pk=public_agreement.pk).update(title_ky="Түбөлүк тоң")
    client = Client()
    for _ in range(2):
        assert "Түбөлүк тоң" in client.get("/ky/agreements/").content.decode()
        assert "Permafrost monitoring" in client.get("/en/agreements/").content.decode()
        assert "Түбөлүк тоң" not in client.get("/en/agreements/").content.decode()


def test_generated_data_moves_the_version():
    before = data_version()
    call_command("generate_data", agreements=3, seed=1, stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert data_version() != before
