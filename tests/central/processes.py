"""Real `softphone central serve` processes on one database (the two-process test and the load
benchmark): each on a free port, logging to the work folder, stopped with its process group."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from tests.integration.lab.tools import free_port, stop_process_group, wait_for

ROOT = Path(__file__).resolve().parents[2]


def healthy(url: str) -> bool:
    try:
        return httpx.get(f"{url}/api/v1/health", timeout=1).status_code == 200
    except httpx.HTTPError:
        return False


@contextmanager
def central_processes(
    db_url: str, count: int, workdir: Path, options: tuple[str, ...] = ()
) -> Iterator[list[subprocess.Popen[bytes]]]:
    """`count` centers serving `db_url` (with `options` of `central serve`); yields the
    processes, each with `.url` set."""
    running: list[subprocess.Popen[bytes]] = []
    try:
        for n in range(count):
            port = free_port()
            log = (workdir / f"central{n}.log").open("wb")
            command = [sys.executable, "-m", "softphone", "central", "serve"]
            process = subprocess.Popen(
                [*command, "--db", db_url, "--port", str(port), *options],
                cwd=ROOT,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
            process.url = f"http://127.0.0.1:{port}"  # type: ignore[attr-defined]
            running.append(process)
        for process in running:
            url = process.url  # type: ignore[attr-defined]
            wait_for(lambda u=url: healthy(u), 30, f"central at {url}")
        yield running
    finally:
        for process in running:
            stop_process_group(process)
