"""The database itself refuses nonsense in the legal layer (DESIGN.md principle 2).

Every write here bypasses forms and model validation (`create`, `QuerySet.update`,
`bulk_create`), as a shell session or an import script would. Each refused write runs in its own
savepoint so the test can go on, and the error must name the constraint that kept the rule, so
a test cannot pass because some other column happened to be wrong.
"""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import DataError, transaction
from django.utils import translation

from agreements.models import (
    Agreement,
    Commitment,
    Document,
    Meeting,
    Organization,
    Party,
    Person,
    Signatory,
)
from tests.constraints import refused_by
from tests.factories import (
    AgreementFactory,
    CommissionFactory,
    CommitmentFactory,
    MeetingFactory,
    OrganizationFactory,
    PartyFactory,
    PersonFactory,
    SignatoryFactory,
)

pytestmark = pytest.mark.django_db

SIGNED = datetime.date(2023, 7, 20)
DAY = datetime.timedelta(days=1)
GOOD_SHA256 = "a" * 64


def organization(**kwargs):
    # The country is left blank where it is not the subject, so that each test stands on the
    # one rule it names.
    return OrganizationFactory(**({"country": ""} | kwargs))


def make_document(agreement, **kwargs):
    fields = {"file": "documents/aa/original.pdf", "sha256": GOOD_SHA256, "size": 1024} | kwargs
    return Document.objects.create(agreement=agreement, **fields)


# --- Agreement dates ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("dates", "constraint"),
    [
        ({"entry_into_force_on": SIGNED - DAY}, "agreement_in_force_after_signature"),
        ({"expires_on": SIGNED - DAY}, "agreement_expires_after_signature"),
        ({"terminated_on": SIGNED - DAY}, "agreement_terminated_after_signature"),
        (
            {"entry_into_force_on": SIGNED + 10 * DAY, "expires_on": SIGNED + 5 * DAY},
            "agreement_expires_after_entry_into_force",
        ),
        ({"signed_on": None, "entry_into_force_on": SIGNED}, "agreement_dates_need_signature"),
        ({"signed_on": None, "expires_on": SIGNED}, "agreement_dates_need_signature"),
        ({"signed_on": None, "terminated_on": SIGNED}, "agreement_dates_need_signature"),
    ],
)
def test_create_with_dates_out_of_order_is_refused(dates, constraint):
    with refused_by(constraint):
        Agreement.objects.create(kind="agreement", title_en="Bad dates", **({"signed_on": SIGNED} | dates))
    assert not Agreement.objects.exists()


def test_dates_on_the_day_of_signature_are_accepted():
    agreement = Agreement.objects.create(
        kind="agreement",
        title_en="Same day",
        signed_on=SIGNED,
        entry_into_force_on=SIGNED,
        expires_on=SIGNED,
        terminated_on=SIGNED,
    )
    assert Agreement.objects.get(pk=agreement.pk).expires_on == SIGNED


def test_update_moving_a_date_before_signature_is_refused_and_changes_nothing():
    agreement = AgreementFactory(signed_on=SIGNED, expires_on=SIGNED + 365 * DAY)
    with refused_by("agreement_terminated_after_signature"):
        Agreement.objects.filter(pk=agreement.pk).update(terminated_on=SIGNED - DAY)
    with refused_by("agreement_expires_after_signature"):
        Agreement.objects.filter(pk=agreement.pk).update(expires_on=SIGNED - DAY)
    # Removing the signature of a dated agreement would leave dates without a signature.
    with refused_by("agreement_dates_need_signature"):
        Agreement.objects.filter(pk=agreement.pk).update(signed_on=None)
    agreement.refresh_from_db()
    assert (agreement.signed_on, agreement.expires_on, agreement.terminated_on) == (
        SIGNED,
        SIGNED + 365 * DAY,
        None,
    )


