"""The project as an operator meets it: checks, migrations, groups, settings and probes."""

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection

from portal.data_triggers import domain_models

PROJECT_DIR = Path(__file__).resolve().parents[2]


def run_python(code, **env_changes):
    """Run `python -c code` in the project directory with a controlled environment."""
    env = {key: value for key, value in os.environ.items() if key not in {"SECRET_KEY", "DEBUG"}}
    env.pop("PORTAL_TESTING", None)
    env.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/portal")
    for key, value in env_changes.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return subprocess.run(  # noqa: S603 (our own interpreter, fixed arguments)
        [sys.executable, *code], cwd=PROJECT_DIR, env=env, capture_output=True, text=True, timeout=120
    )


def codenames(group_name):
    return set(Group.objects.get(name=group_name).permissions.values_list("codename", flat=True))


# --- manage.py check and migrations ---------------------------------------------------------


@pytest.mark.django_db
def test_manage_py_check_is_clean():
    # Some checks connect to the database: point the subprocess at the test database, which
    # exists, rather than at DATABASE_URL's, which `make test` does not need to exist.
    db = connection.settings_dict
    url = f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    result = run_python(["manage.py", "check"], DATABASE_URL=url)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.django_db
def test_models_and_migrations_agree():
    out = io.StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit as exit_:
        pytest.fail(f"makemigrations would write new migrations (exit {exit_.code}):\n{out.getvalue()}")
    assert "No changes detected" in out.getvalue()


# --- Groups ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_staff_group_reads_internal_but_not_confidential_and_writes_nothing():
    staff = codenames("Staff")
    assert "view_internal_agreement" in staff
    assert "view_confidential_agreement" not in staff
    writes = {code for code in staff if code.split("_", 1)[0] in {"add", "change", "delete"}}
    assert writes == set()
    # Staff browse every kind of record.
    for model in domain_models():
        assert f"view_{model._meta.model_name}" in staff, model._meta.label


@pytest.mark.django_db
def test_editors_group_can_write_every_domain_model_and_read_everything():
    editors = codenames("Editors")
    for model in domain_models():
        for action in ("add", "change", "delete", "view"):
            assert f"{action}_{model._meta.model_name}" in editors, f"{action} {model._meta.label}"
    assert {"view_internal_agreement", "view_confidential_agreement"} <= editors


@pytest.mark.django_db
def test_group_members_get_the_groups_permissions(editor_user, staff_user):
    assert editor_user.has_perm("agreements.change_agreement")
    assert editor_user.has_perm("consortium.add_programme")
    assert editor_user.has_perm("agreements.view_confidential_agreement")
    assert staff_user.has_perm("agreements.view_internal_agreement")
    assert not staff_user.has_perm("agreements.view_confidential_agreement")
    assert not staff_user.has_perm("agreements.change_agreement")
    assert not staff_user.has_perm("consortium.delete_indicator")


# --- Settings from the environment ----------------------------------------------------------


@pytest.mark.parametrize("secret_key", [None, ""], ids=["unset", "empty"])
def test_production_settings_refuse_to_load_without_a_secret_key(secret_key):
    result = run_python(["-c", "import portal.settings"], DEBUG="0", SECRET_KEY=secret_key)
    assert result.returncode != 0
    # The last line is the error itself; the traceback above it would name SECRET_KEY anyway.
    error = result.stderr.strip().splitlines()[-1]
    assert error.startswith("django.core.exceptions.ImproperlyConfigured:")
    assert "SECRET_KEY" in error


def test_production_settings_load_with_a_secret_key():
    result = run_python(
        ["-c", "import portal.settings as s; print(s.DEBUG, s.SESSION_COOKIE_SECURE)"],
        DEBUG="0",
        SECRET_KEY="a-long-random-production-secret-for-this-test-only",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "True"]


def test_development_settings_load_with_nothing_set():
    result = run_python(["-c", "import portal.settings as s; print(s.DEBUG)"])
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True"]


# --- Probes ---------------------------------------------------------------------------------


def test_healthz_answers_without_a_language_prefix(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.django_db
def test_readyz_answers_200_on_a_migrated_database(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ready"}


@pytest.mark.django_db
def test_the_portals_connections_run_without_jit():
    # JIT compiling cost a people list 100 ms to save none of its 20 ms (portal/settings.py).
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"


def test_jit_off_is_added_to_the_options_a_database_url_gives():
    from portal.settings import with_session_options

    assert with_session_options({})["options"] == "-c jit=off"
    assert with_session_options({"options": "-c search_path=x"})["options"] == "-c search_path=x -c jit=off"
    # An operator's own choice in DATABASE_URL stands.
    assert with_session_options({"options": "-c jit=on"})["options"] == "-c jit=on"
