"""PostgreSQL restarts under running requests: 503 while it is down, never 500, back by itself.

The test runs its own PostgreSQL (tests/trust/pg_cluster.py, never the machine's server),
migrates a database there and serves the portal on it with gunicorn, two workers, production
settings. While HTTP readers hit /healthz, /readyz, the home page and the admin login (which
writes a session) and two writer processes commit agreements with their parties, it restarts
PostgreSQL (`pg_ctl restart -m fast`), then stops it for two seconds and starts it again. Then:
no request got a 500; requests during the outage got the plain 503; every path answers again
within seconds with the same gunicorn workers; every committed write is there and no agreement
is without its parties, neither at the end nor in any snapshot taken during the run.
"""

import http.client
import json
import os
import re
import secrets
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import psutil
import psycopg
import pytest

from agreements.models import Agreement, Party
from tests.network import free_port
from tests.trust.pg_cluster import Cluster

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
DATABASE = "portal_faults"
ADMIN_PASSWORD = secrets.token_urlsafe(16)
# Generous for a loaded 2-core CI machine; measured recovery is well under a second when quiet.
RECOVERY_SECONDS = 10
PAGES = ["/healthz", "/readyz", "/en/"]


@dataclass
class Hit:
    path: str
    started: float
    ended: float
    status: int
    headers: dict = field(default_factory=dict)


def request(port, method, path, body=None, headers=None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=15)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        conn.close()


def cookies_from(headers):
    # http.client folds repeated Set-Cookie headers into one, comma-joined.
    found = {}
    for name, value in re.findall(r"(?:^|,\s*)([A-Za-z_]+)=([^;,]*)", headers.get("Set-Cookie", "")):
        if name in {"csrftoken", "sessionid"}:
            found[name] = value
    return found


class Load:
    """Readers and an admin login loop, each recording every answer it gets."""

    def __init__(self, port):
        self.port = port
        self.hits: list[Hit] = []
        self.errors: list[str] = []
        self.stopping = threading.Event()
        self.lock = threading.Lock()
        self.threads = [threading.Thread(target=self.read, args=(path,), daemon=True) for path in PAGES * 2]
        self.threads.append(threading.Thread(target=self.log_in, daemon=True))

    def record(self, path, started, status, headers):
        with self.lock:
            self.hits.append(Hit(path, started, time.time(), status, headers))

    def call(self, path, method="GET", body=None, headers=None, label=None):
        started = time.time()
        try:
            status, response_headers, content = request(self.port, method, path, body, headers)
        except OSError as exc:  # the portal itself must stay up; a refused connection is a failure
            with self.lock:
                self.errors.append(f"{method} {path}: {exc!r}")
            return None, {}, b""
        self.record(label or path, started, status, response_headers)
        return status, response_headers, content

    def read(self, path):
        while not self.stopping.is_set():
            self.call(path)
            time.sleep(0.02)

    def log_in(self):
        while not self.stopping.is_set():
            status, headers, content = self.call("/admin/login/", label="GET login")
            token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', content or b"")
            csrf = cookies_from(headers).get("csrftoken")
            if status != 200 or not token or not csrf:
                time.sleep(0.05)
                continue
            body = f"username=admin&password={ADMIN_PASSWORD}&csrfmiddlewaretoken={token.group(1).decode()}"
            status, headers, _ = self.call(
                "/admin/login/",
                "POST",
                body,
                {"Content-Type": "application/x-www-form-urlencoded", "Cookie": f"csrftoken={csrf}"},
                label="POST login",
            )
            session = cookies_from(headers).get("sessionid")
            if status == 302 and session:
                self.call("/admin/", headers={"Cookie": f"sessionid={session}"}, label="GET admin")
            # Hashing the password holds a worker for a while; leave the readers room.
            time.sleep(0.3)

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stopping.set()
        for thread in self.threads:
            thread.join(timeout=30)


class HalfWrittenWatch(threading.Thread):
    """Looks, over and over, for an agreement without both its parties."""

    def __init__(self, cluster):
        super().__init__(daemon=True)
        self.cluster = cluster
        self.stopping = threading.Event()
        self.snapshots = 0
        self.violations = []

    def run(self):
        query = (
            f"SELECT a.id, count(p.id) FROM {Agreement._meta.db_table} a "  # noqa: S608 (model names)
            f"LEFT JOIN {Party._meta.db_table} p ON p.agreement_id = a.id "
            "GROUP BY a.id HAVING count(p.id) <> 2"
        )
        while not self.stopping.is_set():
            try:
                with self.cluster.connect(DATABASE, connect_timeout=2) as conn:
                    while not self.stopping.is_set():
                        self.violations += conn.execute(query).fetchall()
                        conn.commit()
                        self.snapshots += 1
                        time.sleep(0.02)
            except psycopg.OperationalError:
                time.sleep(0.05)


