"""The audit trail as its readers meet it (issue 5, item 1): who and which request, rows that no
one can change, the readable diff for staff, and restoring an earlier version of an agreement.
"""

import io

import pghistory
import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pghistory.models import Context, Event, Events
from rest_framework.test import APIClient

from agreements.history import change_history
from agreements.models import Agreement
from consortium.management.commands import load_demo
from tests import factories

pytestmark = pytest.mark.django_db

AgreementEvent = apps.get_model("agreements", "AgreementEvent")
EVENT_MODELS = [
    model
    for app_label in ("agreements", "consortium")
    for model in apps.get_app_config(app_label).get_models()
    if issubclass(model, Event)
]
# What the admin's change form posts for an agreement without parties, signatories, documents
# or commitments: the agreement's fields and each inline's empty management form.
INLINE_PREFIXES = ("parties", "signatories", "documents", "commitments")


@pytest.fixture
def editor_client(editor_client):
    editor_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return editor_client


@pytest.fixture
def staff_client(staff_client):
    staff_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return staff_client


def change_form(agreement, **changes):
    data = {
        "kind": agreement.kind,
        "title_ky": agreement.title_ky or "",
        "title_ru": agreement.title_ru or "",
        "title_en": agreement.title_en or "",
        "visibility": agreement.visibility,
        "signed_on": agreement.signed_on.isoformat() if agreement.signed_on else "",
        "signed_on_precision": agreement.signed_on_precision,
        **changes,
    }
    for prefix in INLINE_PREFIXES:
        data |= {
            f"{prefix}-TOTAL_FORMS": "0",
            f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-MIN_NUM_FORMS": "0",
            f"{prefix}-MAX_NUM_FORMS": "1000",
        }
    return data


def last_context(agreement):
    event = AgreementEvent.objects.filter(pgh_obj_id=agreement.pk).order_by("pgh_id").last()
    return event.pgh_context.metadata if event.pgh_context_id else None


def admin_url(name, *args):
    return reverse(f"admin:agreements_agreement_{name}", args=args)


def trilingual(**kwargs):
    return factories.AgreementFactory(
        title_ky="Биринчи аталыш",
        title_ru="Первое название",
        title_en="First title",
        summary_ky="Биринчи кыскача",
        summary_ru="Первое резюме",
        summary_en="First summary",
        **kwargs,
    )


def rewrite(agreement, **values):
    """A later version of the agreement, saved as an editor would save it."""
    for name, value in values.items():
        setattr(agreement, name, value)
    agreement.save()
    return agreement


# --- Who and which request ------------------------------------------------------------------


def test_an_admin_edit_records_the_editor_and_the_request(editor_client, editor_user):
    agreement = factories.AgreementFactory(title_ky="Мурунку", title_en="Before")
    url = admin_url("change", agreement.pk)

    response = editor_client.post(url, change_form(agreement, title_en="After"))

    assert response.status_code == 302
    context = last_context(agreement)
    assert context["user"] == editor_user.pk
    assert context["username"] == editor_user.username
    assert (context["method"], context["url"]) == ("POST", url)
    # The request id is the one the response names, so a user can quote it.
    assert context["request_id"] == response["X-Request-ID"]
    assert len(context["request_id"]) == 32


def test_an_api_write_with_an_editors_key_records_the_key_and_not_its_secret(editor_user):
    agreement = factories.AgreementFactory(title_en="Before")
    key = factories.api_key(user=editor_user, name="Ministry integration")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Api-Key {key}")

    response = client.patch(f"/api/v1/agreements/{agreement.pk}/", {"title_en": "After"}, format="json")

    assert response.status_code == 200, response.content
    context = last_context(agreement)
    prefix, _dot, secret = key.partition(".")
    assert context["api_key"] == {
        "prefix": prefix,
        "name": "Ministry integration",
        "organization": None,
        "user": editor_user.pk,
    }
    assert (context["user"], context["username"]) == (editor_user.pk, editor_user.username)
    assert (context["method"], context["url"]) == ("PATCH", f"/api/v1/agreements/{agreement.pk}/")
    stored = str(
        Context.objects.get(pk=AgreementEvent.objects.order_by("pgh_id").last().pgh_context_id).metadata
    )
    assert secret not in stored


