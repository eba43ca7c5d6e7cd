"""The portal under test: gunicorn with two sync workers, production settings, on a free port."""

import http.client
import os
import secrets
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

from bench.database import BASE_DIR, PYTHON

GUNICORN = str(Path(PYTHON).with_name("gunicorn"))
WORKERS = 2


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def portal_environment(database_url: str, redis_url: str | None = None) -> dict:
    """Production settings (DEBUG off), as README's deploying section sets them, on loopback.

    The anonymous API throttle is raised: the benchmark measures the portal, and 60 requests a
    minute would turn most API requests into 429s. The throttle still runs (one read and one
    write of the cache table per API request), so its cost is part of the figures.
    """
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url,
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="0",
        API_THROTTLE_ANON="1000000/minute",
        API_THROTTLE_KEY="1000000/minute",
    )
    env.pop("DATABASE_REPLICA_URL", None)
    env.pop("REDIS_URL", None)
    if redis_url:
        env["REDIS_URL"] = redis_url
    return env


class Redis:
    """A private Redis on a free port for the cache and the API throttles, as in README's
    deployment (nothing is saved to disk); None when redis-server is not installed."""

    def __init__(self):
        self.port = free_port()
        self.process = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def __enter__(self):
        binary = shutil.which("redis-server")
        if binary is None:
            return None
        self.process = subprocess.Popen(  # noqa: S603 (the installed redis-server, fixed arguments)
            [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return self
            except OSError:
                time.sleep(0.1)
        self.__exit__()
        raise SystemExit("redis-server did not start.")

    def __exit__(self, *exc):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


class Server:
    def __init__(self, env: dict, port: int | None = None, workers: int = WORKERS):
        self.env = env
        self.port = port or free_port()
        self.workers = workers
        self.process = None

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.stop()

    def start(self, timeout: float = 60) -> None:
        # A long timeout: a slow endpoint under eight clients must be measured, not killed.
        self.process = subprocess.Popen(  # noqa: S603 (the venv's gunicorn, fixed arguments)
            [
                GUNICORN, "portal.wsgi:application",
                "--bind", f"127.0.0.1:{self.port}",
                "--workers", str(self.workers),
                "--timeout", "300",
                "--log-level", "warning",
            ],
            cwd=BASE_DIR, env=self.env, start_new_session=True,
        )  # fmt: skip
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn exited with {self.process.returncode} before it answered.")
            if self._healthy() and len(self.worker_pids()) == self.workers:
                return
            time.sleep(0.2)
        self.stop()
        raise SystemExit(f"gunicorn did not answer on port {self.port} within {timeout} s.")

    def _healthy(self) -> bool:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
            conn.request("GET", "/healthz")
            ok = conn.getresponse().status == 200
            conn.close()
            return ok
        except OSError:
            return False

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def worker_pids(self) -> list[int]:
        if not self.process:
            return []
        master = self.process.pid
        pids = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            # The command name may hold spaces and parentheses: the parent pid follows the last ")".
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            if ppid == master:
                pids.append(int(entry.name))
        return sorted(pids)

    def memory(self) -> dict[int, dict[str, int]]:
        """Each worker's peak (VmHWM) and current (VmRSS) resident memory, in kB."""
        result = {}
        for pid in self.worker_pids():
            fields = {}
            try:
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    key, _sep, value = line.partition(":")
                    if key in ("VmHWM", "VmRSS"):
                        fields[key] = int(value.split()[0])
            except OSError:
                continue
            result[pid] = fields
        return result
