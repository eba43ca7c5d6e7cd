"""Answer 503 with a plain page while the database is unreachable, instead of a 500.

A database outage is not a bug in the portal: the client should come back shortly
(`Retry-After`), and the log gets one line per request rather than a traceback. Recovery needs
nothing from here: persistent connections are health-checked at the start of each request
(`conn_health_checks` in settings), so the first request after PostgreSQL returns reconnects.

A database error raised by the view reaches `process_exception`. One raised by another
middleware (the session being loaded or saved, pghistory's context reading `request.user`) is
turned into a 500 response by Django before it reaches this middleware; the
`got_request_exception` receiver below marks such a request, and `__call__` swaps its 500 for
the 503. This middleware sits near the top of MIDDLEWARE so that it sees every other one.
"""

import logging
import sys

from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError
from django.dispatch import receiver
from django.http import HttpResponse

logger = logging.getLogger("portal.database")

RETRY_AFTER_SECONDS = 5
UNAVAILABLE_TEXT = (
    "The portal is temporarily unavailable: its database cannot be reached.\n"
    "Please try again in a few seconds.\n"
)
DATABASE_DOWN = (OperationalError, InterfaceError)
MARK = "_portal_database_unavailable"


def unavailable_response():
    response = HttpResponse(UNAVAILABLE_TEXT, status=503, content_type="text/plain; charset=utf-8")
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def log_unavailable(request, exc):
    # The exception's class and first line name the cause (connection refused, server closed
    # the connection) without a traceback per request during an outage. psycopg's messages
    # name host, port and database, never the password.
    first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    logger.warning(
        "Database unavailable, answered 503: %s %s (%s: %s)",
        request.method,
        request.path,
        type(exc).__name__,
        first_line,
    )


@receiver(got_request_exception, dispatch_uid="portal.core.middleware.mark_database_down")
def mark_database_down(sender, request=None, **kwargs):
    exc = sys.exc_info()[1]
    if request is not None and isinstance(exc, DATABASE_DOWN):
        setattr(request, MARK, exc)


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        exc = getattr(request, MARK, None)
        if exc is not None and response.status_code == 500:
            log_unavailable(request, exc)
            return unavailable_response()
        return response

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_DOWN):
            log_unavailable(request, exception)
            return unavailable_response()
        return None