def test_an_api_write_by_session_records_the_user(editor_user):
    agreement = factories.AgreementFactory(title_en="Before")
    client = APIClient()
    client.force_login(editor_user)

    response = client.patch(f"/api/v1/agreements/{agreement.pk}/", {"title_en": "After"}, format="json")

    assert response.status_code == 200, response.content
    context = last_context(agreement)
    assert (context["user"], context["username"], context["method"]) == (
        editor_user.pk,
        editor_user.username,
        "PATCH",
    )
    assert "api_key" not in context


def test_a_management_command_records_its_name(monkeypatch):
    # load_demo's own data is not the point here: one agreement stands in for it.
    monkeypatch.setattr(load_demo.DemoLoader, "run", lambda self: factories.AgreementFactory())

    call_command("load_demo", stdout=io.StringIO())

    event = AgreementEvent.objects.order_by("pgh_id").last()
    assert event.pgh_context.metadata == {"command": "load_demo"}


def test_a_write_outside_any_request_is_recorded_without_context():
    agreement = factories.AgreementFactory(title_en="Before")
    # A shell session or a script: the trigger still records it, with no one to name.
    Agreement.objects.filter(pk=agreement.pk).update(title_en="After")
    event = AgreementEvent.objects.filter(pgh_obj_id=agreement.pk).order_by("pgh_id").last()
    assert (event.pgh_label, event.title_en, event.pgh_context_id) == ("update", "After", None)


# --- The rows cannot be changed or deleted --------------------------------------------------


