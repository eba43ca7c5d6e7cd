"""The editors' admin: one-page entry of a protocol, documents, spreadsheets, who may do what.

Every form is posted as the browser would post it (management forms included), and every test
checks what the editor sees (the page, its errors and messages) and what the database then holds.
"""

import datetime
import hashlib
import io
import re

import openpyxl
import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from agreements.documents import attach_pdf
from agreements.models import Agreement, Document, Organization, Party, Person, Signatory
from agreements.resources import OrganizationResource
from tests.agreements.admin_factories import csv_upload, pdf_upload, small_pdf, xlsx_upload
from tests.factories import (
    AgreementFactory,
    MeetingFactory,
    OrganizationFactory,
    PartyFactory,
    PersonFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db

ADD_AGREEMENT = reverse("admin:agreements_agreement_add")
AGREEMENTS = reverse("admin:agreements_agreement_changelist")
# Each inline with the values its blank row already holds, which a browser posts as they are.
INLINES = {
    "parties": {"role": "party", "order": "0"},
    "signatories": {"order": "0"},
    "documents": {"kind": "signed_original"},
    "commitments": {"status": "planned", "order": "0"},
}
CSV, XLSX = "0", "1"  # positions in the admin's import/export formats


@pytest.fixture
def editor_client(editor_client):
    # The admin speaks the browser's language; these tests read its English messages.
    editor_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return editor_client


@pytest.fixture
def staff_client(staff_client):
    staff_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return staff_client


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def stored_files(root):
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def agreement_post(inline_rows=None, **fields):
    """The add form's data: the agreement's fields, then each inline's management form and rows."""
    data = {
        "kind": "protocol",
        "title_ky": "Протокол",
        "title_ru": "Протокол",
        "title_en": "Protocol",
        "visibility": "public",
        "signed_on_precision": "day",
        **fields,
    }
    for prefix, initial in INLINES.items():
        rows = [initial | row for row in (inline_rows or {}).get(prefix, [])]
        data |= {
            f"{prefix}-TOTAL_FORMS": str(len(rows)),
            f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-MIN_NUM_FORMS": "0",
            f"{prefix}-MAX_NUM_FORMS": "1000",
        }
        for index, row in enumerate(rows):
            data |= {f"{prefix}-{index}-{name}": value for name, value in row.items()}
    return data


def page_errors(response):
    """The error messages the page shows, as text."""
    return " ".join(
        re.findall(r'<ul class="errorlist[^"]*"[^>]*>(.*?)</ul>', response.content.decode(), re.S)
    )


# --- Every model has its pages ---------------------------------------------------------------

DOMAIN_MODELS = [
    model
    for app in ("agreements", "consortium")
    for model in apps.get_app_config(app).get_models()
    # The audit rows written by triggers are read through pghistory's own admin.
    if not model._meta.model_name.endswith("event")
]


@pytest.mark.parametrize("model", DOMAIN_MODELS, ids=lambda model: model._meta.label)
def test_every_domain_model_has_a_list_a_search_and_an_add_page(editor_client, model):
    assert admin.site.is_registered(model)
    name = f"admin:{model._meta.app_label}_{model._meta.model_name}"

    listing = editor_client.get(reverse(f"{name}_changelist"))
    searched = editor_client.get(reverse(f"{name}_changelist"), {"q": "академия"})
    add_page = editor_client.get(reverse(f"{name}_add"))

    assert (listing.status_code, searched.status_code, add_page.status_code) == (200, 200, 200)
    assert str(model._meta.verbose_name_plural) in listing.content.decode().lower()


# --- Entering a protocol on one page ---------------------------------------------------------


def test_editor_adds_a_protocol_with_parties_and_signatories_on_one_page(editor_client):
    academy = OrganizationFactory(name_ru="Национальная академия наук", country="KG")
    cas = OrganizationFactory(name_en="Chinese Academy of Sciences", country="CN")
    president, vice = PersonFactory(), PersonFactory()
    parent = AgreementFactory(title_en="Cooperation agreement")
    meeting = MeetingFactory()
    topic = TopicFactory(slug="green-technologies")

    response = editor_client.post(
        ADD_AGREEMENT,
        agreement_post(
            title_en="Protocol of the 2nd meeting",
            signed_on="2025-07-01",
            signed_place_ru="Бишкек",
            parent=parent.pk,
            meeting=meeting.pk,
            topics=[topic.pk],
            inline_rows={
                "parties": [
                    {"organization": academy.pk, "role": "coordinator", "order": "0"},
                    {"organization": cas.pk, "role": "party", "order": "1"},
                ],
                "signatories": [
                    {"person": president.pk, "organization": academy.pk, "position_ru": "Президент НАН КР"},
                    {"person": vice.pk, "organization": cas.pk, "position_en": "Vice-President of CAS"},
                ],
                "commitments": [
                    {"text_ky": "10 жаш илимпозду кабыл алуу", "text_en": "Host 10 young scientists"}
                ],
            },
        ),
        follow=True,
    )

    assert response.redirect_chain[-1][0] == AGREEMENTS
    assert "was added successfully" in response.content.decode()
    protocol = Agreement.objects.get(title_en="Protocol of the 2nd meeting")
    assert protocol.kind == Agreement.Kind.PROTOCOL
    assert (protocol.parent, protocol.meeting, list(protocol.topics.all())) == (parent, meeting, [topic])
    assert [(p.organization, p.role) for p in protocol.parties.order_by("order")] == [
        (academy, "coordinator"),
        (cas, "party"),
    ]
    signatories = {
        s.person: (s.organization, s.position_ru or "", s.position_en or "")
        for s in protocol.signatories.all()
    }
    assert signatories == {
        president: (academy, "Президент НАН КР", ""),
        vice: (cas, "", "Vice-President of CAS"),
    }
    assert protocol.commitments.get().text_en == "Host 10 young scientists"


def test_the_same_person_signing_twice_is_refused_and_nothing_is_saved(editor_client):
    org_a, org_b = OrganizationFactory(), OrganizationFactory()
    person = PersonFactory()

    response = editor_client.post(
        ADD_AGREEMENT,
        agreement_post(
            inline_rows={
                "parties": [
                    {"organization": org_a.pk, "role": "party"},
                    {"organization": org_b.pk, "role": "party"},
                ],
                "signatories": [{"person": person.pk}, {"person": person.pk}],
            }
        ),
    )

    assert response.status_code == 200
    assert "Please correct the duplicate data for person" in page_errors(response)
    assert not Agreement.objects.exists()
    assert not Party.objects.exists()
    assert not Signatory.objects.exists()


def test_a_signatory_without_a_person_is_refused_and_nothing_is_saved(editor_client):
    org = OrganizationFactory()

    response = editor_client.post(
        ADD_AGREEMENT,
        agreement_post(
            inline_rows={
                "parties": [{"organization": org.pk, "role": "party"}],
                "signatories": [{"person": "", "organization": org.pk, "position_en": "Rector"}],
            }
        ),
    )

    assert response.status_code == 200
    assert "This field is required." in page_errors(response)
    assert not Agreement.objects.exists()
    assert not Party.objects.exists()


def test_an_agreement_that_expires_before_it_was_signed_is_refused(editor_client):
    response = editor_client.post(
        ADD_AGREEMENT, agreement_post(signed_on="2025-07-01", expires_on="2025-06-30")
    )

    assert response.status_code == 200
    # The constraint's own message, in words an editor understands (not the constraint's name).
    assert "The expiry date cannot be before the signature." in page_errors(response)
    assert not Agreement.objects.exists()


def test_translated_fields_come_in_language_tabs_served_by_the_portal(editor_client):
    response = editor_client.get(ADD_AGREEMENT)

    html = response.content.decode()
    for language in ("ky", "ru", "en"):
        assert f'name="title_{language}"' in html
        assert f"mt-field-title-{language}" in html  # the class modeltranslation's tabs group by
    scripts = re.findall(r'<script[^>]*src="([^"]+)"', html)
    assert "/static/modeltranslation/js/tabbed_translation_fields.js" in scripts
    assert "/static/vendor/jquery-ui/jquery-ui.min.js" in scripts
    # No script or style sheet from anywhere but the portal itself.
    assets = scripts + re.findall(r'<link[^>]*href="([^"]+)"', html)
    assert all(url.startswith("/") and not url.startswith("//") for url in assets), assets


def test_autocomplete_finds_an_organisation_by_its_russian_name(editor_client):
    academy = OrganizationFactory(name_ru="Национальная академия наук")
    OrganizationFactory(name_ru="Министерство науки")

    response = editor_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "agreements", "model_name": "party", "field_name": "organization", "term": "академия"},
    )

    assert [row["id"] for row in response.json()["results"]] == [str(academy.pk)]


