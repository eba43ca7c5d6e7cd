"""Throttling per key and per anonymous address, with counts shared by all worker processes.

Only transactional tests live here (the servers read committed rows): with `--dist loadfile` a
module's tests run together, and a transactional test empties the database for whatever follows.

Two separate gunicorn processes serve the test database with a low rate; requests alternate
between them over real HTTP, and the limit is reached by their sum, not by either alone.
"""

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.core.cache import cache
from django.db import connection

from tests import factories as f
from tests.network import free_port

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).with_name("gunicorn")


def database_url() -> str:
    db = connection.settings_dict
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def get(url: str, headers=None) -> tuple[int, dict]:
    request = urllib.request.Request(url, headers=headers or {})  # noqa: S310 (loopback only)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 (loopback only)
            return response.status, dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers)


@pytest.fixture
def two_servers(transactional_db):
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "DEBUG": "1",
        "API_THROTTLE_ANON": "5/minute",
        "API_THROTTLE_KEY": "3/minute",
        "AXES_ENABLED": "0",
    }
    env.pop("REDIS_URL", None)
    servers, urls = [], []
    for _ in range(2):
        port = free_port()
        servers.append(
            subprocess.Popen(  # noqa: S603 (our own gunicorn, fixed arguments)
                [str(GUNICORN), "portal.wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
                cwd=ROOT,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )
        urls.append(f"http://127.0.0.1:{port}")
    try:
        for url in urls:
            deadline = time.monotonic() + 30
            while True:
                try:
                    urllib.request.urlopen(f"{url}/healthz", timeout=2)  # noqa: S310
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.2)
        cache.clear()  # counts left by earlier tests in this database
        yield urls
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            server.wait(timeout=10)


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_anonymous_and_key_limits_are_shared_by_two_processes(two_servers):
    first, second = two_servers
    statuses = [get(f"{url}/api/v1/topics/")[0] for url in (first, second, first, second, first)]
    assert statuses == [200] * 5
    status, headers = get(f"{second}/api/v1/topics/")  # the second process has served only two
    assert status == 429
    assert int(headers["Retry-After"]) > 0

    # A key has its own count, shared too, and is not held back by the address's.
    key = f.api_key(organization=f.OrganizationFactory())
    auth = {"Authorization": f"Api-Key {key}"}
    statuses = [get(f"{url}/api/v1/topics/", auth)[0] for url in (first, second, first)]
    assert statuses == [200] * 3
    status, headers = get(f"{second}/api/v1/topics/", auth)
    assert status == 429
    assert "Retry-After" in headers
