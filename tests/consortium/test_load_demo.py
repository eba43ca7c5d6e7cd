"""`manage.py load_demo`: the facts of the seed texts, in three languages, loaded idempotently."""

import datetime
import io
from decimal import Decimal

import pghistory.models
import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, models
from django.utils import translation
from modeltranslation.translator import translator

from agreements.models import (
    Agreement,
    Commission,
    Commitment,
    ContactPoint,
    Meeting,
    Organization,
    Party,
    Person,
    Signatory,
    Topic,
)
from consortium.models import Consortium, Indicator, JointLab, Membership, Programme, Workstream

pytestmark = pytest.mark.django_db

LANGS = ("ky", "ru", "en")
DOMAIN_APPS = ("agreements", "consortium")

NAS_EN = "National Academy of Sciences of the Kyrgyz Republic"
KNU_EN = "Kyrgyz National University named after J. Balasagyn"
MINISTRY_EN = "Ministry of Science, Higher Education and Innovation of the Kyrgyz Republic"
COMMISSION_EN = "Kyrgyz-Chinese Commission on Scientific and Technical Cooperation"
JULY_2025 = datetime.date(2025, 7, 1)
MEETING_TOPICS = {
    "green-technologies",
    "smart-agriculture",
    "biomedicine",
    "cultural-heritage-protection",
    "digitalisation",
}


def load_demo() -> str:
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def all_models(include_events: bool):
    for app in DOMAIN_APPS:
        for model in apps.get_app_config(app).get_models(include_auto_created=True):
            if issubclass(model, pghistory.models.Event) == include_events:
                yield model


def row_counts(include_events: bool) -> dict[str, int]:
    return {model._meta.label: model._base_manager.count() for model in all_models(include_events)}


@pytest.fixture
def loaded():
    load_demo()


def nas():
    return Organization.objects.get(name_en=NAS_EN)


def knu():
    return Organization.objects.get(name_en=KNU_EN)


def commission():
    return Commission.objects.get(name_en=COMMISSION_EN)


# --- Idempotency ----------------------------------------------------------------------------


def test_a_second_run_changes_no_row_and_leaves_no_audit_row():
    first_output = load_demo()
    domain_after_first = row_counts(include_events=False)
    events_after_first = row_counts(include_events=True)
    updated_at = {
        model._meta.label: sorted(model._base_manager.values_list("pk", "updated_at"))
        for model in all_models(include_events=False)
        if any(field.name == "updated_at" for field in model._meta.fields)
    }

    # Whatever language the caller has active, the rerun writes nothing.
    with translation.override("en"):
        second_output = load_demo()

    assert "0 created, 0 updated" not in first_output
    assert "0 created, 0 updated, 0 linked" in second_output
    # The first run wrote rows and audited them, so the comparison below is not between zeros.
    assert domain_after_first["agreements.Agreement"] == 3
    assert events_after_first["agreements.AgreementEvent"] == 3
    assert row_counts(include_events=False) == domain_after_first
    assert row_counts(include_events=True) == events_after_first
    assert {
        label: sorted(apps.get_model(label)._base_manager.values_list("pk", "updated_at"))
        for label in updated_at
    } == updated_at


def test_a_run_puts_back_a_changed_fact_with_one_audit_row(loaded):
    scientists = Indicator.objects.get(name_en="Scientists")
    Indicator.objects.filter(pk=scientists.pk).update(value=Decimal("127"))
    events_before = Indicator.pgh_event_model.objects.filter(pgh_obj_id=scientists.pk).count()

    output = load_demo()

    scientists.refresh_from_db()
    assert scientists.value == Decimal("128")
    assert "0 created, 1 updated" in output
    assert Indicator.pgh_event_model.objects.filter(pgh_obj_id=scientists.pk).count() == events_before + 1


def test_the_load_is_all_or_nothing(monkeypatch):
    from consortium import demo_data

    # An indicator the database refuses (a negative value), after everything else was written.
    broken = [
        *demo_data.INDICATORS,
        {**demo_data.INDICATORS[0], "value": Decimal("-1"), "name": {"ky": "x", "ru": "x", "en": "Broken"}},
    ]
    monkeypatch.setattr(demo_data, "INDICATORS", broken)

    with pytest.raises((ValidationError, IntegrityError)):
        load_demo()

    assert set(row_counts(include_events=False).values()) == {0}