@pytest.mark.parametrize("model", EVENT_MODELS, ids=lambda model: model._meta.label)
def test_every_audit_table_refuses_update_and_delete(model):
    triggers = {trigger.name for trigger in model._meta.triggers}
    assert "append_only" in triggers
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tgname FROM pg_trigger WHERE tgrelid = %s::regclass AND NOT tgisinternal",
            [model._meta.db_table],
        )
        installed = {row[0] for row in cursor.fetchall()}
    assert any(name.startswith("pgtrigger_append_only_") for name in installed), installed


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE agreements_agreementevent SET title_en = 'forged' WHERE pgh_obj_id = %s",
        "DELETE FROM agreements_agreementevent WHERE pgh_obj_id = %s",
        "UPDATE agreements_partyevent SET role = 'observer' WHERE agreement_id = %s",
        "DELETE FROM agreements_partyevent WHERE agreement_id = %s",
        "DELETE FROM agreements_agreementtopicevent WHERE agreement_id = %s",
    ],
)
def test_raw_sql_cannot_change_or_delete_an_audit_row(sql):
    agreement = factories.AgreementFactory(title_en="Original")
    factories.PartyFactory(agreement=agreement)
    agreement.topics.add(factories.TopicFactory())
    agreement.title_en = "Changed"
    agreement.save()

    with (
        pytest.raises(DatabaseError, match="Cannot update or delete rows"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql, [agreement.pk])

    assert list(
        AgreementEvent.objects.filter(pgh_obj_id=agreement.pk)
        .order_by("pgh_id")
        .values_list("title_en", flat=True)
    ) == ["Original", "Changed"]


def test_the_orm_cannot_delete_audit_rows_either():
    agreement = factories.AgreementFactory()
    with pytest.raises(DatabaseError), transaction.atomic():
        AgreementEvent.objects.filter(pgh_obj_id=agreement.pk).delete()
    assert AgreementEvent.objects.filter(pgh_obj_id=agreement.pk).count() == 1


def test_who_made_a_change_cannot_be_rewritten_or_deleted(editor_user):
    other = factories.UserFactory()
    agreement = factories.AgreementFactory()
    with pghistory.context(user=editor_user.pk, username=editor_user.username):
        rewrite(agreement, title_en="Changed")
    context_id = AgreementEvent.objects.order_by("pgh_id").last().pgh_context_id

    with connection.cursor() as cursor:
        for sql, params in [
            ("UPDATE pghistory_context SET metadata = jsonb_set(metadata, '{user}', %s::jsonb) WHERE id = %s",
             [str(other.pk), context_id]),
            ("UPDATE pghistory_context SET metadata = '{}'::jsonb WHERE id = %s", [context_id]),
            ("DELETE FROM pghistory_context WHERE id = %s", [context_id]),
        ]:  # fmt: skip
            with pytest.raises(DatabaseError, match="audit:"), transaction.atomic():
                cursor.execute(sql, params)

    assert Context.objects.get(pk=context_id).metadata["user"] == editor_user.pk


def test_truncate_still_works_for_restores_and_test_teardown():
    factories.AgreementFactory()
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("TRUNCATE agreements_agreementevent")
        assert not AgreementEvent.objects.exists()
        transaction.set_rollback(True)


def test_the_admin_events_page_is_read_only_even_for_superusers(editor_user, staff_user):
    superuser = factories.UserFactory(is_staff=True, is_superuser=True)
    events_admin = admin.site._registry[Events]
    request = RequestFactory().get("/")
    request.user = superuser
    assert not events_admin.has_add_permission(request)
    assert not events_admin.has_change_permission(request)
    assert not events_admin.has_delete_permission(request)
    assert events_admin.get_actions(request) == {}

    agreement = factories.AgreementFactory()
    event = Events.objects.tracks(agreement).get()
    client = Client()
    client.force_login(superuser)
    assert client.get(reverse("admin:pghistory_events_delete", args=[event.pgh_slug])).status_code == 403
    assert client.post(reverse("admin:pghistory_events_delete", args=[event.pgh_slug])).status_code == 403
    assert Events.objects.tracks(agreement).count() == 1

    changelist = reverse("admin:pghistory_events_changelist")
    for user, status in ((superuser, 200), (editor_user, 200), (staff_user, 403)):
        client = Client()
        client.force_login(user)
        assert client.get(changelist).status_code == status, user


# --- The readable diff for staff ------------------------------------------------------------


def test_the_history_page_shows_a_russian_title_before_and_after(staff_client, editor_user):
    agreement = trilingual()
    with pghistory.context(user=editor_user.pk, username=editor_user.username, method="POST", url="/x/"):
        rewrite(agreement, title_ru="Второе название")

    response = staff_client.get(f"/ru/agreements/{agreement.pk}/history/")

    assert response.status_code == 200
    page = response.content.decode()
    assert "<del>Первое название</del> → <ins>Второе название</ins>" in page
    assert "[ru]" in page  # the column is labelled with its language
    assert editor_user.username in page
    # Only what changed: the other languages' titles are not listed as changes.
    assert "<del>First title</del>" not in page


def test_the_history_names_the_agreements_own_rows(staff_client, editor_user):
    agreement = factories.AgreementFactory()
    academy = factories.OrganizationFactory(name_en="Chinese Academy of Sciences")
    party = factories.PartyFactory(agreement=agreement, organization=academy)
    topic = factories.TopicFactory(name_en="Green technologies")
    agreement.topics.add(topic)
    party.role = "coordinator"
    party.save()

    page = staff_client.get(f"/en/agreements/{agreement.pk}/history/").content.decode()

    assert "Party: Chinese Academy of Sciences" in page
    assert "<del>party</del> → <ins>coordinator</ins>" in page
    assert "Green technologies" in page


def test_a_related_record_the_reader_may_not_see_is_not_named(staff_client):
    secret = factories.AgreementFactory(title_en="Secret parent", visibility="confidential")
    agreement = factories.AgreementFactory(visibility="internal")
    rewrite(agreement, parent=secret)

    page = staff_client.get(f"/en/agreements/{agreement.pk}/history/").content.decode()

    assert "Secret parent" not in page
    assert "not shown" in page


def test_the_admin_history_is_the_audit_trail_with_restore_buttons_for_editors(staff_client, editor_client):
    agreement = trilingual()
    rewrite(agreement, title_en="Second title")
    url = admin_url("history", agreement.pk)

    for_staff = staff_client.get(url).content.decode()
    for_editor = editor_client.get(url).content.decode()

    for page in (for_staff, for_editor):
        assert "<del>First title</del> → <ins>Second title</ins>" in page
    first_version = AgreementEvent.objects.filter(pgh_obj_id=agreement.pk).order_by("pgh_id").first()
    restore_url = admin_url("restore", agreement.pk, first_version.pgh_id)
    assert restore_url in for_editor
    assert restore_url not in for_staff


def test_anonymous_and_the_public_get_a_404_for_history():
    agreement = factories.AgreementFactory()
    anonymous = Client()
    public_user = Client()
    public_user.force_login(factories.UserFactory())
    for client in (anonymous, public_user):
        assert client.get(f"/en/agreements/{agreement.pk}/history/").status_code == 404
        assert "Change history" not in client.get(f"/en/agreements/{agreement.pk}/").content.decode()
    # The admin's history asks for a login first and shows nothing.
    response = anonymous.get(admin_url("history", agreement.pk))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_staff_get_a_404_for_the_history_of_a_confidential_agreement(staff_client):
    agreement = factories.AgreementFactory(visibility="confidential")
    assert staff_client.get(f"/en/agreements/{agreement.pk}/history/").status_code == 404
    assert staff_client.get(admin_url("history", agreement.pk)).status_code == 404


def test_the_agreement_page_links_editors_to_the_restore_page(staff_client, editor_client):
    agreement = factories.AgreementFactory()
    history = admin_url("history", agreement.pk)
    assert history in editor_client.get(f"/en/agreements/{agreement.pk}/").content.decode()
    staff_page = staff_client.get(f"/en/agreements/{agreement.pk}/").content.decode()
    assert history not in staff_page
    assert f"/en/agreements/{agreement.pk}/history/" in staff_page


# --- Restoring an earlier version -----------------------------------------------------------


def test_restore_brings_back_the_title_and_summary_in_every_language(editor_client, editor_user):
    agreement = trilingual()
    rewrite(
        agreement,
        title_ky="Экинчи аталыш",
        title_ru="Второе название",
        title_en="Second title",
        summary_ky="",
        summary_ru="Второе резюме",
        summary_en="Second summary",
    )
    first = AgreementEvent.objects.filter(pgh_obj_id=agreement.pk).order_by("pgh_id").first()
    url = admin_url("restore", agreement.pk, first.pgh_id)

    confirm = editor_client.get(url)
    assert confirm.status_code == 200
    assert "<del>Second title</del>" in confirm.content.decode()
    assert "<ins>First title</ins>" in confirm.content.decode()

    response = editor_client.post(url, follow=True)

    assert response.redirect_chain[-1][0] == admin_url("history", agreement.pk)
    assert "Version 1 of" in response.content.decode()
    agreement.refresh_from_db()
    assert (agreement.title_ky, agreement.title_ru, agreement.title_en) == (
        "Биринчи аталыш",
        "Первое название",
        "First title",
    )
    assert (agreement.summary_ky, agreement.summary_ru, agreement.summary_en) == (
        "Биринчи кыскача",
        "Первое резюме",
        "First summary",
    )
    restore = AgreementEvent.objects.filter(pgh_obj_id=agreement.pk).order_by("pgh_id").last()
    context = restore.pgh_context.metadata
    assert (restore.pgh_label, restore.title_en) == ("update", "First title")
    assert (context["action"], context["restored_version"], context["restored_event"]) == (
        "restore",
        1,
        first.pgh_id,
    )
    assert (context["user"], context["username"], context["method"]) == (
        editor_user.pk,
        editor_user.username,
        "POST",
    )
    # The history says so.
    page = editor_client.get(admin_url("history", agreement.pk)).content.decode()
    assert "Restored version 1" in page


def test_a_restore_that_breaks_a_constraint_says_why_and_changes_nothing(editor_client):
    agreement = factories.AgreementFactory(title_en="First title", reference_number="KG-1")
    rewrite(agreement, title_en="Second title", reference_number="KG-2")
    factories.AgreementFactory(reference_number="KG-1")
    first = AgreementEvent.objects.filter(pgh_obj_id=agreement.pk).order_by("pgh_id").first()
    events_before = AgreementEvent.objects.count()

    response = editor_client.post(admin_url("restore", agreement.pk, first.pgh_id), follow=True)

    page = response.content.decode()
    assert "Version 1 was not restored; nothing was changed." in page
    assert "KG-1" in page and "another agreement" in page
    agreement.refresh_from_db()
    assert (agreement.title_en, agreement.reference_number) == ("Second title", "KG-2")
    assert AgreementEvent.objects.count() == events_before


def test_a_restore_naming_a_deleted_meeting_says_why_and_changes_nothing(editor_client):
    meeting = factories.MeetingFactory()
    agreement = factories.AgreementFactory(title_en="First title", meeting=meeting)
    rewrite(agreement, title_en="Second title", meeting=None)
    meeting.delete()
    first = AgreementEvent.objects.filter(pgh_obj_id=agreement.pk).order_by("pgh_id").first()

    response = editor_client.post(admin_url("restore", agreement.pk, first.pgh_id), follow=True)

    page = response.content.decode()
    assert "Version 1 was not restored; nothing was changed." in page
    assert "meeting" in page
    agreement.refresh_from_db()
    assert (agreement.title_en, agreement.meeting_id) == ("Second title", None)


def test_staff_cannot_restore(staff_client):
    agreement = trilingual()
    rewrite(agreement, title_en="Second title")
    first = AgreementEvent.objects.filter(pgh_obj_id=agreement.pk).order_by("pgh_id").first()
    url = admin_url("restore", agreement.pk, first.pgh_id)

    assert staff_client.get(url).status_code == 403
    assert staff_client.post(url).status_code == 403

    agreement.refresh_from_db()
    assert agreement.title_en == "Second title"


def test_a_restore_needs_a_post_with_a_csrf_token(editor_user):
    agreement = trilingual()
    rewrite(agreement, title_en="Second title")
    first = AgreementEvent.objects.filter(pgh_obj_id=agreement.pk).order_by("pgh_id").first()
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor_user)

    assert client.post(admin_url("restore", agreement.pk, first.pgh_id)).status_code == 403
    agreement.refresh_from_db()
    assert agreement.title_en == "Second title"


