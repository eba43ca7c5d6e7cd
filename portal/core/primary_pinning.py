"""Read-your-writes with streaming replicas: which reads must go to the primary.

A replica replays the primary's changes a moment later, so a read that follows a write can miss
it. Two cases matter to users:
- the same request writes and then reads (the API answers a create with the row as stored);
- the next request of the same client reads what it has just written (redirect after POST).
The database router (`portal/db_router.py`) calls `mark_write()` for every write and asks
`is_pinned()` for every read. The middleware gives each request its own state, and after a
write sets a short-lived cookie so that the client's following requests read from the primary
for PRIMARY_PIN_SECONDS, far longer than a healthy replica lags behind.

The state is a mutable object held in a context variable: the router sets its flag deep inside
the view and the middleware reads it afterwards. It is not reset when the response leaves the
middleware, because a streamed body (the CSV export) is read from the database after that; the
next request in the same thread replaces it. Outside any request (management commands, the
shell) a write pins the rest of the process's work to the primary.
"""

import math
import time
from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings

COOKIE_NAME = "portal_read_primary_until"


@dataclass
class RequestState:
    wrote: bool = False
    pinned_by_cookie: bool = False

    @property
    def pinned(self) -> bool:
        return self.wrote or self.pinned_by_cookie


_state: ContextVar[RequestState | None] = ContextVar("portal_primary_pinning", default=None)


def mark_write() -> None:
    state = _state.get()
    if state is None:
        _state.set(RequestState(wrote=True))
    else:
        state.wrote = True


def is_pinned() -> bool:
    state = _state.get()
    return state is not None and state.pinned


def cookie_pins(request) -> bool:
    # The cookie holds the Unix time until which the client reads from the primary; its max-age
    # says the same, and checking the value here keeps a replayed old cookie from pinning.
    value = request.COOKIES.get(COOKIE_NAME, "")
    return value.isdigit() and int(value) > time.time()


class PrimaryPinningMiddleware:
    """Installed (by settings) only when a replica is configured."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        state = RequestState(pinned_by_cookie=cookie_pins(request))
        _state.set(state)
        response = self.get_response(request)
        if state.wrote:
            seconds = settings.PRIMARY_PIN_SECONDS
            response.set_cookie(
                COOKIE_NAME,
                str(math.ceil(time.time()) + seconds),
                max_age=seconds,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response
