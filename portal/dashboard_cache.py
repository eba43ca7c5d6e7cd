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
import logging

from django.conf import settings
from django.core.cache import cache
from django.db import router
from django.utils import timezone, translation

from agreements.models import Agreement
from portal.core.data_version import CACHE_ERRORS, data_version
from portal.core.visibility import Scope, scope_for
from portal.dashboard import dashboard

DEFAULT_SECONDS = 5 * 60
# Part of every entry's key: change it when what an entry holds changes shape, so that a new
# release never unpickles an old release's entry.
FORMAT = 2

logger = logging.getLogger("portal.dashboard_cache")


def cache_seconds() -> int:
    return getattr(settings, "DASHBOARD_CACHE_SECONDS", DEFAULT_SECONDS)


def scope_key(scope: Scope) -> str:
    key = "+".join(sorted(str(level) for level in scope.levels))
    if scope.partner_organization_id is not None:
        key += f":partner-{scope.partner_organization_id}"
    return key


def entry_key(user, language: str, today: datetime.date) -> str:
    return f"dashboard:{FORMAT}:{scope_key(scope_for(user))}:{language}:{today.isoformat()}"


def cached_dashboard(user, today: datetime.date | None = None) -> dict:
    """What `dashboard(user)` returns, from the cache when a current entry for the scope exists."""
    seconds = cache_seconds()
    if seconds <= 0:
        return dashboard(user, today)
    today = today or timezone.localdate()
    key = entry_key(user, translation.get_language(), today)
    # Before the figures (see the module's docstring), from the database they are read from.
    version = data_version(router.db_for_read(Agreement))
    try:
        entry = cache.get(key)
    except CACHE_ERRORS as error:
        logger.warning("Dashboard cache unavailable, figures counted afresh: %s", error)
        return dashboard(user, today)
    if entry is not None and version is not None and entry[0] == version:
        return entry[1]
    context = dashboard(user, today)
    if version is not None:
        try:
            cache.set(key, (version, context), seconds)
        except CACHE_ERRORS as error:
            logger.warning("Dashboard cache unavailable, figures not kept: %s", error)
    return context