def portal_env(cluster):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PYTEST", "DJANGO_", "DATABASE_URL"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings",
        DATABASE_URL=cluster.url(DATABASE),
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="0",
        # Plain static storage: the test serves no collected static files.
        PORTAL_TESTING="1",
        DJANGO_SUPERUSER_PASSWORD=ADMIN_PASSWORD,
        PYTHONUNBUFFERED="1",
    )
    return env


def manage(env, *args):
    result = subprocess.run(  # noqa: S603 (our own interpreter and arguments)
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"


@pytest.fixture(scope="module")
def cluster():
    cluster = Cluster().init()
    cluster.start()
    cluster.create_database(DATABASE)
    yield cluster
    cluster.destroy()


@pytest.fixture(scope="module")
def portal(cluster, tmp_path_factory):
    env = portal_env(cluster)
    manage(env, "migrate", "--no-input", "-v", "0")
    manage(env, "createsuperuser", "--no-input", "--username", "admin", "--email", "admin@example.org")
    port = free_port()
    log = tmp_path_factory.mktemp("gunicorn") / "gunicorn.log"
    with open(log, "w") as out:
        server = subprocess.Popen(  # noqa: S603
            [
                str(Path(PYTHON).parent / "gunicorn"),
                "portal.wsgi:application",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "2",
                "--timeout",
                "30",
                "--graceful-timeout",
                "5",
            ],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.time() + 60
        while True:
            try:
                if request(port, "GET", "/healthz")[0] == 200:
                    break
            except OSError:
                pass
            assert server.poll() is None and time.time() < deadline, (
                f"gunicorn did not start:\n{log.read_text()}"
            )
            time.sleep(0.2)
        yield port, server, log
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def start_writer(name, stop_file, env, log_dir):
    output = open(log_dir / f"{name}.jsonl", "w+")  # noqa: SIM115 (closed by read_writer)
    process = subprocess.Popen(  # noqa: S603
        [PYTHON, str(Path(__file__).with_name("fault_writer.py")), name, str(stop_file)],
        cwd=ROOT,
        env=env,
        stdout=output,
        stderr=subprocess.STDOUT,
    )
    return process, output


def read_writer(process, output):
    process.wait(timeout=60)
    output.seek(0)
    text = output.read()
    output.close()
    assert process.returncode == 0, f"writer crashed:\n{text[-3000:]}"
    return [json.loads(line) for line in text.splitlines() if line.startswith("{")]


def window(hits, start, end):
    """The 503s answered between start and end, and the time from the first to the last."""
    unavailable = [h for h in hits if h.status == 503 and start <= h.ended < end]
    if not unavailable:
        return unavailable, 0.0
    return unavailable, max(h.ended for h in unavailable) - min(h.ended for h in unavailable)


def back_after(hits, done):
    """Seconds from PostgreSQL being up again to the first page that needed it answering 200."""
    ok = [h.ended for h in hits if h.path in {"/readyz", "/en/"} and h.status == 200 and h.started >= done]
    return min(ok) - done


def last_503(unavailable, done):
    """When the last 503 was answered and when its request began, relative to PostgreSQL being up."""
    if not unavailable:
        return "none"
    last = max(unavailable, key=lambda h: h.ended)
    return (
        f"the last {last.ended - done:+.2f}s from PostgreSQL being up "
        f"(its request began {last.started - done:+.2f}s)"
    )


def test_postgres_restart_under_load(cluster, portal, tmp_path):
    port, server, log = portal
    env = portal_env(cluster)
    for path in PAGES:
        status = request(port, "GET", path)[0]
        assert status == 200, f"{path} answers {status} before any fault:\n{log.read_text()[-3000:]}"
    workers_before = {p.pid for p in psutil.Process(server.pid).children()}
    assert len(workers_before) == 2

    stop_file = tmp_path / "stop"
    writers = [start_writer(f"writer-{i}", stop_file, env, tmp_path) for i in range(2)]
    watch = HalfWrittenWatch(cluster)
    watch.start()
    try:
        with Load(port) as load:
            time.sleep(1.5)
            restart_began = time.time()
            cluster.restart()
            restart_done = time.time()
            time.sleep(RECOVERY_SECONDS)

            stop_began = time.time()
            cluster.stop()
            time.sleep(2)
            cluster.start()
            start_done = time.time()
            time.sleep(RECOVERY_SECONDS + 3)
    finally:
        stop_file.touch()
        watch.stopping.set()
        watch.join(timeout=30)
        events = [read_writer(*writer) for writer in writers]

    hits = sorted(load.hits, key=lambda h: h.started)
    assert not load.errors, f"the portal refused connections: {load.errors[:5]}"
    bad = [h for h in hits if h.status not in (200, 302, 503)]
    assert not bad, f"answers other than 200/302/503: {[(h.path, h.status) for h in bad[:10]]}"
    assert all(h.status == 200 for h in hits if h.path == "/healthz"), "healthz must not need the database"
    for hit in hits:
        if hit.status == 503:
            assert hit.headers.get("Content-Type", "").startswith("text/plain"), hit
            assert hit.headers.get("Retry-After"), hit

    restart_503, restart_span = window(hits, restart_began, stop_began)
    outage_503, outage_span = window(hits, stop_began, float("inf"))
    # PostgreSQL was down for two seconds: the pages that need it said so.
    for path in ("/readyz", "/en/", "POST login"):
        assert any(h.path == path for h in outage_503), f"{path} never answered 503 while PostgreSQL was down"

    # Back by itself within seconds, with the same workers. A request begun in the last second
    # before the next fault and still running when it began may be cut off by it: not late.
    for done, next_fault in ((restart_done, stop_began), (start_done, float("inf"))):
        late = [
            h
            for h in hits
            if h.status == 503
            and done + RECOVERY_SECONDS < h.started
            and (h.ended < next_fault or h.started < next_fault - 1)
        ]
        assert not late, (
            f"still 503 more than {RECOVERY_SECONDS}s after PostgreSQL was back: {late[:3]}\n"
            f"the portal's log:\n{log.read_text()[-4000:]}"
        )
    after = [h for h in hits if h.started > start_done + RECOVERY_SECONDS]
    assert after and all(h.status in (200, 302) for h in after)
    assert {h.path for h in after} >= {"/readyz", "/en/", "POST login", "GET admin"}
    assert {p.pid for p in psutil.Process(server.pid).children()} == workers_before, "a worker was restarted"

    # A write refused with an error other than a lost connection: only around the outages.
    around = (
        (restart_began, restart_done + RECOVERY_SECONDS),
        (stop_began, start_done + RECOVERY_SECONDS),
    )
    odd = [e for writer in events for e in writer if e.get("unexpected")]
    stray = [e for e in odd if not any(begin <= e["t"] <= end for begin, end in around)]
    assert not stray, f"writes refused outside the outages: {stray[:3]}"

    # Every committed write is there, and whole.
    committed = {e["id"] for writer in events for e in writer if e["event"] == "committed"}
    assert all(any(e["event"] == "committed" and e["t"] > start_done for e in w) for w in events), (
        "a writer did not resume after PostgreSQL came back"
    )
    with cluster.connect(DATABASE) as conn:
        stored = {row[0] for row in conn.execute(f"SELECT id FROM {Agreement._meta.db_table}")}  # noqa: S608
        partial = conn.execute(
            f"SELECT a.id FROM {Agreement._meta.db_table} a "  # noqa: S608
            f"LEFT JOIN {Party._meta.db_table} p ON p.agreement_id = a.id "
            "GROUP BY a.id HAVING count(p.id) <> 2"
        ).fetchall()
    assert committed <= stored, f"committed writes lost: {sorted(committed - stored)[:10]}"
    assert not partial, f"agreements without both parties: {partial[:10]}"
    assert watch.snapshots > 10 and not watch.violations, watch.violations[:10]

    failed = sum(e["event"] == "failed" for writer in events for e in writer)
    print(
        f"\npg_ctl restart -m fast took {restart_done - restart_began:.2f}s: the portal answered 503 to "
        f"{len(restart_503)} requests over {restart_span:.2f}s, {last_503(restart_503, restart_done)}; "
        f"the first page was served {back_after(hits, restart_done):.2f}s after PostgreSQL was up.\n"
        f"PostgreSQL stopped for {start_done - stop_began:.2f}s: 503 to {len(outage_503)} requests over "
        f"{outage_span:.2f}s, {last_503(outage_503, start_done)}; the first page was served "
        f"{back_after(hits, start_done):.2f}s after.\n"
        f"{len(hits)} requests; {len(committed)} agreements committed, {failed} writes refused during the "
        f"outages; {watch.snapshots} snapshots, none with a half-written agreement."
        + (
            f"\nOther errors during the outages: {sorted({f'{e["error"]}: {e["message"]}' for e in odd})}."
            if odd
            else ""
        )
    )
