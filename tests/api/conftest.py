"""API clients per role (DESIGN.md section 6), by session and by key."""

import pytest
from rest_framework.test import APIClient

from tests import factories


def key_client(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Api-Key {key}")
    return client


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # The role fixtures make users with passwords; a slow hasher would dominate these tests.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def partner_org(db):
    return factories.OrganizationFactory(name_en="Partner Academy", country="CN")


@pytest.fixture
def api_anonymous():
    return APIClient()


@pytest.fixture
def api_partner(partner_org):
    return key_client(factories.api_key(organization=partner_org))


@pytest.fixture
def api_staff(staff_user):
    client = APIClient()
    client.force_login(staff_user)
    return client


@pytest.fixture
def api_staff_key(staff_user):
    return key_client(factories.api_key(user=staff_user))


@pytest.fixture
def api_editor(editor_user):
    client = APIClient()
    client.force_login(editor_user)
    return client


@pytest.fixture
def api_editor_key(editor_user):
    return key_client(factories.api_key(user=editor_user))


@pytest.fixture
def clients(api_anonymous, api_partner, api_staff, api_staff_key, api_editor, api_editor_key):
    return {
        "anonymous": api_anonymous,
        "partner": api_partner,
        "staff": api_staff,
        "staff_key": api_staff_key,
        "editor": api_editor,
        "editor_key": api_editor_key,
    }
