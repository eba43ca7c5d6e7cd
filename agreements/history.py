"""An agreement's change history as a readable diff, for staff and editors (DESIGN.md section 5).

The audit rows are written by database triggers (django-pghistory, see models.history); this
reads those of the agreement itself and of the rows it owns (parties, signatories, documents,
commitments, its topic links), which follow its visibility. Rows of other agreements that point
at it (a child instrument) are left out: they have their own visibility and their own page.

Each entry says when, who (the user, or the API key, or the command; see portal/core/audit.py),
in which request, and for each changed field its label (a language's column labelled with its
language) with the value before and after. Related rows are named, never shown by id, and only
through `visible_to(user)`, so a diff does not reveal a record the reader may not see.
"""

from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Q
from django.utils import formats, translation
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext_lazy as _
from modeltranslation.manager import get_translatable_fields_for_model
from pghistory.models import Events

from .models import Agreement, Meeting

HISTORY_LIMIT = 50
OWNED_EVENT_MODELS = (
    "PartyEvent",
    "SignatoryEvent",
    "DocumentEvent",
    "CommitmentEvent",
    "AgreementTopicEvent",
)
# Columns that change on every save or are derived; listing them would only add noise. The
# untranslated column of a translated field is derived too (it repeats one language's value).
IGNORED_FIELDS = {"updated_at", "created_at", "search_vector", "id", "agreement_id"}
ACTIONS = {
    "insert": _("created"),
    "update": _("changed"),
    "delete": _("deleted"),
    "add": _("added"),
    "remove": _("removed"),
}
# Which column names an owned row in the history (its organisation, person, title, text).
ROW_NAMES = {
    "agreements.Party": "organization_id",
    "agreements.Signatory": "person_id",
    "agreements.Document": "title",
    "agreements.Commitment": "text",
    "agreements.Agreement_topics": "topic_id",
}
# Related rows whose name reads another row.
NAME_SELECT = {Meeting: ("commission",)}


@dataclass
class Change:
    field: str
    before: str
    after: str


@dataclass
class HistoryEntry:
    when: object
    action: str
    what: str
    who: str
    changes: list[Change] = field(default_factory=list)
    # Which row of its kind (a party's organisation); empty for the agreement itself.
    record: str = ""
    # The API key or command the change came through, and the request (method, path, id).
    via: str = ""
    request: str = ""
    request_id: str = ""
    # The agreement's own audit rows are its versions: number 1 is the first, the newest is current.
    version: int | None = None
    event_id: int | None = None
    is_current: bool = False


def agreement_events(agreement):
    """pghistory's events of the agreement and of the rows it owns, newest first (a queryset)."""
    event_models = [Agreement.pgh_event_model] + [
        apps.get_model("agreements", name) for name in OWNED_EVENT_MODELS
    ]
    return (
        Events.objects.across(*event_models)
        .references(agreement)
        # Another agreement's rows refer to this one when it is their parent: not ours to show.
        .exclude(Q(pgh_obj_model=Agreement._meta.label) & ~Q(pgh_obj_id=str(agreement.pk)))
        .order_by("-pgh_created_at", "-pgh_id")
    )


def version_numbers(agreement):
    """{audit row id: version number} of the agreement's own rows, counted from 1."""
    ids = (
        Agreement.pgh_event_model.objects.filter(pgh_obj_id=agreement.pk)
        .order_by("pgh_id")
        .values_list("pgh_id", flat=True)
    )
    return {pgh_id: number for number, pgh_id in enumerate(ids, start=1)}


def change_history(agreement, user=None, limit=HISTORY_LIMIT, events=None):
    """The newest `limit` entries, or the entries of `events` (e.g. one page of them)."""
    if events is None:
        events = agreement_events(agreement)[:limit]
    return HistoryReader(agreement, user).entries(list(events))


