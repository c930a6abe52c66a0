"""A throwaway PostgreSQL cluster from Debian's binaries: initdb in a temp dir, owned by an
unprivileged user when the tests run as root (PostgreSQL refuses to run as root), on a free
port, trust auth on loopback only; torn down with the directory."""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import psycopg

from tests.integration.lab.tools import free_port, in_ci, wait_for


def postgres_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


class PostgresCluster:
    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.dir = Path(tempfile.mkdtemp(prefix="central-pg-"))
        self.data = self.dir / "data"
        self.port = free_port()
        self._counter = 0

    def _as_owner(self, *command: str) -> list[str]:
        if os.geteuid() != 0:
            return list(command)
        return ["runuser", "-u", "nobody", "--", *command]

    def start(self) -> None:
        if os.geteuid() == 0:
            shutil.chown(self.dir, "nobody", "nogroup")
        subprocess.run(
            self._as_owner(
                str(self.bindir / "initdb"),
                "-D",
                str(self.data),
                "-A",
                "trust",
                "-U",
                "postgres",
                "--no-sync",
                "-E",
                "UTF8",
            ),
            check=True,
            capture_output=True,
            cwd=self.dir,
        )
        options = (
            f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=300"
        )
        subprocess.run(
            self._as_owner(
                str(self.bindir / "pg_ctl"),
                "-D",
                str(self.data),
                "-o",
                options,
                "-l",
                str(self.dir / "log"),
                "-w",
                "start",
            ),
            check=True,
            capture_output=True,
            cwd=self.dir,
        )
        wait_for(self._accepts, 20, "PostgreSQL accepting connections")

    def _accepts(self) -> bool:
        try:
            with psycopg.connect(self.dsn("postgres"), connect_timeout=1):
                return True
        except psycopg.OperationalError:
            return False

    def dsn(self, database: str) -> str:
        return f"host=127.0.0.1 port={self.port} user=postgres dbname={database}"

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def new_database(self) -> str:
        """A fresh, migrated database, copied from a template migrated once per session."""
        if self._counter == 0:
            self._create("central_template", None)
            from softphone.central.db import Database

            template = Database(self.url("central_template"))
            template.migrate()
            template.dispose()
        self._counter += 1
        name = f"central_{self._counter}"
        self._create(name, "central_template")
        return self.url(name)

    def _create(self, name: str, template: str | None) -> None:
        clause = f" TEMPLATE {template}" if template else ""
        with psycopg.connect(self.dsn("postgres"), autocommit=True) as connection:
            connection.execute(f"CREATE DATABASE {name}{clause}")

    def cpu_seconds(self) -> float:
        """User + system CPU the cluster's server processes used so far (Linux /proc): the
        postmaster's own and its reaped children's (connections closed), plus its children
        alive now — the database's share of a benchmark."""
        postmaster = int((self.data / "postmaster.pid").read_text().split()[0])
        total = 0
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue  # gone meanwhile
            if stat.parent.name == str(postmaster):
                total += sum(int(f) for f in fields[11:15])  # utime, stime, cutime, cstime
            elif int(fields[1]) == postmaster:
                total += int(fields[11]) + int(fields[12])
        return total / os.sysconf("SC_CLK_TCK")

    def stop(self) -> None:
        subprocess.run(
            self._as_owner(
                str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop"
            ),
            capture_output=True,
            cwd=self.dir,
        )
        shutil.rmtree(self.dir, ignore_errors=True)


def start_cluster() -> PostgresCluster | None:
    """A running cluster, or None when PostgreSQL is not installed (then CI fails the test)."""
    bindir = postgres_bin()
    if bindir is None:
        return None
    cluster = PostgresCluster(bindir)
    cluster.start()
    return cluster


def missing_message() -> str:
    message = "PostgreSQL is not installed (packaging/dev/install-system-deps.sh installs it)"
    return message if not in_ci() else f"{message} — required under CI"
