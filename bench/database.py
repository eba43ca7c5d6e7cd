"""The benchmark's own database: where it lives, made anew, migrated and filled with generated data.

It is `portal_bench` on the server of DATABASE_URL, or on the embedded PostgreSQL under `.data/`
when DATABASE_URL is unset; the portal's own database is never touched.
"""

import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql

BASE_DIR = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
NAME = "portal_bench"


def server_url() -> str:
    """The server to use, as a URL naming its maintenance database `postgres`."""
    url = os.environ.get("DATABASE_URL")
    if not url:
        sys.path.insert(0, str(BASE_DIR))
        from portal.embedded_db import embedded_database_url

        data_dir = Path(os.environ.get("PORTAL_DATA_DIR", BASE_DIR / ".data"))
        url = embedded_database_url(data_dir)
    return with_database(url, "postgres")


def with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def exists(server: str, name: str = NAME) -> bool:
    with psycopg.connect(server, autocommit=True) as conn:
        return conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is not None


def recreate(server: str, name: str = NAME) -> None:
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def drop(server: str, name: str = NAME) -> None:
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def manage(env: dict, *args: str, quiet: bool = True) -> None:
    """Run manage.py with the benchmark's environment; its output is shown only on failure."""
    result = subprocess.run(  # noqa: S603 (our own interpreter and manage.py)
        [PYTHON, "manage.py", *args], cwd=BASE_DIR, env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        raise SystemExit(f"manage.py {' '.join(args)} failed (exit {result.returncode}).")
    if not quiet:
        sys.stdout.write(result.stdout)


def prepare(env: dict, url: str, agreements: int) -> float:
    """Migrate, generate, and VACUUM ANALYZE; returns the seconds generate_data took.

    VACUUM as well as ANALYZE: generated rows arrive by COPY, and until a vacuum has set the
    visibility map every index-only scan (the list's count among them) reads the table too. A
    live database reaches that state by autovacuum within minutes of a bulk load, so measuring
    before it would measure the load, not the portal.
    """
    manage(env, "migrate", "--no-input", "-v", "0")
    started = time.monotonic()
    manage(env, "generate_data", "--agreements", str(agreements), "--seed", "1", quiet=False)
    generated = time.monotonic() - started
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")
    return generated


def agreement_count(url: str) -> int:
    with psycopg.connect(url) as conn:
        return conn.execute("SELECT count(*) FROM agreements_agreement").fetchone()[0]


def server_settings(url: str) -> dict[str, str]:
    names = ("server_version", "shared_buffers", "work_mem", "random_page_cost", "jit")
    with psycopg.connect(url) as conn:
        show = sql.SQL("SHOW {}")
        return {name: conn.execute(show.format(sql.Identifier(name))).fetchone()[0] for name in names}