# --- The agreement list ----------------------------------------------------------------------


def test_the_list_filters_by_derived_status_and_by_a_partys_country(editor_client):
    today = datetime.date.today()
    in_force = AgreementFactory(title_en="Still in force", signed_on=today - datetime.timedelta(days=30))
    expired = AgreementFactory(
        title_en="Long expired", signed_on=datetime.date(2015, 1, 1), expires_on=datetime.date(2020, 1, 1)
    )
    PartyFactory(agreement=in_force, organization=OrganizationFactory(country="CN"))
    PartyFactory(agreement=expired, organization=OrganizationFactory(country="KG"))

    by_status = editor_client.get(AGREEMENTS, {"status": "expired"}).content.decode()
    by_country = editor_client.get(AGREEMENTS, {"parties__organization__country": "CN"}).content.decode()

    assert "Long expired" in by_status and "Still in force" not in by_status
    assert "Still in force" in by_country and "Long expired" not in by_country


# --- Documents -------------------------------------------------------------------------------


def test_a_file_that_is_not_a_pdf_is_refused_with_a_reason_and_nothing_is_saved(editor_client, media_root):
    org = OrganizationFactory()
    # Named .pdf and sent as application/pdf: only its bytes give it away.
    fake = pdf_upload("scan.pdf", content=b"<html>not a pdf</html>")

    response = editor_client.post(
        ADD_AGREEMENT,
        agreement_post(
            inline_rows={
                "parties": [{"organization": org.pk, "role": "party"}],
                "documents": [{"kind": "signed_original", "language": "ru", "file": fake}],
            }
        ),
    )

    assert response.status_code == 200
    assert "This file is not a PDF" in page_errors(response)
    assert not Agreement.objects.exists()
    assert not Party.objects.exists()
    assert not Document.objects.exists()
    assert stored_files(media_root) == []