def test_bulk_create_with_one_bad_row_stores_none_of_them():
    rows = [
        Agreement(kind="agreement", title_en="Good", signed_on=SIGNED),
        Agreement(kind="agreement", title_en="Bad", signed_on=SIGNED, entry_into_force_on=SIGNED - DAY),
    ]
    with refused_by("agreement_in_force_after_signature"):
        Agreement.objects.bulk_create(rows)
    assert not Agreement.objects.exists()


def test_an_unsigned_draft_without_dates_is_accepted():
    draft = Agreement.objects.create(kind="memorandum", title_en="Draft", signed_on=None)
    assert Agreement.objects.filter(pk=draft.pk, signed_on__isnull=True).exists()


# --- Agreement choices, numbers and parent ---------------------------------------------------


@pytest.mark.parametrize(
    ("field", "bad_value", "constraint"),
    [
        ("kind", "treaty", "agreement_kind_valid"),
        ("visibility", "secret", "agreement_visibility_valid"),
        ("visibility", "", "agreement_visibility_valid"),
        ("signed_on_precision", "week", "agreement_precision_valid"),
    ],
)
def test_update_to_an_invalid_choice_is_refused(field, bad_value, constraint):
    agreement = AgreementFactory()
    with refused_by(constraint):
        Agreement.objects.filter(pk=agreement.pk).update(**{field: bad_value})
    agreement.refresh_from_db()
    assert getattr(agreement, field) != bad_value


def test_create_with_an_invalid_kind_is_refused():
    with refused_by("agreement_kind_valid"):
        Agreement.objects.create(kind="treaty", title_en="Not a kind we know")


def test_duplicate_reference_number_is_refused():
    AgreementFactory(reference_number="KG-CN/2023/7")
    with refused_by("agreement_reference_number_unique"):
        AgreementFactory(reference_number="KG-CN/2023/7")
    assert Agreement.objects.filter(reference_number="KG-CN/2023/7").count() == 1


def test_many_agreements_may_have_no_reference_number():
    AgreementFactory(reference_number="")
    AgreementFactory(reference_number="")
    assert Agreement.objects.filter(reference_number="").count() == 2


def test_agreement_cannot_be_its_own_parent():
    agreement = AgreementFactory()
    with refused_by("agreement_not_own_parent"):
        Agreement.objects.filter(pk=agreement.pk).update(parent=agreement)
    other = AgreementFactory()
    protocol = AgreementFactory(kind=Agreement.Kind.PROTOCOL, parent=other)
    assert protocol.parent == other


# --- Parties and signatories ----------------------------------------------------------------


def test_one_party_row_per_organisation_per_agreement():
    party = PartyFactory(organization=organization())
    with refused_by("party_unique_per_agreement"):
        Party.objects.create(agreement=party.agreement, organization=party.organization, role="observer")
    # The same organisation may be a party to another agreement.
    PartyFactory(organization=party.organization)
    assert Party.objects.filter(organization=party.organization).count() == 2


def test_party_role_must_be_a_known_role():
    party = PartyFactory(organization=organization())
    with refused_by("party_role_valid"):
        Party.objects.filter(pk=party.pk).update(role="guarantor")


def test_one_signatory_row_per_person_per_agreement():
    signatory = SignatoryFactory()
    with refused_by("signatory_unique_per_agreement"):
        Signatory.objects.create(agreement=signatory.agreement, person=signatory.person, position_en="Again")
    SignatoryFactory(person=signatory.person)
    assert Signatory.objects.filter(person=signatory.person).count() == 2


# --- Commissions and meetings ---------------------------------------------------------------


def test_meeting_number_is_unique_per_commission():
    commission = CommissionFactory()
    MeetingFactory(commission=commission, number=2)
    with refused_by("meeting_number_unique_per_commission"):
        Meeting.objects.create(commission=commission, number=2, held_on=datetime.date(2026, 5, 1))
    # The second meeting of another commission is a different meeting.
    MeetingFactory(commission=CommissionFactory(), number=2)
    assert Meeting.objects.filter(number=2).count() == 2


