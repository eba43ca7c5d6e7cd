"""Agreements through the API: derived status, nested parties and signatories written in one
transaction, the model's rules as 400s, and nested rows that follow visibility.
"""

import datetime

import pytest

from agreements.models import Agreement, Party, Signatory
from agreements.services import AgreementInvalid, save_agreement
from portal.core.visibility import Visibility
from tests import factories as f

URL = "/api/v1/agreements/"
pytestmark = pytest.mark.django_db


def payload(**overrides):
    return {
        "kind": "agreement",
        "title_en": "Agreement on scientific cooperation",
        "signed_on": "2023-07-20",
    } | overrides


def counts():
    return Agreement.objects.count(), Party.objects.count(), Signatory.objects.count()


def test_create_with_parties_and_signatories_embeds_them(api_editor):
    academy, university = f.OrganizationFactory(country="KG"), f.OrganizationFactory(country="CN")
    president = f.PersonFactory()
    response = api_editor.post(
        URL,
        payload(
            parties=[
                {"organization": academy.pk, "role": "party", "name_as_signed_en": "National Academy"},
                {"organization": university.pk, "role": "coordinator"},
            ],
            signatories=[{"person": president.pk, "organization": academy.pk, "position_en": "President"}],
        ),
        format="json",
    )
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["status"] == "in_force"
    assert [p["organization"] for p in data["parties"]] == [academy.pk, university.pk]
    assert data["parties"][0]["name_as_signed_en"] == "National Academy"
    assert data["parties"][0]["organization_url"].endswith(f"/api/v1/organizations/{academy.pk}/")
    assert data["signatories"][0]["person"] == president.pk
    assert data["signatories"][0]["position"] == "President"


def test_an_invalid_nested_row_saves_nothing_and_names_row_and_field(api_editor):
    org = f.OrganizationFactory()
    person = f.PersonFactory()
    before = counts()
    response = api_editor.post(
        URL,
        payload(
            parties=[{"organization": org.pk}],
            signatories=[{"person": person.pk}, {"person": 999_999_999}],
        ),
        format="json",
    )
    assert response.status_code == 400
    errors = response.json()
    assert errors["signatories"][0] == {}
    assert list(errors["signatories"][1]) == ["person"]
    assert counts() == before


def test_a_duplicate_party_is_a_400_on_its_row(api_editor):
    org = f.OrganizationFactory()
    response = api_editor.post(
        URL, payload(parties=[{"organization": org.pk}, {"organization": org.pk}]), format="json"
    )
    assert response.status_code == 400
    assert response.json()["parties"][0] == {}
    assert "organization" in response.json()["parties"][1]


def test_a_failing_update_leaves_the_agreement_and_its_rows_as_they_were(api_editor):
    agreement = f.AgreementFactory(title_en="Before")
    party = f.PartyFactory(agreement=agreement)
    signatory = f.SignatoryFactory(agreement=agreement)
    response = api_editor.patch(
        f"{URL}{agreement.pk}/",
        {
            "title_en": "After",
            "parties": [{"organization": f.OrganizationFactory().pk}],
            "signatories": [{"person": signatory.person_id, "position_en": "x" * 301}],
        },
        format="json",
    )
    assert response.status_code == 400
    assert "position_en" in response.json()["signatories"][0]
    agreement.refresh_from_db()
    assert agreement.title_en == "Before"
    assert list(agreement.parties.values_list("pk", flat=True)) == [party.pk]
    assert list(agreement.signatories.values_list("pk", flat=True)) == [signatory.pk]


def test_update_replaces_nested_rows_and_keeps_matching_ones(api_editor):
    agreement = f.AgreementFactory()
    kept = f.PartyFactory(agreement=agreement)
    dropped = f.PartyFactory(agreement=agreement)
    new_org = f.OrganizationFactory()
    response = api_editor.patch(
        f"{URL}{agreement.pk}/",
        {
            "parties": [
                {"organization": kept.organization_id, "role": "depositary"},
                {"organization": new_org.pk},
            ]
        },
        format="json",
    )
    assert response.status_code == 200, response.content
    parties = {p["organization"]: p for p in response.json()["parties"]}
    assert set(parties) == {kept.organization_id, new_org.pk}
    assert parties[kept.organization_id]["id"] == kept.pk  # same row, its history continues
    assert parties[kept.organization_id]["role"] == "depositary"
    assert not Party.objects.filter(pk=dropped.pk).exists()