def test_only_a_version_of_this_agreement_can_be_restored(editor_client):
    agreement = factories.AgreementFactory()
    other = factories.AgreementFactory()
    others_version = AgreementEvent.objects.get(pgh_obj_id=other.pk)
    assert editor_client.get(admin_url("restore", agreement.pk, others_version.pgh_id)).status_code == 404
    assert editor_client.get(admin_url("restore", 10**9, others_version.pgh_id)).status_code == 404


def history_queries(client, changes):
    agreement = factories.AgreementFactory()
    for number in range(changes):
        factories.PartyFactory(agreement=agreement)
        with pghistory.context(user=factories.UserFactory().pk):
            rewrite(agreement, title_en=f"Title {number}")
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"/en/agreements/{agreement.pk}/history/").status_code == 200
    return len(queries)


def test_the_history_takes_as_many_queries_for_thirty_changes_as_for_one(staff_client):
    # Session, user, two permission lookups, the agreement, the page count, the page of events,
    # the version numbers, then one query per kind of named row (organisations) and the users.
    assert history_queries(staff_client, 1) == history_queries(staff_client, 30)


def test_users_are_named_by_their_current_name():
    user = User.objects.create_user("before")
    agreement = factories.AgreementFactory()
    with pghistory.context(user=user.pk, username="before"):
        rewrite(agreement, title_en="Changed")
    user.username = "after"
    user.save()

    [latest, *_rest] = change_history(agreement, user=None)
    assert latest.who == "after"