class HistoryReader:
    """Turns audit rows into entries, naming related rows with one query per related model."""

    def __init__(self, agreement, user):
        self.agreement = agreement
        self.user = user

    def entries(self, events):
        self.versions = version_numbers(self.agreement)
        current = max(self.versions, default=None)
        self.names = self._load_names(events)
        user_ids = {(event.pgh_context or {}).get("user") for event in events} - {None}
        self.users = {user.pk: user for user in get_user_model().objects.filter(pk__in=user_ids)}
        entries = [self._entry(event) for event in events]
        for entry in entries:
            entry.is_current = entry.event_id is not None and entry.event_id == current
        return entries

    # --- who and where ------------------------------------------------------------------------

    def _who(self, context):
        user = self.users.get(context.get("user"))
        if user is not None:
            return user.get_username()
        if context.get("username"):
            return context["username"]
        if context.get("command"):
            return _("command %(name)s") % {"name": context["command"]}
        if context.get("api_key"):
            return _("a partner's API key")
        return _("system")

    @staticmethod
    def _via(context):
        key = context.get("api_key")
        if isinstance(key, dict):
            return _("API key “%(name)s” (%(prefix)s)") % {
                "name": key.get("name", ""),
                "prefix": key.get("prefix", ""),
            }
        if context.get("command") and context.get("user"):
            return _("command %(name)s") % {"name": context["command"]}
        return ""

    # --- what ---------------------------------------------------------------------------------

    def _entry(self, event):
        model = apps.get_model(event.pgh_model).pgh_tracked_model
        context = event.pgh_context or {}
        when = event.pgh_created_at
        if isinstance(when, str):
            when = parse_datetime(when)
        is_own = event.pgh_obj_model == Agreement._meta.label
        version = self.versions.get(int(event.pgh_id)) if is_own else None
        action = ACTIONS.get(event.pgh_label, event.pgh_label)
        if is_own and context.get("restored_version"):
            action = _("restored version %(number)s") % {"number": context["restored_version"]}
        return HistoryEntry(
            when=when,
            action=action,
            what=_kind_name(model),
            who=self._who(context),
            via=self._via(context),
            request=" ".join(str(part) for part in (context.get("method"), context.get("url")) if part),
            request_id=context.get("request_id") or "",
            record="" if is_own else self._row_name(model, event.pgh_data or {}),
            changes=self._changes(model, event),
            version=version,
            event_id=int(event.pgh_id) if is_own and event.pgh_label != "delete" else None,
        )

    def _changes(self, model, event):
        translated = _translated_fields(model)
        if event.pgh_label == "insert":
            # What a new row was created with: its filled-in values, from nothing.
            pairs = [
                (name, (None, value))
                for name, value in (event.pgh_data or {}).items()
                if value not in (None, "")
            ]
        elif event.pgh_label == "update":
            pairs = [
                (name, values)
                for name, values in (event.pgh_diff or {}).items()
                if isinstance(values, list | tuple) and len(values) == 2
            ]
        else:
            return []
        pairs = [
            (name, values) for name, values in pairs if name not in IGNORED_FIELDS and name not in translated
        ]
        pairs.sort(key=lambda pair: _field_order(model, pair[0]))
        return [
            Change(
                _field_label(model, name), self._value(model, name, before), self._value(model, name, after)
            )
            for name, (before, after) in pairs
        ]

    def _row_name(self, model, data):
        column = ROW_NAMES.get(model._meta.label)
        if column is None:
            return ""
        if column in _translated_fields(model):
            return _in_active_language(data, column)
        value = data.get(column)
        if column == "title" and not value:
            value = data.get("original_name")
        return self._value(model, column, value)

    def _value(self, model, name, value):
        if value is None or value == "":
            return ""
        try:
            model_field = model._meta.get_field(name)
        except FieldDoesNotExist:
            return str(value)
        if model_field.many_to_one:
            # A row the reader may not see is named without its id: the id alone would tell
            # that a hidden record exists and which one it is.
            return self.names.get((model_field.related_model, value)) or _("a record not shown")
        if model_field.choices:
            return str(dict(model_field.flatchoices).get(value, value))
        if model_field.get_internal_type() == "DateField":
            date = parse_date(str(value))
            return formats.date_format(date, "DATE_FORMAT") if date else str(value)
        if model_field.get_internal_type() == "BooleanField":
            return str(_("yes") if value else _("no"))
        return str(value)

    def _load_names(self, events):
        """{(related model, id): name} for every related row the entries mention."""
        wanted = {}
        for event in events:
            model = apps.get_model(event.pgh_model).pgh_tracked_model
            values = dict(event.pgh_data or {})
            for name, pair in (event.pgh_diff or {}).items():
                if isinstance(pair, list | tuple) and len(pair) == 2:
                    values[f"{name}:before"] = pair[0]
                    values[f"{name}:after"] = pair[1]
            for key, value in values.items():
                if value is None or key.partition(":")[0] in IGNORED_FIELDS:
                    continue
                try:
                    model_field = model._meta.get_field(key.partition(":")[0])
                except FieldDoesNotExist:
                    continue
                if model_field.many_to_one:
                    wanted.setdefault(model_field.related_model, set()).add(value)
        names = {}
        for related, ids in wanted.items():
            manager = related._default_manager
            queryset = manager.visible_to(self.user) if hasattr(manager, "visible_to") else manager.all()
            if related in NAME_SELECT:
                queryset = queryset.select_related(*NAME_SELECT[related])
            if any(f.name == "search_vector" for f in related._meta.concrete_fields):
                queryset = queryset.defer("search_vector")
            for row in queryset.filter(pk__in=ids):
                names[(related, row.pk)] = str(row)
        return names


def _kind_name(model):
    """A model's name; a many-to-many link is named after what it links to (a topic)."""
    column = ROW_NAMES.get(model._meta.label)
    if model._meta.auto_created and column:
        return str(model._meta.get_field(column).related_model._meta.verbose_name)
    return str(model._meta.verbose_name)


def _translated_fields(model):
    return set(get_translatable_fields_for_model(model) or ())


def _in_active_language(data, name):
    """A translated column's value in the active language, falling back as the pages do."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    order = [language, *settings.MODELTRANSLATION_FALLBACK_LANGUAGES["default"]]
    for code in order:
        value = data.get(f"{name}_{code}")
        if value:
            return str(value)
    return ""


def _field_order(model, name):
    names = [f.attname for f in model._meta.concrete_fields]
    return names.index(name) if name in names else len(names)


def _field_label(model, name):
    try:
        return str(model._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name
