"""Sentences that hold a link or a name are translated whole, so that Kyrgyz can put the name
before its postposition and Russian can decline around it, instead of gluing a translated word
in front of an English word order. Needs the compiled catalogues (`make messages`)."""

import re

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import translation

from agreements.models import Agreement, Organization, Topic
from agreements.resources import ExistingForeignKeyWidget, ExistingManyToManyWidget
from agreements.services import AgreementInvalid, save_agreement
from tests import factories

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("compiled")]


def text(html: str) -> str:
    """The words of the page with the tags taken out, so a link reads as part of its sentence."""
    return " ".join(re.sub(r"<[^>]+>", "", html).split())


@pytest.mark.parametrize(
    ("language", "under", "from_meeting"),
    [
        ("ky", "«Негизги келишим» документунун негизинде", "отурумдун жыйынтыгы боюнча:"),
        ("ru", "по документу «Основное соглашение»", "по итогам заседания:"),
        ("en", "under Framework agreement", "from"),
    ],
)
def test_a_programme_says_where_it_comes_from_in_a_whole_sentence(
    anonymous_client, language, under, from_meeting
):
    agreement = factories.AgreementFactory(
        title_ky="Негизги келишим", title_ru="Основное соглашение", title_en="Framework agreement"
    )
    factories.ProgrammeFactory(agreement=agreement)
    meeting = factories.MeetingFactory()
    factories.ProgrammeFactory(meeting=meeting)

    html = anonymous_client.get(f"/{language}/programmes/").content.decode()

    assert under in text(html)
    assert f'<a href="/{language}/agreements/{agreement.pk}/">' in html
    assert from_meeting in text(html)
    assert f'<a href="/{language}/meetings/{meeting.pk}/">' in html


@pytest.mark.parametrize(
    ("language", "notice", "in_list"),
    [
        ("ky", "Бул уюмдун укук мураскери — Жаңы академия.", "мураскери — Жаңы академия"),
        ("ru", "Правопреемник этой организации — Новая академия.", "ныне Новая академия"),
        ("en", "This organisation has been succeeded by New academy.", "now New academy"),
    ],
)
def test_a_successor_is_named_in_a_whole_sentence(anonymous_client, language, notice, in_list):
    successor = factories.OrganizationFactory(
        name_ky="Жаңы академия", name_ru="Новая академия", name_en="New academy"
    )
    old = factories.OrganizationFactory(successor=successor)

    assert notice in text(anonymous_client.get(f"/{language}/organizations/{old.pk}/").content.decode())
    assert in_list in text(anonymous_client.get(f"/{language}/organizations/").content.decode())


def test_the_restore_page_names_the_record_field_not_a_field_of_science(editor_client):
    agreement = factories.AgreementFactory(title_ky="Биринчи", title_en="First")
    agreement.title_ky, agreement.title_en = "Экинчи", "Second"
    agreement.save()
    first = apps.get_model("agreements", "AgreementEvent").objects.filter(pgh_obj_id=agreement.pk).first()
    url = reverse("admin:agreements_agreement_restore", args=(agreement.pk, first.pgh_id))

    html = editor_client.get(url, HTTP_ACCEPT_LANGUAGE="ky").content.decode()

    assert '<th scope="col">Талаа</th>' in html
    assert "Илим тармагы" not in html


@pytest.mark.parametrize(
    ("language", "parties", "signatories"),
    [
        ("ru", "Эта организация дважды указана среди сторон.", "Это лицо дважды указано среди подписантов."),
        (
            "ky",
            "Бул уюм тараптардын арасында эки жолу көрсөтүлгөн.",
            "Бул адам кол коюучулардын арасында эки жолу көрсөтүлгөн.",
        ),
    ],
)
def test_a_row_named_twice_is_reported_in_a_whole_sentence(language, parties, signatories):
    organization, person = factories.OrganizationFactory(), factories.PersonFactory()
    with translation.override(language), pytest.raises(AgreementInvalid) as raised:
        save_agreement(
            None,
            {"kind": Agreement.Kind.AGREEMENT, "title_en": "Twice"},
            parties=[{"organization": organization}, {"organization": organization}],
            signatories=[{"person": person}, {"person": person}],
        )
    errors = raised.value.errors
    assert errors["parties"][1]["organization"] == [parties]
    assert errors["signatories"][1]["person"] == [signatories]


@pytest.mark.parametrize(
    ("language", "unknown_id", "unknown_slug", "twice"),
    [
        (
            "ru",
            "Нет организации с id «999999».",
            "Нет темы со slug nowhere.",
            "Одна и та же тема указана дважды.",
        ),
        (
            "ky",
            "id «999999» болгон уюм жок.",
            "slug nowhere болгон тема жок.",
            "Бир эле тема эки жолу көрсөтүлгөн.",
        ),
    ],
)
def test_an_import_names_the_missing_row_in_a_whole_sentence(language, unknown_id, unknown_slug, twice):
    factories.TopicFactory(slug="ecology")
    with translation.override(language):
        with pytest.raises(ValueError, match=re.escape(unknown_id)):
            ExistingForeignKeyWidget(Organization).clean("999999")
        with pytest.raises(ValueError, match=re.escape(unknown_slug)):
            ExistingManyToManyWidget(Topic, field="slug").clean("ecology, nowhere")
        with pytest.raises(ValueError, match=re.escape(twice)):
            ExistingManyToManyWidget(Topic, field="slug").clean("ecology, ecology")
