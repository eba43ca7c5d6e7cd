"""The API's HTTP behaviour shared by every resource: errors as JSON, body size, languages,
pages, CSV and conditional GET.
"""

import json

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import override_settings

from tests import factories as f

pytestmark = pytest.mark.django_db
URL = "/api/v1/organizations/"


def test_malformed_json_is_a_400(api_editor):
    response = api_editor.generic("POST", URL, '{"name_en": "x",', content_type="application/json")
    assert response.status_code == 400
    assert "detail" in response.json()


def test_a_body_that_is_not_an_object_is_a_400(api_editor):
    response = api_editor.generic("POST", URL, "[1, 2]", content_type="application/json")
    assert response.status_code == 400
    assert "non_field_errors" in response.json()


def test_form_encoded_bodies_are_refused(api_editor):
    response = api_editor.post(URL, {"name_en": "x"})  # multipart
    assert response.status_code == 415


def test_unknown_and_mistyped_fields_are_named(api_editor):
    response = api_editor.post(URL, {"name_en": ["a list"], "nickname": "x", "kind": 3}, format="json")
    assert response.status_code == 400
    assert set(response.json()) >= {"name_en", "nickname", "kind"}


def test_a_lone_surrogate_is_a_400_not_a_database_error(api_editor):
    response = api_editor.generic("POST", URL, '{"name_en": "\\ud800"}', content_type="application/json")
    assert response.status_code == 400
    assert "name_en" in response.json()


def test_bodies_over_one_megabyte_are_refused_with_413(api_editor):
    body = json.dumps({"name_en": "x", "description_en": "y" * (1024 * 1024)})
    response = api_editor.generic("POST", URL, body, content_type="application/json")
    assert response.status_code == 413
    assert "detail" in response.json()


def test_read_only_fields_sent_back_are_ignored_so_a_get_can_be_put_back(api_editor):
    org = f.OrganizationFactory()
    data = api_editor.get(f"{URL}{org.pk}/").json()
    data["name_en"] = "Renamed"
    response = api_editor.put(f"{URL}{org.pk}/", data, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["name_en"] == "Renamed"


def test_unknown_paths_under_the_api_are_json_404s(api_anonymous):
    response = api_anonymous.get("/api/v1/treaties/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_language_by_parameter_or_header(api_anonymous):
    org = f.OrganizationFactory(
        name_ky="Улуттук илимдер академиясы", name_ru="Национальная академия наук", name_en=""
    )
    detail = f"{URL}{org.pk}/"
    assert api_anonymous.get(detail, {"lang": "ru"}).json()["name"] == "Национальная академия наук"
    assert api_anonymous.get(detail, HTTP_ACCEPT_LANGUAGE="ru").json()["name"] == "Национальная академия наук"
    assert (
        api_anonymous.get(detail, {"lang": "ky"}, HTTP_ACCEPT_LANGUAGE="ru")
        .json()["name"]
        .startswith("Улуттук")
    )
    # An empty English name falls back (ky first), never an empty cell.
    assert api_anonymous.get(detail, {"lang": "en"}).json()["name"] == "Улуттук илимдер академиясы"
    # Messages follow the language too.
    bad = api_anonymous.get(URL, {"kind": "castle", "lang": "en"}).json()["kind"][0]
    assert "castle" in bad and "valid choice" in bad


def test_pages_have_count_next_previous_and_a_limit_of_at_most_500(api_anonymous):
    for _ in range(5):
        f.OrganizationFactory()
    first = api_anonymous.get(URL, {"limit": 2}).json()
    assert first["count"] == 5 and len(first["results"]) == 2 and first["previous"] is None
    second = api_anonymous.get(first["next"]).json()
    assert second["previous"] and {r["id"] for r in second["results"]}.isdisjoint(
        r["id"] for r in first["results"]
    )
    assert len(api_anonymous.get(URL).json()["results"]) == 5  # default 50
    assert api_anonymous.get(URL, {"limit": 500}).status_code == 200
    for bad in ({"limit": 501}, {"limit": "ten"}, {"offset": "-3"}, {"limit": ""}):
        response = api_anonymous.get(URL, bad)
        if bad.get("limit") == "":
            assert response.status_code == 200  # an empty limit is the default
            continue
        assert response.status_code == 400, bad
        assert set(response.json()) == set(bad)


def test_csv_asks_for_all_pages_with_limit(api_anonymous):
    for _ in range(3):
        f.OrganizationFactory(name_en="=HYPERLINK(evil)")
    response = api_anonymous.get(URL, {"format": "csv", "limit": 500})
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="organization.csv"'
    lines = response.content.decode().splitlines()
    assert len(lines) == 4
    assert ",'=HYPERLINK(evil)," in lines[1]  # a spreadsheet would run it as a formula: quoted
    assert "format=csv" not in response.content.decode()


def test_csv_errors_are_still_json(api_anonymous):
    response = api_anonymous.get(URL, {"format": "csv", "kind": "castle"})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"


def test_conditional_get_by_etag_and_last_modified(api_anonymous):
    org = f.OrganizationFactory()
    for url in (URL, f"{URL}{org.pk}/"):
        first = api_anonymous.get(url)
        assert first.status_code == 200 and first["ETag"]
        again = api_anonymous.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
        assert again.status_code == 304
        assert again.content == b""
    detail = api_anonymous.get(f"{URL}{org.pk}/")
    assert (
        api_anonymous.get(f"{URL}{org.pk}/", HTTP_IF_MODIFIED_SINCE=detail["Last-Modified"]).status_code
        == 304
    )
    org.name_en = "Changed"
    org.save()
    changed = api_anonymous.get(f"{URL}{org.pk}/", HTTP_IF_NONE_MATCH=detail["ETag"])
    assert changed.status_code == 200
    assert "Accept-Language" in changed["Vary"] and "Authorization" in changed["Vary"]


def test_a_different_language_is_a_different_etag(api_anonymous):
    org = f.OrganizationFactory()
    english = api_anonymous.get(f"{URL}{org.pk}/", {"lang": "en"})
    russian = api_anonymous.get(f"{URL}{org.pk}/", {"lang": "ru"}, HTTP_IF_NONE_MATCH=english["ETag"])
    assert russian.status_code == 200


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=100)
def test_the_body_limit_follows_the_setting(api_editor):
    response = api_editor.post(URL, {"name_en": "x" * 200}, format="json")
    assert response.status_code == 413


def test_a_throttled_request_gets_429_with_retry_after_as_json(api_anonymous):
    cache.clear()
    rates = {"anon": "2/minute", "api_key": "2/minute", "user": "2/minute"}
    with override_settings(REST_FRAMEWORK={**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}):
        assert api_anonymous.get("/api/v1/topics/").status_code == 200
        assert api_anonymous.get("/api/v1/topics/").status_code == 200
        response = api_anonymous.get("/api/v1/topics/")
    assert response.status_code == 429
    assert int(response["Retry-After"]) >= 1
    assert set(json.loads(response.content)) == {"detail"}
