"""Anonymous pages kept whole in the cache, keyed by the data version (issue 6, targets).

Every anonymous reader sees the same page for the same URL (DESIGN.md section 6: the public
rows only), so a page rendered for one can serve the next until the data change. A list of 25
agreements takes tens of milliseconds of SQL and template rendering; from the cache (Redis when
REDIS_URL is set, the database's cache table otherwise) it takes one lookup.

What may be kept: a GET or HEAD from a request with no session cookie, no messages cookie and no
Authorization header (so no staff, editor, partner or key is behind it), for a page, not the
admin, the API (its throttles count every request), a document or a probe; answered 200 by a
view that set no cookie and did not say `private` or `no-store`, and not streamed (exports).
The answer's own Vary headers are part of the key (django.utils.cache.learn_cache_key), as the
language is part of the path.

When it stops being valid: the key holds the **data version**, a timestamp in the database that
statement-level triggers on every table of the domain apps move on any write, whatever the path:
the admin, the API, `QuerySet.update()`, `bulk_create()`, raw SQL, `generate_data`, `manage.py
restore` (portal/core/migrations/0004_data_version.py, portal/data_triggers.py). A page is
looked up under the version read at the start of the request; a write moves the version, so the
next request misses and renders anew. A page rendered while a write was committing may hold the
newer rows under the older version: nobody reads that version again once the write is visible.
The key also holds the date (pages show what is overdue or expiring); a release's `migrate`
moves the version too, so no page of the old templates outlives it. PAGE_CACHE_SECONDS bounds an
entry's life; 0 turns the cache off.

The cost: one query for the version on each anonymous page request, and a write transaction
holds the version row's lock until it commits, so concurrent writers wait for each other there
(editors' writes are few and short; a long import makes the others wait until it commits).
"""

import logging

from django.conf import settings
from django.core.cache import cache
from django.db import router
from django.http import StreamingHttpResponse
from django.utils import translation
from django.utils.cache import get_cache_key, learn_cache_key

from agreements.models import Agreement
from portal.core.cache_headers import SAFE_METHODS, read_cache_control
from portal.core.data_version import CACHE_ERRORS, kept_seconds, version_key

# Change when what a kept entry holds changes shape (not needed for template changes: migrate
# moves the data version).
FORMAT = 1
# Paths that are never kept: they count requests, apply their own visibility or probe health.
UNCACHED_PREFIXES = ("/api/", "/static/", "/media/", "/healthz", "/readyz")
# Cookies that make a request somebody's: a session (logged in) or a message waiting for them.
PERSONAL_COOKIES = (settings.SESSION_COOKIE_NAME, getattr(settings, "MESSAGE_COOKIE_NAME", "messages"))

logger = logging.getLogger("portal.page_cache")


def may_keep_request(request) -> bool:
    if request.method not in SAFE_METHODS or request.META.get("HTTP_AUTHORIZATION"):
        return False
    if any(name in request.COOKIES for name in PERSONAL_COOKIES):
        return False
    path = request.path
    admin = "/" + settings.ADMIN_PATH
    return not (path.startswith(UNCACHED_PREFIXES) or admin in path or "/documents/" in path)


def may_keep_response(request, response) -> bool:
    if response.status_code != 200 or response.cookies or isinstance(response, StreamingHttpResponse):
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False  # the page holds a CSRF token: one reader's, never to be handed to another
    user = getattr(request, "user", None)
    if getattr(user, "is_authenticated", False):
        return False
    directives = read_cache_control(response)
    return not ("private" in directives or "no-store" in directives)


class AnonymousPageCacheMiddleware:
    """See the module's docstring. Sits inside CacheHeadersMiddleware and ConditionalGet, so a
    kept page still gets its Cache-Control, ETag and 304, and outside sessions and
    authentication, whose work a kept page saves."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = kept_seconds()
        if seconds <= 0 or not may_keep_request(request):
            return self.get_response(request)
        version = version_key(router.db_for_read(Agreement))
        if version is None:
            return self.get_response(request)
        prefix = f"page:{FORMAT}:{version}"
        # Django's cache keys hold the active language. Here, before LocaleMiddleware, that is
        # whatever the thread's last request left: use the language this request will get (from
        # the path, else the cookie and Accept-Language, as LocaleMiddleware decides it).
        language = translation.get_language_from_request(request, check_path=True)
        try:
            with translation.override(language):
                key = get_cache_key(request, prefix, "GET", cache=cache)
            kept = cache.get(key) if key else None
        except CACHE_ERRORS:
            logger.warning("page cache unreachable; rendering", exc_info=True)
            return self.get_response(request)
        if kept is not None:
            return kept
        response = self.get_response(request)
        # Kept from GETs only: a HEAD's answer has no body (a HEAD is served a GET's page).
        if request.method == "GET" and may_keep_response(request, response):
            try:
                with translation.override(language):
                    key = learn_cache_key(request, response, seconds, prefix, cache=cache)
                cache.set(key, response, seconds)
            except CACHE_ERRORS:
                logger.warning("page cache unreachable; page not kept", exc_info=True)
        return response
