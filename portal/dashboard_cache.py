"""The home dashboard, kept in the default cache (Redis when REDIS_URL is set, the database
otherwise), so that the home page does not count every agreement on each request.

One entry per visibility scope, language and day:
- scope: `scope_for(user)`, the levels a viewer reads and, for a partner, its organisation.
  Never per user (every viewer of a scope sees the same figures), and never shared between
  scopes: the anonymous entry is computed from public rows only, an editor's from all of them,
  and a partner's, which counts its own internal agreements, is its organisation's alone.
- language: the entry holds translated text (chart titles, country and field names, figures
  formatted for the language).
- day: expiring agreements, overdue commitments and statuses follow the date.

Invalidation: each entry carries the data version (portal/core/data_version.py), which
database triggers move on every write to a domain table whatever its path (the admin, the API,
QuerySet.update(), raw SQL, a restore, a migration), and is used only while that version is still
current: one query per home page. The version is read before the figures are counted, so an
entry counted while a write was landing carries the version from before it and ends when the
write commits. Entries expire after DASHBOARD_CACHE_SECONDS (5 minutes by default) all the same.
DASHBOARD_CACHE_SECONDS=0 turns the cache off.
"""

import datetime

from django.conf import settings
from django.db import router
from django.utils import timezone, translation

from agreements.models import Agreement
from portal.core.data_version import kept_value
from portal.core.visibility import scope_for
from portal.dashboard import dashboard

DEFAULT_SECONDS = 5 * 60
# Part of every entry's key: change it when what an entry holds changes shape, so that a new
# release never unpickles an old release's entry.
FORMAT = 2


def cache_seconds() -> int:
    return getattr(settings, "DASHBOARD_CACHE_SECONDS", DEFAULT_SECONDS)


def entry_key(user, language: str, today: datetime.date) -> str:
    return f"dashboard:{FORMAT}:{scope_for(user).key}:{language}:{today.isoformat()}"


def cached_dashboard(user, today: datetime.date | None = None) -> dict:
    """What `dashboard(user)` returns, from the cache when a current entry for the scope exists."""
    today = today or timezone.localdate()
    return kept_value(
        entry_key(user, translation.get_language(), today),
        lambda: dashboard(user, today),
        seconds=cache_seconds(),
        # The version of the database the figures are read from.
        using=router.db_for_read(Agreement),
    )
