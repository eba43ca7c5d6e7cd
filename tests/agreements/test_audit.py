"""Every insert, update and delete of an agreement leaves an audit row (DESIGN.md principle 9).

The rows are written by database triggers, so writes that skip `save()` (QuerySet.update,
bulk_create, QuerySet.delete, raw SQL) are audited too.
"""

import datetime

import pghistory
import pytest
from django.apps import apps
from django.db import connection
from pghistory.models import Event, Events

from agreements.models import Agreement
from tests.factories import AgreementFactory, UserFactory

pytestmark = pytest.mark.django_db

AgreementEvent = apps.get_model("agreements", "AgreementEvent")
DOMAIN_MODELS = [
    model
    for app_label in ("agreements", "consortium")
    for model in apps.get_app_config(app_label).get_models()
    if not issubclass(model, Event)
]


def events_of(agreement_id):
    return AgreementEvent.objects.filter(pgh_obj_id=agreement_id).order_by("pgh_id")


def diff_of_last_event(agreement):
    return Events.objects.tracks(agreement).order_by("pgh_id").last().pgh_diff


def test_the_event_model_is_the_one_pghistory_tracks():
    assert Agreement.pgh_event_model is AgreementEvent


def test_insert_is_recorded_with_the_values_stored():
    agreement = AgreementFactory(title_en="Memorandum on green technologies", reference_number="KG-1")
    [event] = events_of(agreement.pk)
    assert event.pgh_label == "insert"
    assert (event.title_en, event.reference_number, event.signed_on) == (
        "Memorandum on green technologies",
        "KG-1",
        datetime.date(2023, 7, 20),
    )


def test_update_by_save_is_recorded_with_before_and_after():
    agreement = AgreementFactory(title_en="Draft title")
    agreement.title_en = "Final title"
    agreement.save()
    assert list(events_of(agreement.pk).values_list("pgh_label", "title_en")) == [
        ("insert", "Draft title"),
        ("update", "Final title"),
    ]
    assert diff_of_last_event(agreement)["title_en"] == ["Draft title", "Final title"]


def test_update_by_queryset_update_is_recorded():
    agreement = AgreementFactory(visibility="public")
    # QuerySet.update sends no signal and skips save(); only a trigger can see it.
    Agreement.objects.filter(pk=agreement.pk).update(
        visibility="confidential", expires_on=datetime.date(2028, 7, 20)
    )
    last = events_of(agreement.pk).last()
    assert (last.pgh_label, last.visibility, last.expires_on) == (
        "update",
        "confidential",
        datetime.date(2028, 7, 20),
    )
    diff = diff_of_last_event(agreement)
    assert diff["visibility"] == ["public", "confidential"]
    assert diff["expires_on"] == [None, "2028-07-20"]


def test_bulk_create_records_one_insert_per_row():
    created = Agreement.objects.bulk_create(
        [Agreement(kind="agreement", title_en=f"Imported {n}") for n in range(3)]
    )
    for agreement in created:
        assert list(events_of(agreement.pk).values_list("pgh_label", "title_en")) == [
            ("insert", agreement.title_en)
        ]


def test_delete_is_recorded_with_the_last_values():
    agreement = AgreementFactory(title_en="Expired roadmap")
    agreement_id = agreement.pk
    agreement.delete()
    assert not Agreement.objects.filter(pk=agreement_id).exists()
    last = events_of(agreement_id).last()
    assert (last.pgh_label, last.title_en) == ("delete", "Expired roadmap")


def test_queryset_delete_is_recorded_for_every_row():
    doomed = [AgreementFactory().pk for _ in range(2)]
    Agreement.objects.filter(pk__in=doomed).delete()
    for agreement_id in doomed:
        assert events_of(agreement_id).last().pgh_label == "delete"


def test_raw_sql_update_is_recorded():
    agreement = AgreementFactory(title_en="Before")
    with connection.cursor() as cursor:
        cursor.execute("UPDATE agreements_agreement SET title_en = %s WHERE id = %s", ["After", agreement.pk])
    assert events_of(agreement.pk).last().title_en == "After"


def test_every_language_column_is_in_the_audit_row():
    agreement = AgreementFactory(
        title_ky="Кызматташуу жөнүндө макулдашуу",
        title_ru="Соглашение о сотрудничестве",
        title_en="Cooperation agreement",
        summary_ru="Кратко",
    )
    Agreement.objects.filter(pk=agreement.pk).update(title_ru="Соглашение о научном сотрудничестве")
    last = events_of(agreement.pk).last()
    assert (last.title_ky, last.title_ru, last.title_en, last.summary_ru) == (
        "Кызматташуу жөнүндө макулдашуу",
        "Соглашение о научном сотрудничестве",
        "Cooperation agreement",
        "Кратко",
    )
    diff = diff_of_last_event(agreement)
    assert diff["title_ru"] == ["Соглашение о сотрудничестве", "Соглашение о научном сотрудничестве"]
    # Only what changed is in the diff: the other languages kept their text.
    assert "title_ky" not in diff
    assert "title_en" not in diff


@pytest.mark.parametrize("field", ["title", "summary", "legal_basis", "signed_place"])
def test_audit_rows_have_a_column_per_language(field):
    columns = {f.name for f in AgreementEvent._meta.get_fields()}
    assert {f"{field}_ky", f"{field}_ru", f"{field}_en"} <= columns


def test_who_made_the_change_is_attached_to_the_event():
    editor = UserFactory()
    agreement = AgreementFactory()
    with pghistory.context(user=editor.pk, url="/admin/agreements/agreement/1/change/"):
        Agreement.objects.filter(pk=agreement.pk).update(title_en="Corrected")
    last = events_of(agreement.pk).last()
    assert last.pgh_context is not None
    assert last.pgh_context.metadata["user"] == editor.pk


@pytest.mark.parametrize("model", DOMAIN_MODELS, ids=lambda model: model._meta.label)
def test_every_domain_model_is_audited(model):
    event_model = getattr(model, "pgh_event_model", None)
    assert event_model is not None, f"{model._meta.label} has no audit triggers"
    tracked = {f.attname for f in model._meta.concrete_fields if f.name != "search_vector"}
    audited = {f.attname for f in event_model._meta.concrete_fields}
    assert tracked <= audited, f"not in the audit rows: {sorted(tracked - audited)}"
