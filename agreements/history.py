"""An agreement's change history, as staff see it on its page (DESIGN.md section 5).

The audit rows are written by database triggers (django-pghistory, see models.history); this
reads those of the agreement itself and of the rows it owns (parties, signatories, documents,
commitments), which follow its visibility. Rows of other agreements that point at it (a child
instrument) are left out: they have their own visibility and their own page.
"""

from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist
from django.utils.dateparse import parse_datetime
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from pghistory.models import Events

HISTORY_LIMIT = 50
OWNED_EVENT_MODELS = ("PartyEvent", "SignatoryEvent", "DocumentEvent", "CommitmentEvent")
# Columns that change on every save or are derived; listing them would only add noise.
IGNORED_FIELDS = {"updated_at", "created_at", "search_vector", "id"}
ACTIONS = {"insert": _("created"), "update": _("changed"), "delete": _("deleted")}


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


def change_history(agreement, limit=HISTORY_LIMIT):
    own = list(Events.objects.tracks(agreement).order_by("-pgh_created_at", "-pgh_id")[:limit])
    owned_models = [apps.get_model("agreements", name) for name in OWNED_EVENT_MODELS]
    owned = list(
        Events.objects.across(*owned_models)
        .references(agreement)
        .order_by("-pgh_created_at", "-pgh_id")[:limit]
    )
    events = sorted(own + owned, key=lambda event: event.pgh_created_at, reverse=True)[:limit]
    user_ids = {(event.pgh_context or {}).get("user") for event in events} - {None}
    users = {user.pk: user for user in get_user_model().objects.filter(pk__in=user_ids)}
    return [_entry(event, users) for event in events]


def _entry(event, users):
    model = apps.get_model(event.pgh_model).pgh_tracked_model
    context = event.pgh_context or {}
    user = users.get(context.get("user"))
    if user is not None:
        who = user.get_username()
    elif context.get("command"):
        who = _("command %(name)s") % {"name": context["command"]}
    else:
        who = _("system")
    when = event.pgh_created_at
    if isinstance(when, str):
        when = parse_datetime(when)
    return HistoryEntry(
        when=when,
        action=ACTIONS.get(event.pgh_label, event.pgh_label),
        what=str(model._meta.verbose_name),
        who=who,
        changes=[
            Change(_field_label(model, name), _short(values[0]), _short(values[1]))
            for name, values in sorted((event.pgh_diff or {}).items())
            if name not in IGNORED_FIELDS and isinstance(values, list | tuple) and len(values) == 2
        ],
    )


def _field_label(model, name):
    try:
        return str(model._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name


def _short(value):
    return "" if value is None else Truncator(str(value)).chars(160)
