"""Upload throughput of recordings to a real center: one `softphone central serve` process on
loopback (SQLite, or PostgreSQL with --postgres), an agent sending a file in pieces of several
sizes through the resumable protocol (announce, PUT with Content-Range, SHA-256 checked at the
end), and the same file read back whole.

    uv run python -m tests.bench.recording_upload [--mb 64] [--pieces 256,1024,4096] [--postgres]

Prints, per piece size (KiB): MB/s of the upload from the announcement to the last piece's
answer (the center fsyncs every piece and hashes the whole file at the end), the median ms of
one piece, and MB/s of the download. Figures are printed, never asserted. For scale: a minute
of two-channel 8 kHz FLAC is about 1 MB.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from softphone.central.db import Database
from softphone.central.users import create_user
from tests.central.processes import central_processes
from tests.central.recording_lab import announcement, put_piece, sha256
from tests.central.server import PASSWORD, PASSWORD_HASH

MB = 1_000_000


@contextmanager
def _database(workdir: Path, postgres: bool) -> Iterator[str]:
    if not postgres:
        yield f"sqlite:///{workdir / 'central.sqlite3'}"
        return
    from tests.central.postgres import start_cluster

    cluster = start_cluster()
    if cluster is None:
        raise SystemExit("PostgreSQL is not installed")
    try:
        yield cluster.new_database()
    finally:
        cluster.stop()


def _agent(url: str) -> httpx.Client:
    answer = httpx.post(f"{url}/api/v1/login", json={"user": "ann", "password": PASSWORD})
    answer.raise_for_status()
    headers = {"Authorization": f"Bearer {answer.json()['token']}"}
    return httpx.Client(base_url=f"{url}/api/v1", headers=headers, timeout=60)


def run_one(agent: httpx.Client, data: bytes, piece: int) -> tuple[float, float, float]:
    """(upload MB/s, median ms per piece, download MB/s) of one file in pieces of `piece`."""
    meta = announcement(data)
    key = meta["recording_id"]
    began = time.perf_counter()
    agent.post("/recordings", json=meta).raise_for_status()
    times: list[float] = []
    for start in range(0, len(data), piece):
        sent = time.perf_counter()
        answer = put_piece(agent, key, data, start, min(start + piece, len(data)) - 1)
        answer.raise_for_status()
        times.append(time.perf_counter() - sent)
    upload_s = time.perf_counter() - began
    assert answer.json()["complete"], answer.text
    began = time.perf_counter()
    served = agent.get(f"/recordings/{key}/audio")
    download_s = time.perf_counter() - began
    assert sha256(served.content) == meta["sha256"]
    return len(data) / MB / upload_s, statistics.median(times) * 1000, len(data) / MB / download_s


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=int, default=64, help="size of the file sent (MB)")
    parser.add_argument("--pieces", default="256,1024,4096", help="piece sizes in KiB")
    parser.add_argument("--postgres", action="store_true", help="the center on PostgreSQL")
    args = parser.parse_args(argv)
    data = os.urandom(args.mb * MB)
    with tempfile.TemporaryDirectory(prefix="bench-recordings-") as folder:
        workdir = Path(folder)
        with _database(workdir, args.postgres) as url:
            database = Database(url)
            database.migrate()
            with database.writing() as session:
                create_user(session, "ann", "agent", PASSWORD_HASH, ["sales"])
            database.dispose()
            options = ("--recordings-dir", str(workdir / "audio"))
            with central_processes(url, 1, workdir, options) as (center,):
                agent = _agent(center.url)  # type: ignore[attr-defined]
                backend = "PostgreSQL" if args.postgres else "SQLite"
                print(f"recording upload to one center on {backend}, {args.mb} MB file")
                print(
                    f"{'piece KiB':>10} {'upload MB/s':>12} {'ms/piece':>9} {'download MB/s':>14}"
                )
                for kib in (int(k) for k in args.pieces.split(",")):
                    up, per_piece, down = run_one(agent, data, kib * 1024)
                    print(f"{kib:>10} {up:>12.1f} {per_piece:>9.1f} {down:>14.1f}")
                agent.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
