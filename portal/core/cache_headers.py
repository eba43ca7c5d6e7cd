"""Cache-Control and Vary on pages, feeds and API answers (issue 6, item 4).

A shared cache (a reverse proxy, a CDN) may keep an answer only when every anonymous reader
would get the same one. So an answer is `public, max-age=PUBLIC_CACHE_SECONDS` only when all of
these hold:

- the request is a GET or HEAD and the answer a 200 (or its 304);
- the request carries no session cookie and no Authorization header, and nobody is logged in:
  no staff, editor or API key (partner or user) is behind it, whose answer counts rows an
  anonymous reader may not see;
- the answer sets no cookie: a page with a form sets the CSRF cookie, and a cached Set-Cookie
  would hand one reader's token to the next;
- the view did not say otherwise (`private` or `no-store`, as document downloads do).

Everything that depends on the viewer is `private`, never `public`: `private, no-store` for a
browser session (a shared office computer should not keep an internal record on disk after
logout), `private, no-cache` for an API key (the caller may keep the answer and revalidate it
with its ETag). An explicit `no-store` is never loosened.

Every answer also names what it varies by: `Cookie` (the session, the language cookie) and
`Authorization` (API keys), besides the `Accept-Language` that LocaleMiddleware and the API add
where the language is not in the path. So a cache can never hand one role's answer to another.

Validators: django.middleware.http.ConditionalGetMiddleware, just outside this one, gives every
non-streaming answer that is not `no-store` an ETag and answers a matching If-None-Match with
304 (the API computes its own, with Last-Modified on details).
"""

from django.conf import settings
from django.utils.cache import patch_vary_headers
from django.utils.http import split_header_value

DEFAULT_PUBLIC_SECONDS = 60
SAFE_METHODS = ("GET", "HEAD")
CACHEABLE_STATUSES = (200, 304)
VARY = ("Cookie", "Authorization")


def read_cache_control(response) -> dict[str, str | bool]:
    directives = {}
    for item in split_header_value(response.get("Cache-Control", "")):
        name, sep, value = item.partition("=")
        directives[name.strip().lower()] = value.strip() if sep else True
    return directives


def write_cache_control(response, directives: dict[str, str | bool]):
    response["Cache-Control"] = ", ".join(
        name if value is True else f"{name}={value}" for name, value in directives.items()
    )


def viewer_is_known(request, response) -> bool:
    """True when the answer may depend on who asks, or carries something meant for one reader."""
    if settings.SESSION_COOKIE_NAME in request.COOKIES or request.META.get("HTTP_AUTHORIZATION"):
        return True
    if response.cookies:
        return True
    # No session cookie, so this costs no query: the user is anonymous unless the API put a
    # partner or a key's user there.
    user = getattr(request, "user", None)
    return bool(
        getattr(user, "is_authenticated", False) or getattr(user, "partner_organization_id", None) is not None
    )


def uses_browser_session(request) -> bool:
    return settings.SESSION_COOKIE_NAME in request.COOKIES and not request.META.get("HTTP_AUTHORIZATION")


class CacheHeadersMiddleware:
    """Decides public or private for each answer; see the module's docstring.

    It sits outside the session, locale and CSRF middleware, so it sees the cookies they set and
    the Vary they add, and reads the viewer on the way out, when the request carries its user.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method not in SAFE_METHODS:
            return response
        patch_vary_headers(response, VARY)
        directives = read_cache_control(response)
        if viewer_is_known(request, response):
            self.make_private(request, directives)
        elif "no-store" in directives or "private" in directives:
            pass  # the view knows why (a document download, a probe): kept as it is
        elif response.status_code in CACHEABLE_STATUSES:
            self.make_public(directives)
        else:
            # An error or a redirect may change as soon as a record is published: a cache may
            # keep it but must ask again each time.
            directives.setdefault("no-cache", True)
        if directives:
            write_cache_control(response, directives)
        return response

    @staticmethod
    def make_private(request, directives):
        for shared in ("public", "s-maxage", "proxy-revalidate"):
            directives.pop(shared, None)
        directives["private"] = True
        if "no-store" in directives:
            return
        if uses_browser_session(request):
            directives["no-store"] = True
        else:
            directives["no-cache"] = True

    @staticmethod
    def make_public(directives):
        directives["public"] = True
        directives.setdefault(
            "max-age", str(getattr(settings, "PUBLIC_CACHE_SECONDS", DEFAULT_PUBLIC_SECONDS))
        )
