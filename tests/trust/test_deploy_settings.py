"""Production settings, as the portal really starts with them: DEBUG off, a secret, a host name.

Settings are read once at start-up from the environment, so these tests run the portal's code
in a subprocess with a production environment (and the test database, read only), rather than
patching settings in this process.
"""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
HOST = "portal.example.kg"
ADMIN_PATH = "backoffice-7f3/"

PROBE = """
import json
import django

django.setup()
from django.conf import settings
from django.test import Client
from django.urls import reverse

# Behind the TLS-terminating proxy that SECURE_PROXY_SSL_HEADER names.
secure = Client(HTTP_HOST="portal.example.kg", HTTP_X_FORWARDED_PROTO="https")
plain = Client(HTTP_HOST="portal.example.kg")
health = secure.get("/healthz")
login = secure.get("/" + settings.ADMIN_PATH + "login/")
redirect = plain.get("/healthz")
names = [
    "DEBUG", "SESSION_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY", "SESSION_COOKIE_SAMESITE",
    "SESSION_COOKIE_AGE", "CSRF_COOKIE_SECURE", "CSRF_COOKIE_SAMESITE", "SECURE_HSTS_SECONDS",
    "SECURE_SSL_REDIRECT", "AUTH_PASSWORD_VALIDATORS",
]
print("RESULT " + json.dumps({
    "settings": {name: getattr(settings, name) for name in names},
    "admin_index": reverse("admin:index"),
    "health": [health.status_code, dict(health.headers)],
    "login": [login.status_code, {k: str(v) for k, v in login.cookies["csrftoken"].items()}],
    "default_admin": secure.get("/admin/login/").status_code,
    "redirect": [redirect.status_code, redirect.headers.get("Location")],
}, default=str))
"""


def database_url_of_tests():
    s = connection.settings_dict
    password = f":{quote(s['PASSWORD'], safe='')}" if s["PASSWORD"] else ""
    host = s["HOST"] or s.get("OPTIONS", {}).get("host", "")
    if host.startswith("/"):
        return f"postgres://{quote(s['USER'])}{password}@/{s['NAME']}?host={quote(host)}"
    return f"postgres://{quote(s['USER'])}{password}@{host}:{s['PORT'] or 5432}/{s['NAME']}"


def production_env(**extra):
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PYTEST", "DJANGO_"))}
    for name in ("DEBUG", "PORTAL_TESTING", "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "ADMIN_PATH"):
        env.pop(name, None)
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings",
        DATABASE_URL=database_url_of_tests(),
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS=HOST,
        **extra,
    )
    return env


def run(args, env):
    return subprocess.run(  # noqa: S603 (our own interpreter and arguments)
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )


@pytest.mark.django_db
def test_check_deploy_reports_nothing():
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], production_env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
    assert "WARNING" not in result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    env = production_env()
    del env["SECRET_KEY"]
    result = run(["manage.py", "check"], env)
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


@pytest.fixture(scope="module")
def probe(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        # Plain static storage (PORTAL_TESTING): no collectstatic manifest exists in a test run,
        # and the admin's templates need one under the production storage.
        result = run(["-c", PROBE], production_env(ADMIN_PATH=ADMIN_PATH, PORTAL_TESTING="1"))
    assert result.returncode == 0, result.stdout + result.stderr
    line = next(line for line in result.stdout.splitlines() if line.startswith("RESULT "))
    return json.loads(line.removeprefix("RESULT "))


def test_security_headers_on_every_response(probe):
    status, headers = probe["health"]
    assert status == 200
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    csp = headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp and "unsafe" not in csp


def test_plain_http_is_redirected_to_https(probe):
    assert probe["redirect"] == [301, f"https://{HOST}/healthz"]


def test_cookies_are_secure_httponly_and_same_site(probe):
    settings = probe["settings"]
    assert settings["DEBUG"] is False
    assert settings["SESSION_COOKIE_SECURE"] and settings["SESSION_COOKIE_HTTPONLY"]
    assert settings["SESSION_COOKIE_SAMESITE"] == "Lax"
    # Sessions expire: a working day at most, then the editor signs in again.
    assert 0 < settings["SESSION_COOKIE_AGE"] <= 8 * 60 * 60
    status, csrf_cookie = probe["login"]
    assert status == 200
    # The CSRF cookie stays readable by scripts (the API docs send it back); Secure and SameSite.
    assert csrf_cookie["secure"] and csrf_cookie["samesite"] == "Lax"


def test_passwords_are_validated(probe):
    names = [v["NAME"].rsplit(".", 1)[1] for v in probe["settings"]["AUTH_PASSWORD_VALIDATORS"]]
    assert {"MinimumLengthValidator", "CommonPasswordValidator", "NumericPasswordValidator"} <= set(names)


def test_admin_lives_at_the_configured_path(probe):
    assert probe["admin_index"] == f"/{ADMIN_PATH}"
    assert probe["login"][0] == 200
    assert probe["default_admin"] == 404