def test_meeting_must_be_held_or_planned():
    commission = CommissionFactory()
    with refused_by("meeting_held_or_planned"):
        Meeting.objects.create(commission=commission, number=1, held_on=None, planned_year=None)
    planned = Meeting.objects.create(commission=commission, number=3, held_on=None, planned_year=2027)
    assert planned.is_planned


def test_meeting_number_starts_at_one():
    meeting = MeetingFactory()
    with refused_by("meeting_number_positive"):
        Meeting.objects.filter(pk=meeting.pk).update(number=0)


def test_meeting_precision_must_be_a_known_choice():
    meeting = MeetingFactory()
    with refused_by("meeting_precision_valid"):
        Meeting.objects.filter(pk=meeting.pk).update(held_on_precision="week")


# --- Organisations and people ---------------------------------------------------------------


@pytest.mark.parametrize(
    "bad_ror",
    [
        "12nr0ka47",  # must start with 0
        "02nr0ka4x",  # the last two characters are check digits
        "02nl0ka47",  # Crockford base32 has no l (nor i, o, u)
        "02NR0KA47",  # ROR IDs are lower case
        "02nr0ka",  # too short
    ],
)
def test_organisation_ror_id_format_is_enforced(bad_ror):
    with refused_by("organization_ror_format"):
        organization(ror_id=bad_ror)


def test_organisation_with_a_well_formed_ror_id_is_accepted():
    academy = organization(ror_id="02nr0ka47")
    assert Organization.objects.get(pk=academy.pk).ror_id == "02nr0ka47"


def test_two_organisations_cannot_share_a_ror_id():
    organization(ror_id="02nr0ka47")
    with refused_by("organization_ror_unique"):
        organization(ror_id="02nr0ka47")
    # Organisations without a ROR ID are many.
    organization(ror_id="")
    organization(ror_id="")
    assert Organization.objects.filter(ror_id="").count() == 2


@pytest.mark.parametrize("country", ["KG", "CN", "RU"])
def test_organisation_with_an_iso_country_code_is_accepted(country):
    academy = OrganizationFactory(country=country)
    assert Organization.objects.filter(pk=academy.pk, country=country).exists()


def test_organisation_country_can_be_set_by_update():
    academy = organization()
    Organization.objects.filter(pk=academy.pk).update(country="KG")
    academy.refresh_from_db()
    assert academy.country == "KG"


@pytest.mark.parametrize("bad_country", ["kg", "K1", "99"])
def test_organisation_country_must_be_an_upper_case_alpha_2_code(bad_country):
    academy = organization()
    # QuerySet.update sends the string as given (creating through the model would upper-case it).
    with refused_by("organization_country_iso"):
        Organization.objects.filter(pk=academy.pk).update(country=bad_country)
    academy.refresh_from_db()
    assert academy.country == ""


def test_organisation_country_with_three_letters_does_not_fit():
    academy = organization()
    # The column holds two characters, so the alpha-3 code is refused before any check runs.
    with pytest.raises(DataError), transaction.atomic():
        Organization.objects.filter(pk=academy.pk).update(country="KGZ")
    academy.refresh_from_db()
    assert academy.country == ""


def test_organisation_cannot_be_its_own_parent_or_successor():
    ministry = organization(kind=Organization.Kind.MINISTRY)
    with refused_by("organization_not_own_parent"):
        Organization.objects.filter(pk=ministry.pk).update(parent=ministry)
    with refused_by("organization_not_own_successor"):
        Organization.objects.filter(pk=ministry.pk).update(successor=ministry)


def test_organisation_kind_must_be_a_known_kind():
    academy = organization()
    with refused_by("organization_kind_valid"):
        Organization.objects.filter(pk=academy.pk).update(kind="club")


@pytest.mark.parametrize(
    "bad_orcid",
    [
        "0000-0002-1825-009",  # one digit short
        "0000000218250097",  # no hyphens
        "0000-0002-1825-009x",  # the check character X is upper case
        "https://orcid.org/",  # a URL is not an iD
    ],
)
def test_person_orcid_format_is_enforced(bad_orcid):
    with refused_by("person_orcid_format"):
        PersonFactory(orcid=bad_orcid)


