"""Login throttling: after five wrong passwords the admin login refuses even the right one."""

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.urls import reverse

from tests import factories

PASSWORD = "correct horse battery staple"  # the factories' password


@pytest.fixture
def editor(db):
    return factories.editor(username="editor")


def log_in(client, password, ip="203.0.113.7"):
    return client.post(reverse("admin:login"), {"username": "editor", "password": password}, REMOTE_ADDR=ip)


def test_the_right_password_logs_in(client, editor):
    response = log_in(client, PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(editor.pk)


def test_five_wrong_passwords_lock_out_the_sixth_attempt_even_with_the_right_one(client, editor):
    assert settings.AXES_FAILURE_LIMIT == 5
    for attempt in range(1, 5):
        response = log_in(client, f"wrong {attempt}")
        assert response.status_code == 200, attempt  # the form again, with its error
    assert log_in(client, "wrong 5").status_code == 429  # the fifth failure locks

    response = log_in(client, PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert AccessAttempt.objects.get(username="editor").failures_since_start >= 5


def test_the_lock_is_per_address_so_an_attacker_cannot_lock_the_editor_out_everywhere(client, editor):
    for attempt in range(5):
        log_in(client, f"wrong {attempt}", ip="198.51.100.9")
    assert log_in(client, PASSWORD, ip="198.51.100.9").status_code == 429
    assert log_in(client, PASSWORD, ip="203.0.113.7").status_code == 302


def test_a_session_expires(client, editor):
    log_in(client, PASSWORD)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert int(cookie["max-age"]) == settings.SESSION_COOKIE_AGE <= 8 * 60 * 60
    assert client.session.get_expiry_age() <= settings.SESSION_COOKIE_AGE
