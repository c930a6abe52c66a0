"""Load on the central service: N simulated agents on loopback, each sending a heartbeat every
30 s and ~40 status events per hour, supervisors watching `/live` — printed per step of N, for
SQLite (one process) and PostgreSQL (two processes behind a round-robin "load balancer").

    uv run python -m tests.bench.central_load [--backends sqlite,postgresql]
        [--sizes 250,500,1000,2000,4000] [--step-seconds 30] [--ramp-seconds 30]
        [--supervisors 4]

The floor grows step by step and keeps working throughout. Each step logs its new agents in
and lets them come online over the ramp (their first heartbeats spread over 30 s, as agents
log in at a shift start) — printed as its own line — then measures the steady state: every
request sent in the measured window counts. Figures per phase: request latency p50/p95/p99
(every heartbeat and event POST), status-change-to-`/live` latency (the event's `since` to its
arrival on a supervisor's socket), CPU per request of the central processes, of PostgreSQL
and of this generator; then the largest N whose measured p95 stayed ≤ 50 ms and the ingest
rate (events/s) of 1,000-event batches. Targets (issue):
2,000 agents on SQLite, 20,000 on PostgreSQL with two processes, live p95 ≤ 200 ms. The load
generator shares the machine with the server; on a small box it is itself a limit.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import random
import sys
import tempfile
import time
from collections.abc import Callable, Coroutine, Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, TypeVar

import httpx
from argon2 import PasswordHasher
from websockets.asyncio.client import connect

from softphone.central.db import Database
from softphone.central.users import create_user
from tests.bench.http_pool import HttpError, HttpPool
from tests.bench.load_figures import Meter, Step, Window, pct, print_step
from tests.central.processes import central_processes

PASSWORD = "bench password"
HEARTBEAT_S = 30.0
EVENTS_PER_HOUR = 40.0
TARGET_P95_MS = 50.0
POOL_SIZE = 48  # keep-alive connections per central process, as a load balancer would hold
T = TypeVar("T")
STATUSES = ("available", "on_call", "wrap_up", "available", "break", "not_ready")


def _now() -> str:
    return datetime.now(timezone.utc).isoformat()


class Floor:
    """The accounts and their tokens; agents are added as the steps grow."""

    def __init__(
        self,
        url: str,
        servers: list[str],
        pids: list[int],
        database_cpu: Callable[[], float] = lambda: 0.0,
    ) -> None:
        self.pids = pids
        self.database_cpu = database_cpu  # PostgreSQL's server processes; SQLite is in ours
        self.database = Database(url)
        self.servers = servers
        self.tokens: list[tuple[str, str]] = []  # (server, token) per agent
        self.hash = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1).hash(PASSWORD)

    def add_accounts(self, prefix: str, role: str, count: int, start: int) -> list[str]:
        names = [f"{prefix}{i:05d}" for i in range(start, start + count)]
        with self.database.writing() as session:
            for name in names:
                create_user(session, name, role, self.hash, ["floor"])
        return names

    async def login(self, pools: dict[str, HttpPool], names: list[str]) -> list[tuple[str, str]]:
        """Tokens of `names`, logged in round robin over the servers (the generator's cheap
        client: logins share the machine with the floor being measured)."""
        gate = asyncio.Semaphore(16)

        async def one(i: int, name: str) -> tuple[str, str]:
            server = self.servers[i % len(self.servers)]
            async with gate:
                code, body = await pools[server].post(
                    "/api/v1/login", {"user": name, "password": PASSWORD}
                )
            if code != 200:
                raise HttpError(f"login of {name} answered {code}: {body[:200]!r}")
            return server, str(json.loads(body)["token"])

        return list(await asyncio.gather(*(one(i, n) for i, n in enumerate(names))))


async def _agent(
    pool: HttpPool, token: str, meter: Meter, stop: asyncio.Event, online_within: float
) -> None:
    """One agent for as long as the run lasts: its first heartbeat (coming online) at a random
    moment of `online_within` seconds, then one every 30 s (at a phase of its own, so the floor's
    beats spread evenly), and ~40 status events an hour. A request counts in the step that was
    current when it was sent."""
    start = time.monotonic()
    first_beat = start + random.uniform(0, min(online_within, HEARTBEAT_S))
    phase = start + random.uniform(0, HEARTBEAT_S)
    beats_after_first = phase + HEARTBEAT_S * max(0, math.ceil((first_beat - phase) / HEARTBEAT_S))
    beats_after_first += HEARTBEAT_S if beats_after_first <= first_beat else 0.0
    next_beat, later_beat = first_beat, beats_after_first
    next_event = time.monotonic() + random.expovariate(EVENTS_PER_HOUR / 3600)
    status = "available"
    while not stop.is_set():
        wake = min(next_beat, next_event)
        await asyncio.sleep(max(0.0, wake - time.monotonic()))
        if stop.is_set():
            return
        if next_beat <= next_event:
            body: dict[str, object] = {"status": status, "device_time": _now()}
            path = "/api/v1/heartbeat"
            next_beat, later_beat = later_beat, later_beat + HEARTBEAT_S
        else:
            status = random.choice(STATUSES)
            event = {
                "id": f"{token[:12]}-{time.monotonic_ns()}",
                "kind": "status",
                "device_time": _now(),
                "payload": {"status": status, "since": _now()},
            }
            body = {"events": [event]}
            path = "/api/v1/events"
            next_event += random.expovariate(EVENTS_PER_HOUR / 3600)
        step = meter.current
        started = time.perf_counter()
        try:
            code, _ = await pool.post(path, body, token)
        except HttpError:
            step.errors += 1
            continue
        if code != 200:
            step.errors += 1
        step.latencies_ms.append((time.perf_counter() - started) * 1000)


async def _loop_lag(meter: Meter, stop: asyncio.Event) -> None:
    """How late this generator's own event loop wakes (every 50 ms): a late loop reads the
    supervisors' sockets late, so live latency above this lag is the center's."""
    while not stop.is_set():
        began = time.perf_counter()
        await asyncio.sleep(0.05)
        meter.current.loop_lag_ms.append((time.perf_counter() - began - 0.05) * 1000)


async def _supervisor(
    server: str, token: str, meter: Meter, ready: asyncio.Event, stop: asyncio.Event
) -> None:
    url = server.replace("http://", "ws://") + f"/api/v1/live?token={token}"
    async with connect(url, max_queue=None) as socket:
        ready.set()
        while not stop.is_set():
            try:
                raw = await asyncio.wait_for(socket.recv(), 0.5)
            except asyncio.TimeoutError:
                continue
            arrived = datetime.now(timezone.utc)
            update = json.loads(raw)
            if update["type"] == "status" and update["data"]["reason"] is None:
                since = datetime.fromisoformat(update["data"]["since"])
                meter.current.live_ms.append((arrived - since).total_seconds() * 1000)


async def _run_steps(
    floor: Floor, sizes: list[int], seconds: float, ramp_seconds: float, supervisors: int
) -> list[Step]:
    """The floor grows step by step and keeps working throughout: each step creates and logs in
    the new agents (printed as "login": the accounts' requests are not counted, the working
    floor's are), lets them come online over `ramp_seconds` ("ramp": a shift starting), then
    measures `seconds` of steady state — every request sent in that window counts."""
    steps: list[Step] = []
    pools = {server: HttpPool(server, POOL_SIZE) for server in floor.servers}
    meter, stop = Meter(), asyncio.Event()
    agents: list[asyncio.Task[None]] = []
    boss_names = floor.add_accounts("boss", "admin", supervisors, 0)
    bosses = await floor.login(pools, boss_names)
    watchers = [asyncio.create_task(_loop_lag(meter, stop))]
    for server, token in bosses:
        ready = asyncio.Event()
        watchers.append(asyncio.create_task(_supervisor(server, token, meter, ready, stop)))
        await ready.wait()
    for size in sizes:
        missing = size - len(floor.tokens)
        if missing > 0:
            login = meter.current = Step(size, "login")  # the floor works on meanwhile
            window = Window(floor.pids, floor.database_cpu)
            names = await asyncio.to_thread(
                floor.add_accounts, "agent", "agent", missing, len(floor.tokens)
            )
            new = await floor.login(pools, names)
            window.close(login)
            print_step(login, supervisors)
            ramp = meter.current = Step(size, "ramp")
            window = Window(floor.pids, floor.database_cpu)
            floor.tokens += new
            agents += [
                asyncio.create_task(_agent(pools[s], t, meter, stop, ramp_seconds)) for s, t in new
            ]
            await asyncio.sleep(ramp_seconds)
            window.close(ramp)
            print_step(ramp, supervisors)
        step = meter.current = Step(size)
        window = Window(floor.pids, floor.database_cpu)
        await asyncio.sleep(seconds)
        window.close(step)
        meter.current = Step(size, "after")  # a request counts where it was sent, so
        await asyncio.sleep(0.5)  # the window's late answers and live updates land in it
        steps.append(step)
        print_step(step, supervisors)
        if pct(step.latencies_ms, 0.95) > TARGET_P95_MS * 2:
            break  # far past the target: larger steps say nothing new
    stop.set()
    await asyncio.gather(*watchers, *agents, return_exceptions=True)
    for pool in pools.values():
        pool.close()
    return steps


async def _ingest_rate(floor: Floor, seconds: float) -> float:
    """Events/s stored from 1,000-event batches sent by 4 agents at once."""
    stored = 0
    async with httpx.AsyncClient(timeout=60) as client:
        senders = floor.tokens[:4]
        until = time.monotonic() + seconds

        async def send(server: str, token: str) -> None:
            nonlocal stored
            n = 0
            while time.monotonic() < until:
                events = [
                    {
                        "id": f"ingest-{token[:10]}-{n}-{i}",
                        "kind": "operation",
                        "device_time": _now(),
                        "payload": {
                            "operator": "bench",
                            "action": "status_change",
                            "detail": {"i": i},
                        },
                    }
                    for i in range(1000)
                ]
                n += 1
                answer = await client.post(
                    f"{server}/api/v1/events",
                    json={"events": events},
                    headers={"Authorization": f"Bearer {token}"},
                )
                stored += len(answer.json()["stored"])

        began = time.monotonic()
        await asyncio.gather(*(send(s, t) for s, t in senders))
        return stored / (time.monotonic() - began)


def _run(work: Coroutine[Any, Any, T]) -> T:
    """uvloop when installed (uvicorn[standard] brings it): the generator's loop costs less."""
    try:
        import uvloop
    except ImportError:
        return asyncio.run(work)
    with asyncio.Runner(loop_factory=uvloop.new_event_loop) as runner:
        return runner.run(work)


@contextmanager
def _centers(url: str, processes: int, workdir: Path) -> Iterator[tuple[list[str], list[int]]]:
    Database(url).migrate()
    with central_processes(url, processes, workdir) as running:
        yield [p.url for p in running], [p.pid for p in running]  # type: ignore[attr-defined]


def run_backend(
    backend: str,
    sizes: list[int],
    seconds: float,
    supervisors: int,
    pg_processes: int = 2,
    ramp_seconds: float = HEARTBEAT_S,
) -> None:
    workdir = Path(tempfile.mkdtemp(prefix="central-bench-"))
    cluster = None
    if backend == "postgresql":
        from tests.central.postgres import start_cluster

        cluster = start_cluster()
        if cluster is None:
            print("postgresql: not installed, skipped")
            return
        url, processes = cluster.new_database(), pg_processes
    else:
        url, processes = f"sqlite:///{workdir / 'central.sqlite3'}", 1
    print(f"{backend} ({processes} central process{'es' if processes > 1 else ''}):", flush=True)
    try:
        with _centers(url, processes, workdir) as (servers, pids):
            database_cpu = cluster.cpu_seconds if cluster is not None else (lambda: 0.0)
            floor = Floor(url, servers, pids, database_cpu)
            steps = _run(_run_steps(floor, sizes, seconds, ramp_seconds, supervisors))
            within = [s for s in steps if pct(s.latencies_ms, 0.95) <= TARGET_P95_MS]
            live = [ms for s in within for ms in s.live_ms]
            rate = _run(_ingest_rate(floor, min(seconds, 10.0)))
            floor.database.dispose()
        largest = max((s.agents for s in within), default=None)
        print(
            f"  largest N with p95 <= {TARGET_P95_MS:.0f} ms: {largest or 'none'} (of those tried)"
        )
        print(f"  live latency p95 over those steps: {pct(live, 0.95):.1f} ms")
        print(f"  ingest: {rate:.0f} events/s (1,000-event batches, 4 agents at once)", flush=True)
    finally:
        if cluster is not None:
            cluster.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--sizes", default="250,500,1000,2000,4000")
    parser.add_argument("--step-seconds", type=float, default=30.0)
    parser.add_argument(
        "--ramp-seconds",
        type=float,
        default=HEARTBEAT_S,
        help="before each measured window, the new agents come online over this long",
    )
    parser.add_argument("--supervisors", type=int, default=4)
    parser.add_argument("--pg-processes", type=int, default=2, help="central processes on PG")
    args = parser.parse_args(argv)
    sizes = sorted(int(n) for n in args.sizes.split(","))
    for backend in args.backends.split(","):
        run_backend(
            backend.strip(),
            sizes,
            args.step_seconds,
            args.supervisors,
            args.pg_processes,
            args.ramp_seconds,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
