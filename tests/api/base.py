"""The contract every API resource keeps (DESIGN.md sections 6 and 8).

A resource's test class names its path and supplies data through the hooks below; the tests
here check list, detail, languages, filters, CSV, create/update/delete as an editor (by session
and by key), refusal of writes for anonymous, partner and staff callers, rows hidden from each
role (404 on detail, absent from list, count and CSV) and the N+1 guard.
"""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

API = "/api/v1/"
ROLES = ("anonymous", "partner", "staff", "staff_key", "editor", "editor_key")


def result_ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


def csv_rows(response) -> list[dict]:
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))


@pytest.mark.django_db
class ResourceContract:
    resource = ""  # the path under /api/v1/, e.g. "agreements"
    model = None
    translated = "name"  # a translated field, given in English and Russian by make()
    invalid_filters: dict[str, str] = {}  # filter → a value it must refuse with a 400

    # --- Hooks a resource supplies ----------------------------------------------------------

    def make(self):
        """A row that every role may see, with `translated` in English and Russian."""
        raise NotImplementedError

    def make_full(self):
        """A row with the relations its list shows, for the N+1 guard (default: make())."""
        return self.make()

    def filter_cases(self) -> list[tuple[dict, list, list]]:
        """[(query parameters, rows that must be in the answer, rows that must not)]."""
        return []

    def create_payload(self) -> dict:
        raise NotImplementedError

    def update_payload(self, obj) -> dict:
        """A PATCH body; the answer must echo each of its values."""
        return {f"{self.translated}_en": "Renamed in English"}

    def hidden_rows(self, partner_org) -> dict[str, list]:
        """{role: [rows that role may not see]}; most resources are public record."""
        return {}

    # --- Helpers ----------------------------------------------------------------------------

    def list_url(self, **params):
        query = "&".join(f"{key}={value}" for key, value in params.items())
        return f"{API}{self.resource}/" + (f"?{query}" if query else "")

    def detail_url(self, pk):
        return f"{API}{self.resource}/{pk}/"

    # --- Reading ----------------------------------------------------------------------------

    @pytest.mark.parametrize("role", ROLES)
    def test_list_and_detail(self, clients, role):
        obj = self.make()
        client = clients[role]
        listed = client.get(self.list_url(limit=500))
        assert obj.pk in result_ids(listed)
        body = listed.json()
        assert set(body) == {"count", "next", "previous", "results"}
        detail = client.get(self.detail_url(obj.pk))
        assert detail.status_code == 200, detail.content
        data = detail.json()
        assert data["id"] == obj.pk
        assert data["url"] == f"http://testserver{self.detail_url(obj.pk)}"
        row = next(row for row in body["results"] if row["id"] == obj.pk)
        assert row == data  # a list row and the detail agree

    @pytest.mark.parametrize("role", ("anonymous", "partner", "staff", "editor"))
    @pytest.mark.parametrize("lang", ("ky", "ru", "en"))
    def test_every_list_row_is_its_detail(self, clients, role, lang):
        # The list reads rows by its own path (portal/core/api_rows.py), the detail through the
        # serializer: full rows, with all their relations, must come out the same.
        self.make_full()
        self.make_full()
        client = clients[role]
        listed = client.get(self.list_url(limit=500, lang=lang))
        rows = listed.json()["results"]
        assert rows
        for row in rows:
            assert row == client.get(self.detail_url(row["id"]), {"lang": lang}).json()

    def test_translated_fields(self, api_anonymous):
        obj = self.make()
        field = self.translated
        english = api_anonymous.get(self.detail_url(obj.pk), {"lang": "en"}).json()
        assert {field, f"{field}_ky", f"{field}_ru", f"{field}_en"} <= set(english)
        assert english[field] == getattr(obj, f"{field}_en")
        russian = api_anonymous.get(self.detail_url(obj.pk), HTTP_ACCEPT_LANGUAGE="ru")
        assert russian.json()[field] == getattr(obj, f"{field}_ru")
        assert russian["Content-Language"] == "ru"

    def test_filters(self, api_editor):
        cases = self.filter_cases()
        for params, included, excluded in cases:
            found = result_ids(api_editor.get(self.list_url(limit=500, **params)))
            for row in included:
                assert row.pk in found, (params, row)
            for row in excluded:
                assert row.pk not in found, (params, row)

    def test_invalid_filter_values_are_400_naming_the_filter(self, api_anonymous):
        for name, value in {"limit": "0", "offset": "-1", "lang": "xx", **self.invalid_filters}.items():
            response = api_anonymous.get(self.list_url(**{name: value}))
            assert response.status_code == 400, (name, response.content)
            assert name in response.json(), response.json()

    def test_csv_has_the_same_rows_as_json_page_by_page(self, api_anonymous):
        for _ in range(3):
            self.make()
        for offset in (0, 2):
            page = api_anonymous.get(self.list_url(limit=2, offset=offset))
            rows = csv_rows(api_anonymous.get(self.list_url(limit=2, offset=offset, format="csv")))
            assert [int(row["id"]) for row in rows] == result_ids(page)
            if rows:
                assert list(rows[0]) == list(page.json()["results"][0])

    # --- Writing ----------------------------------------------------------------------------

    @pytest.mark.parametrize("role", ["editor", "editor_key"])
    def test_editor_creates_updates_and_deletes(self, clients, role):
        client = clients[role]
        created = client.post(self.list_url(), self.create_payload(), format="json")
        assert created.status_code == 201, created.content
        pk = created.json()["id"]
        assert created["Location"] == created.json()["url"]
        assert client.get(self.detail_url(pk)).json() == created.json()

        change = self.update_payload(self.model.objects.get(pk=pk))
        updated = client.patch(self.detail_url(pk), change, format="json")
        assert updated.status_code == 200, updated.content
        for key, value in change.items():
            assert updated.json()[key] == value, key

        replaced = client.put(self.detail_url(pk), self.create_payload(), format="json")
        assert replaced.status_code == 200, replaced.content

        deleted = client.delete(self.detail_url(pk))
        assert deleted.status_code == 204, deleted.content
        assert client.get(self.detail_url(pk)).status_code == 404
        assert not self.model.objects.filter(pk=pk).exists()

    @pytest.mark.parametrize(
        ("role", "status"), [("anonymous", 401), ("partner", 403), ("staff", 403), ("staff_key", 403)]
    )
    def test_writes_refused(self, clients, role, status):
        obj = self.make()
        client = clients[role]
        before = self.model.objects.count()
        assert client.post(self.list_url(), self.create_payload(), format="json").status_code == status
        assert (
            client.patch(self.detail_url(obj.pk), self.update_payload(obj), format="json").status_code
            == status
        )
        assert client.put(self.detail_url(obj.pk), self.create_payload(), format="json").status_code == status
        assert client.delete(self.detail_url(obj.pk)).status_code == status
        assert self.model.objects.count() == before
        unchanged = self.model.objects.get(pk=obj.pk)
        assert getattr(unchanged, f"{self.translated}_en") == getattr(obj, f"{self.translated}_en")

    # --- Visibility -------------------------------------------------------------------------

    def test_hidden_rows_are_404_and_absent_from_list_count_and_csv(self, clients, partner_org):
        hidden = self.hidden_rows(partner_org)
        for role, rows in hidden.items():
            client = clients[role]
            listed = client.get(self.list_url(limit=500))
            found = result_ids(listed)
            assert listed.json()["count"] == len(found)
            in_csv = [int(row["id"]) for row in csv_rows(client.get(self.list_url(limit=500, format="csv")))]
            for row in rows:
                assert client.get(self.detail_url(row.pk)).status_code == 404, (role, row)
                assert row.pk not in found, (role, row)
                assert row.pk not in in_csv, (role, row)
            # Each hidden row exists: the editor sees it.
            for row in rows:
                assert clients["editor"].get(self.detail_url(row.pk)).status_code == 200

    # --- Queries ----------------------------------------------------------------------------

    @pytest.mark.parametrize("role", ["anonymous", "partner", "editor"])
    def test_list_query_count_does_not_grow_with_rows(self, clients, role):
        client = clients[role]
        url = self.list_url(limit=50)
        self.make_full()
        client.get(url)  # warm-up: the session, the throttle's cache row
        with CaptureQueriesContext(connection) as one:
            assert client.get(url).status_code == 200
        for _ in range(29):
            self.make_full()
        with CaptureQueriesContext(connection) as thirty:
            response = client.get(url)
        assert response.json()["count"] >= 30
        assert len(thirty) == len(one), "\n".join(q["sql"][:160] for q in thirty.captured_queries)
