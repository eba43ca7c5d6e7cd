"""Shared fixtures: one client per role of DESIGN.md section 6.

Transactional tests (live_server, subprocesses) need no `serialized_rollback`: the flush after
each of them sends post_migrate, which recreates content types, permissions and the role
groups (portal/roles.py). Mixing the two styles makes the restore collide with those rows.
"""

import os

import pytest
from django.core.cache import cache
from django.test import Client, override_settings

from tests import factories


@pytest.fixture
def editor_user(db):
    return factories.editor()


@pytest.fixture
def staff_user(db):
    return factories.staff_viewer()


@pytest.fixture
def anonymous_client():
    return Client()


@pytest.fixture
def editor_client(editor_user):
    client = Client()
    client.force_login(editor_user)
    return client


@pytest.fixture
def staff_client(staff_user):
    client = Client()
    client.force_login(staff_user)
    return client


@pytest.fixture(autouse=True)
def page_cache_off():
    """Kept anonymous pages (portal/page_cache.py) are off unless a test turns them on
    (tests/portal/test_page_cache.py): many tests count a page's queries, and a kept page has
    none. TEST_PAGE_CACHE=1 leaves them on, to run e.g. the leak matrix through them.

    override_settings rather than pytest-django's `settings` fixture: a fixture every test
    uses would change the order in which tests' own fixtures are torn down."""
    if os.environ.get("TEST_PAGE_CACHE") == "1":
        yield
        return
    with override_settings(PAGE_CACHE_SECONDS=0):
        yield


@pytest.fixture
def kept_caches_on(settings):
    """Kept pages, API answers and values on, in an empty cache, for the tests of those caches."""
    settings.PAGE_CACHE_SECONDS = 600
    settings.DASHBOARD_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()
