"""Anonymous API list answers kept until the data change (portal/core/kept_answers.py): served
without the domain tables but still throttled, gone as soon as any write moves the data version,
kept apart by language and query, never kept for or served to a key or a session."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from agreements.models import Agreement
from portal.core.visibility import Visibility
from tests import factories

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("kept_caches_on")]

URL = "/api/v1/agreements/"
DOMAIN_PREFIXES = ("agreements_", "consortium_")


@pytest.fixture
def agreements():
    public = factories.AgreementFactory(title_en="Permafrost monitoring", visibility=Visibility.PUBLIC)
    internal = factories.AgreementFactory(title_en="Quokka internal", visibility=Visibility.INTERNAL)
    return public, internal


def get(client, url=URL, **extra):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **extra)
    sent = [q["sql"] for q in queries.captured_queries if any(p in q["sql"] for p in DOMAIN_PREFIXES)]
    return response, sent


def titles(response, field="title_en") -> set[str]:
    return {row[field] for row in response.json()["results"]}


def test_the_second_anonymous_list_reads_no_domain_table(agreements):
    client = APIClient()
    first, sent_first = get(client)
    second, sent_second = get(client)
    assert sent_first
    assert sent_second == []
    assert second.json() == first.json()
    assert titles(second) == {"Permafrost monitoring"}
    assert second.json()["count"] == 1


def test_kept_answers_are_still_throttled(agreements, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "anon": "2/minute"},
    }
    client = APIClient()
    statuses = [client.get(URL).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]


def test_a_write_without_signals_shows_at_once(agreements):
    public, _internal = agreements
    client = APIClient()
    assert titles(client.get(URL)) == {"Permafrost monitoring"}
    Agreement.objects.filter(pk=public.pk).update(visibility=Visibility.CONFIDENTIAL)
    assert client.get(URL).json()["count"] == 0


def test_a_key_and_a_session_never_get_nor_leave_a_kept_answer(
    agreements, api_editor, api_staff_key, partner_org
):
    _public, internal = agreements
    factories.PartyFactory(agreement=internal, organization=partner_org)
    partner = APIClient()
    partner.credentials(HTTP_AUTHORIZATION=f"Api-Key {factories.api_key(organization=partner_org)}")
    anonymous = APIClient()
    for viewer in (partner, api_editor, api_staff_key):
        assert "Quokka internal" in titles(viewer.get(URL))
        assert titles(anonymous.get(URL)) == {"Permafrost monitoring"}
    for viewer in (partner, api_editor, api_staff_key):
        response, sent = get(viewer)
        assert sent, "a keyed or signed-in answer is computed, not read from the cache"
        assert "Quokka internal" in titles(response)


def test_languages_and_queries_are_kept_apart(agreements):
    public, _internal = agreements
    Agreement.objects.filter(pk=public.pk).update(title_ky="Түбөлүк тоң")
    client = APIClient()
    for _ in range(2):
        assert titles(client.get(URL, {"lang": "ky"}), "title") == {"Түбөлүк тоң"}
        assert titles(client.get(URL, {"lang": "en"}), "title") == {"Permafrost monitoring"}
        assert titles(client.get(URL, HTTP_ACCEPT_LANGUAGE="en"), "title") == {"Permafrost monitoring"}
        assert titles(client.get(URL, HTTP_ACCEPT_LANGUAGE="ky"), "title") == {"Түбөлүк тоң"}
        assert client.get(URL, {"q": "nothing-like-this"}).json()["count"] == 0


def test_csv_is_not_kept(agreements):
    client = APIClient()
    client.get(URL, {"format": "csv"})
    _response, sent = get(client, f"{URL}?format=csv")
    assert sent