def test_person_with_a_well_formed_orcid_is_accepted():
    PersonFactory(orcid="0000-0002-1825-0097")
    PersonFactory(orcid="0000-0002-1694-233X")
    assert Person.objects.exclude(orcid="").count() == 2


def test_two_people_cannot_share_an_orcid():
    PersonFactory(orcid="0000-0002-1825-0097")
    with refused_by("person_orcid_unique"):
        PersonFactory(orcid="0000-0002-1825-0097")
    PersonFactory(orcid="")
    PersonFactory(orcid="")
    assert Person.objects.filter(orcid="").count() == 2


# --- Model validation turns the same rules into messages on the field ----------------------


def test_full_clean_names_the_ror_field():
    academy = Organization(name_ky="Улуттук илимдер академиясы", kind="academy", ror_id="12nr0ka47")
    with pytest.raises(ValidationError) as excinfo:
        academy.full_clean()
    assert "ror_id" in excinfo.value.message_dict
    academy.ror_id = "02nr0ka47"
    academy.full_clean()


def test_full_clean_accepts_an_organisation_with_a_country():
    # What the admin form runs before saving: the country rule must let a real code through.
    academy = Organization(name_ky="Улуттук илимдер академиясы", kind="academy", country="KG")
    academy.full_clean()
    academy.save()
    assert Organization.objects.filter(country="KG").count() == 1


def test_full_clean_rejects_an_orcid_with_a_wrong_check_digit():
    # 0000-0002-1825-0097 is ORCID's own example; changing the last digit breaks the checksum
    # while keeping the format, which only the model validation can notice.
    person = Person(full_name_ky="Асан Үсөнов", orcid="0000-0002-1825-0098")
    with pytest.raises(ValidationError) as excinfo:
        person.full_clean()
    assert list(excinfo.value.message_dict) == ["orcid"]
    # Read in English, whatever language an earlier test on this worker left active.
    with translation.override("en"):
        assert "check digit" in " ".join(excinfo.value.message_dict["orcid"])
    person.orcid = "0000-0002-1825-0097"
    person.full_clean()


def test_full_clean_rejects_a_malformed_orcid_on_the_field():
    person = Person(full_name_ky="Асан Үсөнов", orcid="0000-0002-1825-009")
    with pytest.raises(ValidationError) as excinfo:
        person.full_clean()
    assert "orcid" in excinfo.value.message_dict


# --- Documents and commitments --------------------------------------------------------------


@pytest.mark.parametrize(
    "bad_sha256",
    [
        "g" * 64,  # not hexadecimal
        "A" * 64,  # hex digests are stored in lower case
        "a" * 63,  # too short
    ],
)
def test_document_sha256_must_be_64_lower_case_hex_digits(bad_sha256):
    agreement = AgreementFactory()
    with refused_by("document_sha256_hex"):
        make_document(agreement, sha256=bad_sha256)
    assert not Document.objects.exists()


def test_document_size_cannot_be_negative():
    agreement = AgreementFactory()
    with refused_by("document_size_non_negative"):
        make_document(agreement, size=-1)
    document = make_document(agreement, size=0)
    assert Document.objects.get(pk=document.pk).size == 0


def test_document_kind_must_be_a_known_kind():
    document = make_document(AgreementFactory())
    with refused_by("document_kind_valid"):
        Document.objects.filter(pk=document.pk).update(kind="draft")


def test_commitment_target_cannot_be_negative():
    agreement = AgreementFactory()
    with refused_by("commitment_target_non_negative"):
        Commitment.objects.create(agreement=agreement, text_en="Train scientists", target_quantity=-10)
    commitment = CommitmentFactory(agreement=agreement, target_quantity=0)
    assert Commitment.objects.get(pk=commitment.pk).target_quantity == 0


def test_commitment_status_must_be_a_known_status():
    commitment = CommitmentFactory()
    # "overdue" is derived from the due date, never stored.
    with refused_by("commitment_status_valid"):
        Commitment.objects.filter(pk=commitment.pk).update(status="overdue")
