"""Who made a change and in which request, for the audit trail (DESIGN.md principle 9).

Database triggers (django-pghistory) write an audit row for every insert, update and delete,
whatever the path. The rows written while a context is open share one context row, whose
metadata says who and where:

- a page or admin request: `user` (id), `username`, `method`, `url` (the path) and `request_id`
  (also sent back as the `X-Request-ID` response header, so a user can quote it);
- an API request: the same, plus `api_key` (its prefix, name and owner: never the secret, nor its
  hash, which the key's primary key contains). DRF authenticates inside the view, after the
  middleware has opened the context, so the request records the user and the key when DRF
  assigns them (the same way pghistory's own middleware follows `request.user`);
- a management command opens its own context (`load_demo` records `command`);
- `manage.py shell`, `QuerySet.update()` outside a request and raw SQL are still recorded by the
  triggers, without a context: the history shows them as made by the system.
"""

import uuid

import pghistory
from django.core.handlers.asgi import ASGIRequest
from django.core.handlers.wsgi import WSGIRequest
from pghistory import config as pghistory_config
from pghistory.middleware import HistoryMiddleware

from portal.core.models import APIKey

REQUEST_ID_HEADER = "X-Request-ID"


def user_context(user) -> dict:
    """The metadata naming a user; a partner key's caller and anonymous users name nobody."""
    if user is None or not getattr(user, "is_authenticated", False) or getattr(user, "pk", None) is None:
        return {"user": None, "username": None}
    return {"user": user.pk, "username": user.get_username()}


def api_key_context(api_key) -> dict:
    """What identifies an API key in the audit rows. The prefix is unique; the key's `id` is not
    used because it carries the hashed secret."""
    return {
        "prefix": api_key.prefix,
        "name": api_key.name,
        "organization": api_key.organization_id,
        "user": api_key.user_id,
    }


class AuditedRequest:
    """Follows the assignments that DRF makes after authenticating (`request.user`, `request.auth`)."""

    def __setattr__(self, attr, value):
        if attr == "user":
            pghistory.context(**user_context(value))
        elif attr == "auth" and isinstance(value, APIKey):
            pghistory.context(api_key=api_key_context(value))
        super().__setattr__(attr, value)


class AuditedWSGIRequest(AuditedRequest, WSGIRequest):
    pass


class AuditedASGIRequest(AuditedRequest, ASGIRequest):
    pass


class AuditMiddleware(HistoryMiddleware):
    """pghistory's middleware, recording the user by id and name, the method and a request id."""

    def get_context(self, request):
        return {
            **user_context(getattr(request, "user", None)),
            "method": request.method,
            "url": request.path,
            "request_id": request.request_id,
        }

    def __call__(self, request):
        request.request_id = uuid.uuid4().hex
        if request.method not in pghistory_config.middleware_methods():
            response = self.get_response(request)
        else:
            with pghistory.context(**self.get_context(request)):
                if isinstance(request, WSGIRequest):
                    request.__class__ = AuditedWSGIRequest
                elif isinstance(request, ASGIRequest):
                    request.__class__ = AuditedASGIRequest
                response = self.get_response(request)
        response[REQUEST_ID_HEADER] = request.request_id
        return response