# --- The agreement between the Academy and the university -----------------------------------


def test_organisations_in_three_languages(loaded):
    academy, university = nas(), knu()
    ministry = Organization.objects.get(name_en=MINISTRY_EN)

    assert academy.name_ky == "Кыргыз Республикасынын Улуттук илимдер академиясы"
    assert academy.name_ru == "Национальная академия наук Кыргызской Республики"
    assert (academy.kind, academy.country, academy.city_en, academy.city_ru) == (
        "academy",
        "KG",
        "Bishkek",
        "Бишкек",
    )
    assert university.name_ky == "Ж. Баласагын атындагы Кыргыз улуттук университети"
    assert university.name_ru == "Кыргызский национальный университет имени Ж. Баласагына"
    assert (university.kind, university.country, university.city_en) == ("university", "KG", None)
    assert ministry.name_ky == (
        "Кыргыз Республикасынын Илим, жогорку билим берүү жана инновациялар министрлиги"
    )
    assert ministry.name_ru == "Министерство науки, высшего образования и инноваций Кыргызской Республики"
    assert (ministry.kind, ministry.country) == ("ministry", "KG")


def test_the_cooperation_agreement_of_20_july_2023(loaded):
    agreement = Agreement.objects.get(parties__organization=nas(), kind="agreement")

    assert agreement.signed_on == datetime.date(2023, 7, 20)
    assert agreement.signed_on_precision == "day"
    assert agreement.title_en.startswith("Agreement on Scientific Cooperation")
    assert "integration of research, innovation and educational activities" in agreement.summary_en
    assert "О мерах по повышению вклада науки в устойчивое развитие страны" in agreement.legal_basis_ru
    assert "On Measures to Increase the Contribution of Science" in agreement.legal_basis_en
    # What the text does not give stays empty.
    assert (agreement.entry_into_force_on, agreement.expires_on, agreement.meeting) == (None, None, None)
    assert agreement.signed_place_en in ("", None)
    assert agreement.reference_number == ""
    assert list(Party.objects.filter(agreement=agreement).values_list("organization__name_en", "role")) == [
        (NAS_EN, "party"),
        (KNU_EN, "party"),
    ]


def test_the_two_signatories_with_the_positions_they_held(loaded):
    agreement = Agreement.objects.get(parties__organization=nas(), kind="agreement")
    signatories = list(Signatory.objects.filter(agreement=agreement).select_related("person", "organization"))

    assert [(s.person.full_name_en, s.organization.name_en) for s in signatories] == [
        ("Kanatbek Abdrakhmatov", NAS_EN),
        ("T. A. Abdyrakhmanov", KNU_EN),
    ]
    president, rector = signatories
    assert president.person.full_name_ru == "Канатбек Абдрахматов"
    assert president.position_en == "President of the National Academy of Sciences of the Kyrgyz Republic"
    assert president.position_ru == "Президент Национальной академии наук Кыргызской Республики"
    assert rector.position_en == "Rector of the Kyrgyz National University named after J. Balasagyn"
    assert rector.position_ru == "Ректор Кыргызского национального университета имени Ж. Баласагына"


def test_each_party_has_its_commitments(loaded):
    agreement = Agreement.objects.get(parties__organization=nas(), kind="agreement")
    by_party = {
        org: list(
            Commitment.objects.filter(agreement=agreement, responsible=org).values_list("text_en", flat=True)
        )
        for org in (nas(), knu())
    }

    academy, university = by_party.values()
    assert len(academy) == 2
    assert "joint research projects, seminars, conferences and exhibitions" in academy[0]
    assert "joint laboratories and departments" in academy[1]
    assert len(university) == 3
    assert "PhD-level" in university[0]
    assert "re-equipping the premises" in university[2]
    assert Commitment.objects.filter(agreement=agreement, responsible__isnull=True).count() == 0


