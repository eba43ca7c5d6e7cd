"""The primary/replica router and read-your-writes pinning, without servers (the real pair is in
test_replica.py), and the settings that install them only when a replica is named."""

import contextvars
import runpy
import time
from pathlib import Path

import pytest
from django.contrib.sessions.models import Session
from django.db import transaction
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from agreements.models import Organization
from portal.core.primary_pinning import COOKIE_NAME, PrimaryPinningMiddleware
from portal.db_router import PrimaryReplicaRouter

router = PrimaryReplicaRouter()
SETTINGS_FILE = str(Path(__file__).resolve().parents[2] / "portal" / "settings.py")


def serve(view, cookie=None):
    """Runs `view` as a request through the pinning middleware, in a context of its own."""
    request = RequestFactory().post("/")
    if cookie is not None:
        request.COOKIES[COOKIE_NAME] = cookie
    middleware = PrimaryPinningMiddleware(lambda request: view() or HttpResponse())
    return contextvars.Context().run(middleware, request)


def test_reads_go_to_the_replica_and_writes_to_the_primary():
    seen = []
    serve(lambda: seen.extend([router.db_for_read(Organization), router.db_for_write(Organization)]))
    assert seen == ["replica", "default"]


def test_a_request_that_has_written_reads_from_the_primary_and_pins_the_client_for_a_while():
    seen = []

    def view():
        seen.append(router.db_for_read(Organization))
        router.db_for_write(Organization)
        seen.append(router.db_for_read(Organization))

    with override_settings(PRIMARY_PIN_SECONDS=5):
        response = serve(view)
    assert seen == ["replica", "default"]
    cookie = response.cookies[COOKIE_NAME]
    assert cookie["max-age"] == 5 and cookie["httponly"]
    assert int(cookie.value) >= time.time() + 4

    # The client's next request (a redirect after POST) reads its write from the primary.
    serve(lambda: seen.append(router.db_for_read(Organization)), cookie=cookie.value)
    assert seen[-1] == "default"


def test_a_request_that_only_reads_sets_no_cookie_and_an_old_cookie_pins_nothing():
    seen = []
    response = serve(lambda: seen.append(router.db_for_read(Organization)), cookie=str(int(time.time()) - 1))
    assert seen == ["replica"]
    assert COOKIE_NAME not in response.cookies
    serve(lambda: seen.append(router.db_for_read(Organization)), cookie="not-a-time")
    assert seen[-1] == "replica"


def test_sessions_and_the_cache_table_stay_on_the_primary_and_do_not_pin():
    from django.core.cache.backends.db import DatabaseCache

    cache_entry = DatabaseCache("portal_cache", {}).cache_model_class
    seen = []

    def view():
        for model in (Session, cache_entry):
            seen.append(router.db_for_read(model))
            seen.append(router.db_for_write(model))
        seen.append(router.db_for_read(Organization))

    response = serve(view)
    assert seen == ["default"] * 4 + ["replica"]
    assert COOKIE_NAME not in response.cookies


def test_a_write_outside_any_request_pins_the_rest_of_that_work():
    def command():
        before = router.db_for_read(Organization)
        router.db_for_write(Organization)
        return before, router.db_for_read(Organization)

    assert contextvars.Context().run(command) == ("replica", "default")


@pytest.mark.django_db
def test_reads_inside_a_transaction_on_the_primary_stay_on_the_primary():
    with transaction.atomic():
        assert contextvars.Context().run(router.db_for_read, Organization) == "default"


def test_migrations_run_on_the_primary_only():
    assert router.allow_migrate("default", "agreements")
    assert not router.allow_migrate("replica", "agreements")


def test_settings_install_the_router_only_when_a_replica_is_named(monkeypatch):
    monkeypatch.delenv("DATABASE_REPLICA_URL", raising=False)
    plain = runpy.run_path(SETTINGS_FILE)
    assert set(plain["DATABASES"]) == {"default"}
    assert "DATABASE_ROUTERS" not in plain
    assert "portal.core.primary_pinning.PrimaryPinningMiddleware" not in plain["MIDDLEWARE"]

    monkeypatch.setenv("DATABASE_REPLICA_URL", "postgres://reader@replica.example:5432/portal")
    with_replica = runpy.run_path(SETTINGS_FILE)
    replica = with_replica["DATABASES"]["replica"]
    assert (replica["HOST"], replica["USER"], replica["TEST"]) == (
        "replica.example",
        "reader",
        {"MIRROR": "default"},
    )
    assert with_replica["DATABASE_ROUTERS"] == ["portal.db_router.PrimaryReplicaRouter"]
    middleware = with_replica["MIDDLEWARE"]
    # Before the session and everything else that may read, so every read of the request is routed.
    assert middleware.index("portal.core.primary_pinning.PrimaryPinningMiddleware") < middleware.index(
        "django.contrib.sessions.middleware.SessionMiddleware"
    )


def test_media_storage_is_named_by_the_environment(monkeypatch):
    assert runpy.run_path(SETTINGS_FILE)["STORAGES"]["default"] == {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {},
    }
    monkeypatch.setenv("MEDIA_STORAGE", "storages.backends.s3.S3Storage")
    monkeypatch.setenv("MEDIA_STORAGE_OPTIONS", '{"bucket_name": "portal-media"}')
    assert runpy.run_path(SETTINGS_FILE)["STORAGES"]["default"] == {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {"bucket_name": "portal-media"},
    }