def test_a_pdf_over_the_size_cap_is_refused(editor_client, settings, media_root):
    agreement = AgreementFactory()
    settings.DOCUMENT_MAX_BYTES = 100

    response = editor_client.post(
        reverse("admin:agreements_document_add"),
        {"agreement": agreement.pk, "kind": "signed_original", "file": pdf_upload()},
    )

    assert response.status_code == 200
    assert "documents may be at most 100" in page_errors(response)
    assert not Document.objects.exists()
    assert stored_files(media_root) == []


def test_a_real_pdf_is_stored_under_its_hash_with_sha256_and_size_shown(
    editor_client, editor_user, media_root
):
    agreement = AgreementFactory()
    content = small_pdf("Signed protocol")
    change_url = reverse("admin:agreements_agreement_change", args=[agreement.pk])
    data = agreement_post(
        title_en=agreement.title_en,
        title_ky="Протокол",
        signed_on="2023-07-20",
        kind="agreement",
        inline_rows={
            "documents": [
                {
                    "kind": "signed_original",
                    "language": "ru",
                    "file": pdf_upload("Signed protocol (scan).pdf", content),
                }
            ]
        },
    )

    response = editor_client.post(change_url, data, follow=True)

    assert "was changed successfully" in response.content.decode()
    document = agreement.documents.get()
    expected = hashlib.sha256(content).hexdigest()
    assert document.sha256 == expected
    assert document.size == len(content)
    assert document.original_name == "Signed_protocol_scan.pdf"
    assert document.uploaded_by == editor_user
    assert document.file.name == f"documents/{expected[:2]}/{expected}.pdf"
    assert (media_root / document.file.name).read_bytes() == content
    # The hash and size are shown, not editable.
    page = editor_client.get(change_url).content.decode()
    assert expected in page
    assert f'href="{document.get_absolute_url()}">Signed_protocol_scan.pdf</a>' in page
    assert 'name="documents-0-sha256"' not in page and 'name="documents-0-size"' not in page