def test_the_national_academic_consortium_and_its_four_workstreams(loaded):
    consortium = Consortium.objects.get(name_en="National Academic Consortium")

    assert consortium.founding_agreement.signed_on == datetime.date(2023, 7, 20)
    assert consortium.name_ky == "Улуттук академиялык консорциум"
    assert set(
        Membership.objects.filter(consortium=consortium).values_list("organization__name_en", "role")
    ) == {(NAS_EN, "founder"), (KNU_EN, "founder")}
    workstreams = list(Workstream.objects.filter(consortium=consortium))
    assert [w.order for w in workstreams] == [1, 2, 3, 4]
    assert [w.goal_en for w in workstreams] == [
        "To intensify research activities.",
        "To intensify the development of joint programmes in priority scientific and technical "
        "areas and of mechanisms for their implementation.",
        "Joint development of the sphere of new technologies, innovative processes and training "
        "of scientific personnel.",
        "To optimise the exchange of experience and achievements.",
    ]


def test_the_contact_point_of_the_academy(loaded):
    contact = ContactPoint.objects.get(organization=nas())

    assert contact.label_en == "Electronic reception"
    assert contact.phone == "+996 (312) 39-23-66"
    assert contact.address_ru == "г. Бишкек, просп. Чуй 265а"
    assert contact.address_en == "Bishkek, Chui Avenue 265a"
    assert contact.email == ""


def test_the_headline_figures_of_the_academy(loaded):
    figures = Indicator.objects.filter(organization=nas()).order_by("order")

    assert [(f.name_en, f.value, f.qualifier, f.is_headline, f.as_of) for f in figures] == [
        ("Scientists", Decimal("128"), "exact", True, None),
        ("Discoveries", Decimal("24"), "exact", True, None),
        ("Patents", Decimal("19"), "exact", True, None),
    ]
    assert all("website of the National Academy of Sciences" in f.source_note_en for f in figures)


# --- The Kyrgyz-Chinese commission ----------------------------------------------------------


def test_the_commission_and_its_second_and_third_meetings(loaded):
    kg_cn = commission()
    second = Meeting.objects.get(commission=kg_cn, number=2)
    third = Meeting.objects.get(commission=kg_cn, number=3)

    assert sorted(country.code for country in kg_cn.countries) == ["CN", "KG"]
    assert (second.held_on, second.held_on_precision, second.country) == (JULY_2025, "month", "KG")
    assert (second.place_ky, second.place_ru, second.place_en) == ("Чолпон-Ата", "Чолпон-Ата", "Cholpon-Ata")
    assert "results of two years of cooperation" in second.summary_en
    assert (third.held_on, third.planned_year, third.country) == (None, 2027, "CN")
    assert list(Meeting.objects.upcoming()) == [third]


def test_the_protocol_and_the_memorandum_signed_at_the_second_meeting(loaded):
    second = Meeting.objects.get(commission=commission(), number=2)
    instruments = {a.kind: a for a in Agreement.objects.filter(meeting=second)}

    assert set(instruments) == {"protocol", "memorandum"}
    for instrument in instruments.values():
        assert (instrument.signed_on, instrument.signed_on_precision) == (JULY_2025, "month")
        assert instrument.signed_place_en == "Cholpon-Ata"
        assert instrument.summary_en == (
            "Designed to deepen cooperation in the field of science, technology and innovation."
        )
        assert set(instrument.topics.values_list("slug", flat=True)) == MEETING_TOPICS
        assert not instrument.parties.exists()
        assert not instrument.signatories.exists()


def test_the_four_operating_joint_laboratories(loaded):
    labs = JointLab.objects.filter(status="operating").prefetch_related("topics")

    assert labs.count() == 4
    assert {slug for lab in labs for slug in lab.topics.values_list("slug", flat=True)} == {
        "plant-protection",
        "cultural-heritage-protection",
        "clean-energy",
        "veterinary-medicine",
    }
    for lab in labs:
        assert sorted(country.code for country in lab.countries) == ["CN", "KG"]
        assert lab.meeting == Meeting.objects.get(commission=commission(), number=2)
        assert lab.host is None
        assert lab.established_on is None


