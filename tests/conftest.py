"""Shared fixtures: one client per role of DESIGN.md section 6."""

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
