"""The data version (portal/core/migrations/0004_data_version.py): read it, move it by hand
where triggers were off (generate_data loads in the replica role, in which no trigger fires),
and what the caches keyed by it share (kept pages, kept API answers, kept values such as the
dashboard's figures)."""

import logging
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connections
from django.utils import timezone
from redis.exceptions import RedisError

# What the cache backends raise while their server is unreachable (Redis, or the database's
# cache table). A cache saves work and is never needed for an answer: callers go on without it.
CACHE_ERRORS = (RedisError, DatabaseError, OSError)

logger = logging.getLogger("portal.cache")

# As the triggers' function does (core/0005): always later than the version it replaces.
BUMP = (
    "INSERT INTO portal_data_version (id, changed_at) VALUES (1, clock_timestamp()) "
    "ON CONFLICT (id) DO UPDATE SET changed_at = greatest("
    "EXCLUDED.changed_at, portal_data_version.changed_at + interval '1 microsecond')"
)


def data_version(using: str = "default") -> str | None:
    """The version as a string of microseconds, or None where the row is missing. Read it from
    the database the page's rows come from (a replica replays it in commit order with them)."""
    with connections[using].cursor() as cursor:
        cursor.execute("SELECT (extract(epoch FROM changed_at) * 1000000)::bigint FROM portal_data_version")
        row = cursor.fetchone()
    return None if row is None else str(row[0])


def bump_data_version(cursor):
    cursor.execute(BUMP)


def kept_seconds() -> int:
    """How long a kept page or API answer lives at most (PAGE_CACHE_SECONDS; 0: nothing kept)."""
    return getattr(settings, "PAGE_CACHE_SECONDS", 0)


def version_key(using: str = "default") -> str | None:
    """The part of a kept answer's key that ends it: the data version and the date (pages show
    what is overdue or expiring). None, so nothing is kept, without a version or a database."""
    try:
        version = data_version(using)
    except DatabaseError:
        return None  # the view answers as it can (503 while PostgreSQL is down)
    return None if version is None else f"{version}:{timezone.localdate().isoformat()}"


def kept_value(key: str, compute: Callable, *, seconds: int, using: str = "default"):
    """compute(), or what it returned for `key` before while the data version is unchanged.

    The version is read before compute() runs, so a value computed while a write was landing
    carries the version from before that write and ends when it commits. The key must name
    everything the value depends on besides the data: the viewer's scope (`Scope.key`), the
    language, the date. seconds=0: computed every time. Without the cache: computed.
    """
    if seconds <= 0:
        return compute()
    version = data_version(using)
    try:
        entry = cache.get(key)
    except CACHE_ERRORS as error:
        logger.warning("Cache unavailable, %s computed afresh: %s", key, error)
        return compute()
    if entry is not None and version is not None and entry[0] == version:
        return entry[1]
    value = compute()
    if version is not None:
        try:
            cache.set(key, (version, value), seconds)
        except CACHE_ERRORS as error:
            logger.warning("Cache unavailable, %s not kept: %s", key, error)
    return value
