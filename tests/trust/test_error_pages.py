"""Error pages are plain and give nothing away; a database outage is a 503, not a 500.

With DEBUG off (as under pytest and in production) an error shows the portal's own short page:
no traceback, no settings, no secret key, no API key, no SQL. The log keeps the traceback for the
operators but no credential sent with the request.
"""

import logging
from unittest import mock

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.db import OperationalError
from django.test import Client

API_KEY = "Api-Key abcdEFGH.s3cr3t-key-never-to-be-shown"
LEAKS = ["Traceback", "settings.py", "SECRET_KEY", "s3cr3t", "DATABASES", "SELECT ", "psycopg"]


@pytest.fixture
def urls(settings):
    settings.ROOT_URLCONF = "tests.trust.error_urls"


@pytest.fixture
def quiet_client():
    # A real browser's view: the test client would otherwise re-raise the view's exception.
    return Client(raise_request_exception=False)


def assert_plain(response, status):
    assert response.status_code == status
    body = response.content.decode()
    for leak in [*LEAKS, settings.SECRET_KEY]:
        assert leak not in body, leak
    return body


def test_a_failing_view_shows_the_plain_500_page(urls, quiet_client, caplog, db):
    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = quiet_client.post(
            "/test/fails", {"password": "hunter2-typed-by-an-editor"}, HTTP_AUTHORIZATION=API_KEY
        )
    body = assert_plain(response, 500)
    assert '<main id="main">' in body and "the view failed" not in body
    assert "Content-Security-Policy" in response.headers
    # The operators get the path and the traceback, never the request's headers or form.
    assert "Internal Server Error: /test/fails" in caplog.text
    assert "RuntimeError: the view failed" in caplog.text
    for secret in ("s3cr3t", "hunter2", settings.SECRET_KEY):
        assert secret not in caplog.text


def test_an_unknown_address_shows_the_plain_404_page(client, db):
    body = assert_plain(client.get("/en/no-such-page/"), 404)
    assert "Page not found" in body and '<html lang="en">' in body
    assert "URLconf" not in body and "urlpatterns" not in body


def test_permission_denied_shows_the_plain_403_page(urls, client, db):
    body = assert_plain(client.get("/test/forbidden", HTTP_ACCEPT_LANGUAGE="en"), 403)
    assert "Access denied" in body


def test_a_database_error_in_a_view_answers_503(urls, client, caplog, db):
    with caplog.at_level(logging.WARNING, logger="portal.database"):
        response = client.get("/test/database-down")
    body = assert_plain(response, 503)
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["Retry-After"] == "5"
    assert "temporarily unavailable" in body
    assert "Database unavailable, answered 503: GET /test/database-down (OperationalError" in caplog.text
    assert "Traceback" not in caplog.text


def test_a_database_error_in_a_middleware_answers_503(quiet_client, db):
    """The session is read by middleware, before any view: that failure is a 503 too."""
    quiet_client.cookies[settings.SESSION_COOKIE_NAME] = "a" * 32
    with mock.patch.object(
        SessionStore, "load", side_effect=OperationalError("server closed the connection")
    ):
        response = quiet_client.get("/en/")
    body = assert_plain(response, 503)
    assert response["Retry-After"] == "5"
    assert "temporarily unavailable" in body


def test_other_errors_stay_500(urls, quiet_client, db):
    assert quiet_client.get("/test/fails").status_code == 500


def test_healthz_needs_no_database(client):
    # No database access is allowed in this test (no `db` fixture): healthz must not try.
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_readyz_answers_ready_when_migrated(client, db):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ready"}
    assert "no-cache" in response["Cache-Control"]


def test_readyz_answers_503_when_the_database_is_down(client, db):
    with mock.patch(
        "django.db.migrations.recorder.MigrationRecorder.applied_migrations",
        side_effect=OperationalError("connection refused"),
    ):
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response["Retry-After"]


def test_readyz_answers_503_while_migrations_are_pending(client, db):
    with mock.patch(
        "django.db.migrations.executor.MigrationExecutor.migration_plan", return_value=[("migration", False)]
    ):
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.content == b"1 migrations pending\n"