def test_omitted_nested_rows_are_left_alone(api_editor):
    agreement = f.AgreementFactory()
    party = f.PartyFactory(agreement=agreement)
    response = api_editor.patch(f"{URL}{agreement.pk}/", {"title_en": "Renamed"}, format="json")
    assert response.status_code == 200
    assert [p["id"] for p in response.json()["parties"]] == [party.pk]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"signed_on": "2023-07-20", "expires_on": "2020-01-01"}, "expires_on"),
        ({"signed_on": None, "entry_into_force_on": "2024-01-01"}, "signed_on"),
        ({"kind": "treaty"}, "kind"),
        ({"visibility": "secret"}, "visibility"),
        ({"signed_on": "2023-02-30"}, "signed_on"),
        ({"title_en": "x" * 501}, "title_en"),
        ({"title_en": 5}, "title_en"),
        ({"topics": ["green"]}, "topics"),
        ({"parent": True}, "parent"),
        ({"colour": "red"}, "colour"),
        ({"title_en": None, "title_ru": None, "title_ky": None}, "title"),
        ({"source_url": "not a url"}, "source_url"),
    ],
)
def test_bad_input_is_a_400_naming_the_field(api_editor, change, field):
    response = api_editor.post(URL, payload(**change), format="json")
    assert response.status_code == 400, response.content
    assert field in response.json(), response.json()
    assert Agreement.objects.count() == 0


def test_a_taken_reference_number_is_a_400_not_an_integrity_error(api_editor):
    f.AgreementFactory(reference_number="KG-CN-2023-1")
    response = api_editor.post(URL, payload(reference_number="KG-CN-2023-1"), format="json")
    assert response.status_code == 400
    assert "reference_number" in response.json()


def test_deleting_a_referenced_row_is_a_409(api_editor):
    org = f.OrganizationFactory()
    f.PartyFactory(organization=org)
    response = api_editor.delete(f"/api/v1/organizations/{org.pk}/")
    assert response.status_code == 409
    assert "detail" in response.json()


def test_status_is_derived_and_filterable(api_anonymous):
    today = datetime.date.today()
    expired = f.AgreementFactory(signed_on=datetime.date(2010, 1, 1), expires_on=datetime.date(2015, 1, 1))
    pending = f.AgreementFactory(
        signed_on=today - datetime.timedelta(days=10), entry_into_force_on=today + datetime.timedelta(days=30)
    )
    assert api_anonymous.get(f"{URL}{expired.pk}/").json()["status"] == "expired"
    assert api_anonymous.get(f"{URL}{pending.pk}/").json()["status"] == "signed"
    found = [row["id"] for row in api_anonymous.get(URL, {"status": "expired"}).json()["results"]]
    assert found == [expired.pk]


def test_a_link_to_a_hidden_parent_is_left_out(clients):
    parent = f.AgreementFactory(visibility=Visibility.CONFIDENTIAL)
    protocol = f.AgreementFactory(parent=parent, kind=Agreement.Kind.PROTOCOL)
    anonymous = clients["anonymous"].get(f"{URL}{protocol.pk}/").json()
    assert anonymous["parent"] is None and anonymous["parent_url"] is None
    assert clients["editor"].get(f"{URL}{protocol.pk}/").json()["parent"] == parent.pk
    # The list (read as rows, portal/core/api_rows.py) and its CSV leave it out too.
    listed = clients["anonymous"].get(URL).json()["results"]
    assert [(row["id"], row["parent"], row["parent_url"]) for row in listed] == [(protocol.pk, None, None)]
    csv_text = clients["anonymous"].get(URL, {"format": "csv"}).content.decode()
    assert f"/agreements/{parent.pk}/" not in csv_text
    editor_rows = clients["editor"].get(URL).json()["results"]
    assert {row["id"]: row["parent"] for row in editor_rows}[protocol.pk] == parent.pk


def test_signatures_on_hidden_agreements_do_not_show_through_the_people_filter(clients):
    org = f.OrganizationFactory()
    signer = f.PersonFactory()
    f.SignatoryFactory(
        person=signer, organization=org, agreement=f.AgreementFactory(visibility=Visibility.CONFIDENTIAL)
    )
    url = f"/api/v1/people/?organization={org.pk}"
    assert clients["anonymous"].get(url).json()["count"] == 0
    assert clients["partner"].get(url).json()["count"] == 0
    assert [row["id"] for row in clients["editor"].get(url).json()["results"]] == [signer.pk]


def test_nested_rows_of_hidden_agreements_never_appear(clients, partner_org):
    secret = f.AgreementFactory(visibility=Visibility.CONFIDENTIAL)
    f.SignatoryFactory(agreement=secret, person=f.PersonFactory(full_name_en="Secret Signer"))
    for role in ("anonymous", "partner", "staff"):
        body = clients[role].get(URL, {"limit": 500}).content.decode()
        assert "Secret Signer" not in body
        assert secret.title_en not in body


def test_the_service_is_all_or_nothing_for_other_callers_too(db):
    org = f.OrganizationFactory()
    before = counts()
    with pytest.raises(AgreementInvalid) as caught:
        save_agreement(
            None,
            {"kind": "agreement", "title_en": "From the admin"},
            parties=[{"organization": org}, {"organization": org}],
        )
    assert caught.value.errors["parties"][0] == {}
    assert "organization" in caught.value.errors["parties"][1]
    assert counts() == before