# --- Spreadsheets ----------------------------------------------------------------------------


def import_file(client, model, upload, file_format=CSV):
    return client.post(
        reverse(f"admin:agreements_{model}_import"),
        {"resource": "0", "format": file_format, "import_file": upload},
    )


ORGANISATION_ROWS = [
    {
        "id": "",
        "name_ky": "Кыргыз улуттук университети",
        "name_ru": "Кыргызский национальный университет",
        "name_en": "Kyrgyz National University",
        "kind": "university",
        "country": "kg",
        "ror_id": "",
    },
    {
        "id": "",
        "name_ky": "",
        "name_ru": "Китайская академия наук",
        "name_en": "Chinese Academy of Sciences",
        "kind": "academy",
        "country": "CN",
        "ror_id": "034t30j35",
    },
]


@pytest.mark.parametrize(
    ("bad_cell", "message"),
    [
        ({"ror_id": "abc"}, "A ROR ID has the form"),
        ({"country": "XX"}, "is not a valid choice"),
        ({"parent": "999999"}, "No organisation with id"),
    ],
)
def test_an_import_with_one_bad_row_shows_the_error_and_saves_nothing(editor_client, bad_cell, message):
    rows = [ORGANISATION_ROWS[0], {**ORGANISATION_ROWS[1], "parent": "", **bad_cell}]

    response = import_file(editor_client, "organization", csv_upload(rows))

    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert response.context["result"].has_validation_errors()
    assert "confirm_form" not in response.context  # no way on to saving
    assert not Organization.objects.exists()


def test_a_good_import_is_previewed_then_confirmed(editor_client):
    preview = import_file(editor_client, "organization", csv_upload(ORGANISATION_ROWS))

    assert preview.status_code == 200
    assert "Kyrgyz National University" in preview.content.decode()
    assert not Organization.objects.exists()  # a preview saves nothing

    confirm = editor_client.post(
        reverse("admin:agreements_organization_process_import"),
        preview.context["confirm_form"].initial,
        follow=True,
    )

    assert "Import finished: 2 new" in confirm.content.decode()
    knu = Organization.objects.get(name_en="Kyrgyz National University")
    assert (knu.name_ky, knu.country.code, knu.kind) == ("Кыргыз улуттук университети", "KG", "university")
    assert Organization.objects.get(ror_id="034t30j35").name_ru == "Китайская академия наук"


def test_a_row_that_turned_invalid_after_the_preview_stops_the_whole_confirm(editor_client):
    preview = import_file(editor_client, "organization", csv_upload(ORGANISATION_ROWS))
    # Meanwhile another editor enters the same ROR ID.
    OrganizationFactory(ror_id="034t30j35")

    confirm = editor_client.post(
        reverse("admin:agreements_organization_process_import"),
        preview.context["confirm_form"].initial,
        follow=True,
    )

    assert "Nothing was imported" in confirm.content.decode()
    assert Organization.objects.count() == 1


def test_agreements_import_with_parties_and_topics(editor_client):
    academy, cas = OrganizationFactory(), OrganizationFactory()
    TopicFactory(slug="ecology")
    row = {
        "id": "",
        "kind": "memorandum",
        "title_ru": "Меморандум о сотрудничестве",
        "signed_on": "2024-05-01",
        "signed_on_precision": "month",
        "visibility": "internal",
        "topics": "ecology",
        "parties": f"{cas.pk}, {academy.pk}",
    }

    preview = import_file(editor_client, "agreement", csv_upload([row]))
    editor_client.post(
        reverse("admin:agreements_agreement_process_import"), preview.context["confirm_form"].initial
    )

    memorandum = Agreement.objects.get(title_ru="Меморандум о сотрудничестве")
    assert memorandum.signed_on == datetime.date(2024, 5, 1)
    assert [p.organization for p in memorandum.parties.order_by("order")] == [cas, academy]
    assert [t.slug for t in memorandum.topics.all()] == ["ecology"]