def test_the_programmes_agreed_at_the_second_meeting(loaded):
    programmes = {p.title_en: p for p in Programme.objects.all()}
    competition = Programme.objects.get(kind="research_competition")
    internship = Programme.objects.get(kind="internship")
    exchange = Programme.objects.get(kind="exchange")

    assert (competition.funding_cap, competition.currency, competition.status) == (
        Decimal("1500000"),
        "CNY",
        "open",
    )
    assert (internship.places, internship.period_note_en) == (10, "over the next two years")
    assert exchange.status == "planned"
    assert any("Kyrgyzstan–China–Uzbekistan railway" in title for title in programmes)
    assert Programme.objects.filter(kind="infrastructure").count() == 2
    second = Meeting.objects.get(commission=commission(), number=2)
    for programme in programmes.values():
        assert programme.meeting == second
        assert sorted(country.code for country in programme.countries) == ["CN", "KG"]
        assert (programme.starts_on, programme.ends_on) == (None, None)


def test_the_student_figures_of_the_minister(loaded):
    in_china = Indicator.objects.get(value=Decimal("4200"))
    in_kyrgyzstan = Indicator.objects.get(value=Decimal("450"))

    assert (in_china.qualifier, in_china.as_of) == ("more_than", datetime.date(2025, 7, 21))
    assert (in_kyrgyzstan.qualifier, in_kyrgyzstan.as_of) == ("about", datetime.date(2025, 7, 21))
    for figure in (in_china, in_kyrgyzstan):
        assert sorted(country.code for country in figure.countries) == ["CN", "KG"]
        assert "Baktiyar Orozov" in figure.source_note_en
        assert "24.kg" in figure.source_note_en
    assert Person.objects.filter(full_name_en="Baktiyar Orozov", full_name_ru="Бактияр Орозов").exists()


def test_only_the_topics_the_texts_name(loaded):
    assert set(Topic.objects.values_list("slug", flat=True)) == MEETING_TOPICS | {
        "plant-protection",
        "clean-energy",
        "veterinary-medicine",
        "energy",
        "agriculture",
        "ecology",
        "medicine",
    }


# --- Three languages, no invented sources -----------------------------------------------------

# The fields that every loaded row has; the others are filled in all languages or in none.
ALWAYS_FILLED = {
    Organization: ["name"],
    ContactPoint: ["label", "address"],
    Person: ["full_name"],
    Topic: ["name"],
    Commission: ["name"],
    Agreement: ["title", "summary"],
    Signatory: ["position"],
    Commitment: ["text"],
    Consortium: ["name", "description"],
    Workstream: ["title", "goal"],
    JointLab: ["name", "field"],
    Programme: ["title", "description"],
    Indicator: ["name", "source_note"],
}


def test_every_translated_field_is_given_in_all_three_languages_or_in_none(loaded):
    checked = 0
    for model in translator.get_registered_models():
        if model._meta.app_label not in DOMAIN_APPS:
            continue
        fields = list(translator.get_options_for_model(model).fields)
        for row in model._base_manager.all():
            for field in fields:
                values = {lang: getattr(row, f"{field}_{lang}") or "" for lang in LANGS}
                filled = {lang for lang, value in values.items() if value.strip()}
                assert filled in (set(), set(LANGS)), f"{model.__name__} {row.pk} {field}: {values}"
                if field in ALWAYS_FILLED.get(model, ()):
                    assert filled == set(LANGS), f"{model.__name__} {row.pk} {field} is empty"
                checked += 1
    assert checked > 100


def test_kyrgyz_and_russian_texts_are_not_english(loaded):
    for model, fields in ALWAYS_FILLED.items():
        for row in model._base_manager.all():
            for field in fields:
                for lang in ("ky", "ru"):
                    text = getattr(row, f"{field}_{lang}")
                    letters = [char for char in text if char.isalpha()]
                    cyrillic = [char for char in letters if "\u0400" <= char <= "\u04ff"]
                    # Latin letters are allowed for names such as PhD, SCO or 24.kg, not for a text.
                    assert len(cyrillic) >= len(letters) / 2, f"{model.__name__}.{field}_{lang}: {text}"


def test_no_row_has_a_made_up_source_url_or_website(loaded):
    url_fields = 0
    for model in all_models(include_events=False):
        for field in model._meta.concrete_fields:
            if isinstance(field, models.URLField):
                url_fields += 1
                assert not model._base_manager.exclude(**{field.name: ""}).exists(), (
                    f"{model.__name__}.{field.name} was filled although the texts give no URL"
                )
    assert url_fields >= 6
