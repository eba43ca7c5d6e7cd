"""Anonymous API list answers kept in the cache until the data change (issue 6, targets).

The same idea as the kept pages (portal/page_cache.py), one level down: the API's throttles must
count every request, so the answer is kept by the list view, after authentication and the
throttle have run, not by a middleware before them. Kept: the JSON body of a list asked with
no key and no session (request.user anonymous, request.auth None); never CSV (it may stream
every page), never a detail or a write.

Key: the data version (moved by every write to a domain table, whatever the path: see
portal/core/migrations/0004_data_version.py), the date (statuses follow it), the language the
answer is in, the scheme and host (the `next` and `previous` links are absolute) and the full path with its
query. PAGE_CACHE_SECONDS bounds an entry's life, as for pages; 0 turns both off.
"""

import hashlib
import logging

from django.core.cache import cache
from django.db import router
from django.utils import translation

from portal.core.data_version import CACHE_ERRORS, kept_seconds, version_key

FORMAT = 1

logger = logging.getLogger("portal.kept_answers")


def list_key(request, model) -> str | None:
    """The cache key of this list answer, or None when it must not be kept."""
    if kept_seconds() <= 0 or request.method not in ("GET", "HEAD"):
        return None
    if request.auth is not None or getattr(request.user, "is_authenticated", False):
        return None
    if getattr(getattr(request, "accepted_renderer", None), "format", None) != "json":
        return None
    version = version_key(router.db_for_read(model))
    if version is None:
        return None
    where = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(where.encode("utf-8", "surrogatepass")).hexdigest()
    return f"api:{FORMAT}:{version}:{translation.get_language()}:{digest}"


def read(key):
    try:
        return cache.get(key)
    except CACHE_ERRORS:
        logger.warning("cache unreachable; answering without it", exc_info=True)
        return None


def keep(key, data):
    try:
        cache.set(key, data, kept_seconds())
    except CACHE_ERRORS:
        logger.warning("cache unreachable; answer not kept", exc_info=True)