def test_agreements_import_naming_an_unknown_party_saves_nothing(editor_client):
    academy = OrganizationFactory()
    row = {"id": "", "kind": "agreement", "title_ru": "Соглашение", "parties": f"{academy.pk}, 999999"}

    response = import_file(editor_client, "agreement", csv_upload([row]))

    assert "No organisation with id 999999" in response.content.decode()
    assert not Agreement.objects.exists()
    assert not Party.objects.exists()


def test_people_import_from_xlsx(editor_client):
    upload = xlsx_upload(
        [
            {
                "full_name_ky": "Абдрахматов Канатбек",
                "full_name_ru": "Абдрахматов Канатбек",
                "full_name_en": "Kanatbek Abdrakhmatov",
                "orcid": "0000-0002-1825-0097",
            }
        ]
    )

    preview = import_file(editor_client, "person", upload, file_format=XLSX)
    editor_client.post(
        reverse("admin:agreements_person_process_import"), preview.context["confirm_form"].initial
    )

    assert Person.objects.get(orcid="0000-0002-1825-0097").full_name_en == "Kanatbek Abdrakhmatov"


def test_organisations_export_as_xlsx_reads_back_with_openpyxl(editor_client):
    knu = OrganizationFactory(name_ru="Кыргызский национальный университет", country="KG", ror_id="02nr0ka47")
    columns = OrganizationResource().get_export_order()

    response = editor_client.post(
        reverse("admin:agreements_organization_export"),
        {"resource": "0", "format": XLSX, **{f"organizationresource_{name}": "on" for name in columns}},
    )

    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    header, *rows = list(sheet.values)
    assert list(header) == list(columns)
    record = dict(zip(header, rows[0], strict=True))
    assert (record["id"], record["name_ru"], record["country"], record["ror_id"]) == (
        knu.pk,
        "Кыргызский национальный университет",
        "KG",
        "02nr0ka47",
    )


# --- Who may do what -------------------------------------------------------------------------


def test_staff_can_view_but_not_change(staff_client, settings):
    agreement = AgreementFactory(title_en="A public agreement")
    attach_pdf(Document(agreement=agreement), pdf_upload("scan.pdf")).save()
    AgreementFactory(title_en="A confidential agreement", visibility="confidential")
    change_url = reverse("admin:agreements_agreement_change", args=[agreement.pk])

    listing = staff_client.get(AGREEMENTS).content.decode()
    change_page = staff_client.get(change_url)

    assert "A public agreement" in listing
    assert "A confidential agreement" not in listing  # section 6: staff never see confidential rows
    assert change_page.status_code == 200
    # The document is listed with a link to the permission-checked download, not its media URL.
    assert (
        f'href="{agreement.documents.get().get_absolute_url()}">scan.pdf</a>' in change_page.content.decode()
    )
    assert settings.MEDIA_URL not in change_page.content.decode()
    document_page = staff_client.get(
        reverse("admin:agreements_document_change", args=[agreement.documents.get().pk])
    )
    assert document_page.status_code == 200 and "scan.pdf" in document_page.content.decode()
    assert 'name="_save"' not in change_page.content.decode()
    assert staff_client.post(change_url, agreement_post(title_en="Changed")).status_code == 403
    assert staff_client.get(ADD_AGREEMENT).status_code == 403
    assert staff_client.get(reverse("admin:agreements_organization_import")).status_code == 403
    agreement.refresh_from_db()
    assert agreement.title_en == "A public agreement"


def test_anonymous_is_sent_to_the_login_page(anonymous_client):
    response = anonymous_client.get(AGREEMENTS)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
