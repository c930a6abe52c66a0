"""What one status change costs the center, in process (no HTTP): an upload of one status event
(`ingest.ingest_batch`, as the short road calls it), an agent coming online (its first
heartbeat, written by the heartbeat book's flush) and, for scale, a steady heartbeat's write.
Printed per change: wall time and this process's CPU time, with the database's own CPU on the
far side of the socket (PostgreSQL; SQLite's is inside ours). One thread, changes one after the
other, so wall time = our CPU + the database's + waits.

    uv run python -m tests.bench.central_change_cost [--backends sqlite,postgresql] [--agents 500]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

from softphone.central.auth import Principal
from softphone.central.context import Central, Options
from softphone.central.db import Database
from softphone.central.ingest import ingest_batch
from softphone.central.users import create_user
from softphone.protocol import AgentStatus, EventKind, Heartbeat, JournalEvent

STATUSES = ("available", "on_call", "wrap_up", "break", "not_ready")


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _agents(database: Database, count: int) -> list[Principal]:
    with database.writing() as session:
        users = [
            create_user(session, f"agent{i:05d}", "agent", "x", ["floor"]) for i in range(count)
        ]
        session.flush()
        return [Principal(u.id, u.name, "agent", frozenset({"floor"})) for u in users]


def _timed(
    label: str, count: int, work: Callable[[], None], database_cpu: Callable[[], float]
) -> None:
    wall, cpu, db_cpu = time.perf_counter(), time.process_time(), database_cpu()
    work()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    db_cpu = database_cpu() - db_cpu
    print(
        f"  {label:42s} {1000 * wall / count:5.2f} ms wall  {1000 * cpu / count:5.2f} ms CPU"
        f" + {1000 * db_cpu / count:5.2f} ms PostgreSQL CPU  per change ({count} changes)",
        flush=True,
    )


def measure(url: str, agents: int, database_cpu: Callable[[], float] = lambda: 0.0) -> None:
    database = Database(url)
    database.migrate()
    center = Central(database, Options())
    floor = _agents(database, agents)

    def come_online() -> None:
        for who in floor:
            center.beats.note(who, Heartbeat(status=AgentStatus.AVAILABLE, device_time=_now()))
            center.beats.flush()  # one agent per flush: the cost of one, not of a batch

    def come_online_together() -> None:
        for who in floor:
            center.beats.note(who, Heartbeat(status=AgentStatus.BREAK, device_time=_now()))
        center.beats.flush()

    def upload_status(round_: int) -> None:
        for i, who in enumerate(floor):
            status = STATUSES[(i + round_) % len(STATUSES)]
            event = JournalEvent(
                id=f"bench-{round_}-{i}",
                kind=EventKind.STATUS,
                device_time=_now(),
                payload={"status": status, "since": _now().isoformat()},
            )
            ingest_batch(center, who, [event])

    _timed("coming online (one per flush)", agents, come_online, database_cpu)
    _timed(
        "status change by heartbeat (all in one flush)", agents, come_online_together, database_cpu
    )
    def steady_beats() -> None:
        for who in floor:
            center.beats.note(who, Heartbeat(status=AgentStatus.BREAK, device_time=_now()))
        center.beats.flush()

    _timed("steady heartbeat (all in one flush)", agents, steady_beats, database_cpu)
    upload_status(0)  # warm: statements prepared, caches filled
    _timed("status event upload", agents, lambda: upload_status(1), database_cpu)
    _timed("status event upload (again)", agents, lambda: upload_status(2), database_cpu)
    database.dispose()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--agents", type=int, default=500)
    args = parser.parse_args(argv)
    for backend in args.backends.split(","):
        if backend == "postgresql":
            from tests.central.postgres import start_cluster

            cluster = start_cluster()
            if cluster is None:
                print("postgresql: not installed, skipped")
                continue
            print("postgresql:", flush=True)
            try:
                measure(cluster.new_database(), args.agents, cluster.cpu_seconds)
            finally:
                cluster.stop()
        else:
            print("sqlite:", flush=True)
            with tempfile.TemporaryDirectory() as folder:
                measure(f"sqlite:///{Path(folder) / 'central.sqlite3'}", args.agents)
    return 0


if __name__ == "__main__":
    sys.exit(main())
