"""Shared fixtures: one client per role of DESIGN.md section 6.

Transactional tests (live_server, subprocesses) need no `serialized_rollback`: the flush after
each of them sends post_migrate, which recreates content types, permissions and the role
groups (portal/roles.py). Mixing the two styles makes the restore collide with those rows.
"""

import pytest
from django.test import Client

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
