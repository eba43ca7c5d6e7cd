"""The portal's URLs plus views that fail on purpose, for tests/trust/test_error_pages.py."""

from django.core.exceptions import PermissionDenied
from django.db import OperationalError
from django.urls import path

from portal.urls import urlpatterns as portal_urlpatterns


def fails(request):
    raise RuntimeError("the view failed")


def database_down(request):
    raise OperationalError('connection to server at "127.0.0.1", port 5432 failed: Connection refused')


def forbidden(request):
    raise PermissionDenied


urlpatterns = [
    path("test/fails", fails),
    path("test/database-down", database_down),
    path("test/forbidden", forbidden),
    *portal_urlpatterns,
]
