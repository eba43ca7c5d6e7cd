"""API keys: stored hashed, expiring, revocable; a bad key is a 401, never anonymous access.
Issued with manage.py create_api_key or in the admin.
"""

import datetime
import io

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction
from django.test import Client
from django.utils import timezone

from portal.core.models import APIKey
from portal.core.visibility import Visibility
from tests import factories as f
from tests.api.conftest import key_client

pytestmark = pytest.mark.django_db
URL = "/api/v1/agreements/"


def test_a_key_is_stored_hashed(partner_org):
    key = f.api_key(organization=partner_org)
    stored = APIKey.objects.get(prefix=key.split(".")[0])
    assert key not in stored.hashed_key and key.split(".")[1] not in stored.id


@pytest.mark.parametrize(
    "header",
    [
        "Api-Key",
        "Api-Key ",
        "Api-Key nodot",
        "Api-Key abc.def",
        "Api-Key ab\x00c.def",
        "Api-Key " + "a" * 200,
        "Bearer something",
        "Basic dXNlcjpwYXNz",
    ],
)
def test_a_malformed_or_unknown_key_is_a_401_even_for_public_reads(api_anonymous, header):
    f.AgreementFactory()
    response = api_anonymous.get(URL, HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Api-Key"
    assert "detail" in response.json()


def test_a_wrong_secret_with_a_real_prefix_is_a_401(partner_org, api_anonymous):
    key = f.api_key(organization=partner_org)
    prefix = key.split(".")[0]
    assert api_anonymous.get(URL, HTTP_AUTHORIZATION=f"Api-Key {prefix}.wrongsecret").status_code == 401


def test_a_revoked_key_is_a_401(partner_org):
    key = f.api_key(organization=partner_org)
    client = key_client(key)
    assert client.get(URL).status_code == 200
    APIKey.objects.filter(prefix=key.split(".")[0]).update(revoked=True)
    response = client.get(URL, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 401
    assert "revoked" in response.json()["detail"]


def test_an_expired_key_is_a_401(partner_org):
    key = f.api_key(organization=partner_org, expiry_date=timezone.now() - datetime.timedelta(seconds=1))
    response = key_client(key).get(URL, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 401
    assert "expired" in response.json()["detail"]
    fresh = f.api_key(organization=partner_org, expiry_date=timezone.now() + datetime.timedelta(days=1))
    assert key_client(fresh).get(URL).status_code == 200


def test_the_key_of_an_inactive_account_is_a_401(editor_user):
    key = f.api_key(user=editor_user)
    editor_user.is_active = False
    editor_user.save()
    assert key_client(key).get(URL).status_code == 401


def test_a_partner_key_reads_as_its_organisation(partner_org):
    mine = f.AgreementFactory(visibility=Visibility.INTERNAL)
    f.PartyFactory(agreement=mine, organization=partner_org)
    other = f.AgreementFactory(visibility=Visibility.INTERNAL)
    found = {row["id"] for row in key_client(f.api_key(organization=partner_org)).get(URL).json()["results"]}
    assert mine.pk in found and other.pk not in found


def test_a_user_key_acts_with_that_users_rights(editor_user, staff_user):
    confidential = f.AgreementFactory(visibility=Visibility.CONFIDENTIAL)
    editor = key_client(f.api_key(user=editor_user))
    staff = key_client(f.api_key(user=staff_user))
    assert editor.get(f"{URL}{confidential.pk}/").status_code == 200
    assert staff.get(f"{URL}{confidential.pk}/").status_code == 404
    body = {"kind": "agreement", "title_en": "Written with a key"}
    assert editor.post(URL, body, format="json").status_code == 201
    assert staff.post(URL, body, format="json").status_code == 403


def test_a_key_belongs_to_an_organisation_or_a_user_never_both_or_neither(partner_org, editor_user):
    for owner in ({}, {"organization": partner_org, "user": editor_user}):
        with pytest.raises(ValidationError):
            APIKey(name="x", **owner).full_clean()
        with pytest.raises(IntegrityError), transaction.atomic():
            APIKey.objects.create_key(name="x", **owner)


def test_create_api_key_for_an_organisation_prints_the_key_once(partner_org):
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "create_api_key",
        "--organization",
        str(partner_org.pk),
        "--expires",
        "2099-12-31",
        stdout=out,
        stderr=err,
    )
    key = out.getvalue().strip()
    stored = APIKey.objects.get(prefix=key.split(".")[0])
    assert stored.organization == partner_org
    assert timezone.localtime(stored.expiry_date).date() == datetime.date(2100, 1, 1)  # works through 31 Dec
    assert key_client(key).get(URL).status_code == 200
    assert "only time" in err.getvalue()


def test_create_api_key_for_a_user(editor_user):
    out = io.StringIO()
    call_command("create_api_key", "--user", editor_user.username, stdout=out, stderr=io.StringIO())
    key = out.getvalue().strip()
    assert APIKey.objects.get(prefix=key.split(".")[0]).user == editor_user


@pytest.mark.parametrize(
    "args",
    [
        ["--organization", "999999"],
        ["--user", "nobody"],
        ["--user", "x", "--organization", "1"],
        ["--organization", "1", "--expires", "2020-01-01"],
        ["--organization", "1", "--expires", "next year"],
        [],
    ],
)
def test_create_api_key_refuses_bad_arguments(args, partner_org):
    args = [str(partner_org.pk) if a == "1" else a for a in args]
    with pytest.raises((CommandError, SystemExit)):
        call_command("create_api_key", *args, stdout=io.StringIO(), stderr=io.StringIO())


def test_editors_issue_keys_in_the_admin_and_see_them_once(editor_user, partner_org):
    assert Group.objects.get(name="Editors").permissions.filter(codename="add_apikey").exists()
    client = Client()
    client.force_login(editor_user)
    response = client.post(
        "/admin/core/apikey/add/",
        {"name": "Partner Academy", "organization": partner_org.pk, "expiry_date_0": "", "expiry_date_1": ""},
        follow=True,
    )
    assert response.status_code == 200
    stored = APIKey.objects.get(name="Partner Academy")
    messages = [str(m) for m in response.context["messages"]]
    key = next(word for m in messages for word in m.split() if word.startswith(stored.prefix + "."))
    assert key_client(key.rstrip(".")).get(URL).status_code == 200


def test_editors_revoke_keys_in_the_admin(editor_user, partner_org):
    key = f.api_key(organization=partner_org)
    stored = APIKey.objects.get(prefix=key.split(".")[0])
    client = Client()
    client.force_login(editor_user)
    response = client.post(
        "/admin/core/apikey/", {"action": "revoke", "_selected_action": [stored.pk]}, follow=True
    )
    assert response.status_code == 200
    stored.refresh_from_db()
    assert stored.revoked
    assert key_client(key).get(URL).status_code == 401


def test_an_editor_cannot_mint_a_key_for_another_account(editor_user, staff_user):
    client = Client()
    client.force_login(editor_user)
    client.post("/admin/core/apikey/add/", {"name": "borrowed", "user": staff_user.pk})
    assert not APIKey.objects.filter(name="borrowed").exists()
