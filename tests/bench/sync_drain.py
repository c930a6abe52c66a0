"""Benchmark of the offline-first sync against a real central service on loopback.

    uv run python -m tests.bench.sync_drain [--events 20000] [--statuses 40] [--records 2000]

Starts `softphone central serve` (SQLite) as its own process, then prints:
- `drain_events_per_s`: a backlog of `--events` journal events sent by the sync worker, from its
  start to an empty outbox (target ≥ 5,000 with the SQLite center);
- `status_latency_ms` p50/p95: a status change written to the journal → the same change
  arriving on the center's `WS /live` (what a wallboard sees), while a backlog drains
  (target p95 ≤ 100 ms);
- `journal_us_per_call_record`: writing one finished call (record, SIP trace, operation entry,
  outbox rows) and closing its wrap-up, on the agent's disk.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

import httpx
from websockets.sync.client import connect

from softphone.central.db import Database
from softphone.central.users import create_user, hash_password
from softphone.config import CentralSettings, Profile, Settings
from softphone.journal.outbox import BULK, PRIORITY, Outbox
from softphone.journal.records import JournalWriter
from softphone.journal.store import Journal, open_journal
from softphone.protocol import AgentStatus, CallRecord, StatusChange
from softphone.sync.client import CentralClient, TokenStore
from softphone.sync.worker import SyncWorker
from tests.integration.lab.tools import free_port
from tests.sync.center_lab import AGENT, fill_journal

PASSWORD = "bench password 1"
SOFTPHONE = [sys.executable, "-m", "softphone"]


class CenterProcess:
    def __init__(self, workdir: Path) -> None:
        self.port = free_port()
        self.db = f"sqlite:///{workdir / 'central.sqlite3'}"
        self.url = f"http://127.0.0.1:{self.port}"
        database = Database(self.db)  # accounts straight in the database: one Argon2 hash
        database.migrate()
        hashed = hash_password(PASSWORD)
        with database.writing() as session:
            for name, role in ((AGENT, "agent"), ("ada", "admin")):
                create_user(session, name, role, hashed, ["sales"])
        database.dispose()
        # The agent's token outlives a worker, as it does in the keyring: the figures measure
        # the sync, not the one login (an Argon2 hash) of an agent's first start.
        self.tokens = TokenStore()
        self.log = workdir / "central.log"
        with self.log.open("wb") as log:
            self.proc = subprocess.Popen(
                [*SOFTPHONE, "central", "serve", "--db", self.db, "--port", str(self.port)],
                stderr=log,
            )
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"{self.url}/api/v1/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.stop()
                tail = self.log.read_text(errors="replace")[-2000:]
                raise RuntimeError(f"the central service did not start:\n{tail}")
            time.sleep(0.1)

    def token(self, user: str) -> str:
        answer = httpx.post(f"{self.url}/api/v1/login", json={"user": user, "password": PASSWORD})
        answer.raise_for_status()
        return str(answer.json()["token"])

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(20)


def worker(journal: Journal, center: CenterProcess) -> SyncWorker:
    profile = Profile(journal.path.parent, Settings(central=CentralSettings(center.url, AGENT)))
    return SyncWorker(
        profile,
        journal,
        client_factory=lambda: CentralClient(center.url, AGENT, lambda: PASSWORD, center.tokens),
    )


def wait_empty(outbox: Outbox, timeout: float = 600) -> None:
    """Polls every 50 ms: counting the outbox competes with the worker for this process."""
    deadline = time.monotonic() + timeout
    while outbox.waiting():
        if time.monotonic() > deadline:
            raise RuntimeError(f"{outbox.waiting()} events still waiting")
        time.sleep(0.05)


def drain_rate(workdir: Path, center: CenterProcess, events: int) -> float:
    journal = open_journal(workdir / "drain" / "journal.sqlite")
    fill_journal(journal, events)
    sync = worker(journal, center)
    started = time.perf_counter()
    sync.start()
    wait_empty(Outbox(journal))
    elapsed = time.perf_counter() - started
    sync.stop()
    journal.close()
    return events / elapsed


def status_latencies(
    workdir: Path, center: CenterProcess, statuses: int, backlog: int
) -> tuple[list[float], int]:
    """Latencies (ms) of status changes made while a backlog drains; and how many of them
    were made with the backlog still waiting."""
    journal = open_journal(workdir / "status" / "journal.sqlite")
    fill_journal(journal, backlog)
    writer = JournalWriter(journal, AGENT)
    outbox = Outbox(journal)
    sync = worker(journal, center)
    ws_url = center.url.replace("http://", "ws://") + f"/api/v1/live?token={center.token('ada')}"
    latencies: list[float] = []
    under_backlog = 0
    with connect(ws_url) as live:
        sync.start()
        for n in range(statuses):
            status = AgentStatus.BREAK if n % 2 == 0 else AgentStatus.AVAILABLE
            reason = "lunch" if status is AgentStatus.BREAK else None
            under_backlog += outbox.waiting(BULK) > 0
            written = time.perf_counter()
            writer.status_changed(
                StatusChange(status=status, reason=reason, since=datetime.now(timezone.utc))
            )
            sync.nudge(PRIORITY)
            while True:
                update = json.loads(live.recv(timeout=10))
                if update.get("type") == "status" and update["data"].get("status") == status.value:
                    break
            latencies.append((time.perf_counter() - written) * 1000)
            time.sleep(0.05)
    sync.stop()
    journal.close()
    return latencies, under_backlog


def journal_cost_us(workdir: Path, records: int) -> float:
    journal = open_journal(workdir / "cost" / "journal.sqlite")
    writer = JournalWriter(journal, AGENT)
    trace = "INVITE sip:+4930123456@pbx SIP/2.0\r\n" * 20  # a typical trace of ~1 kB
    started = time.perf_counter()
    for n in range(records):
        now = datetime.now(timezone.utc)
        record = CallRecord(
            call_id=f"cost-{n}", direction="outbound", terminal="ann@pbx",
            calling_number="ann", called_number="+4930123456", start_time=now,
            answer_time=now, end_time=now, connected=True, duration_s=30.0,
            hung_up_by="agent",
        )  # fmt: skip
        writer.call_ended(record, sip_trace=trace)
        writer.call_wrapped_up(record.call_id, remarks="ok", disposition="sale")
    elapsed = time.perf_counter() - started
    journal.close()
    return elapsed / records * 1e6


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=20_000)
    parser.add_argument("--statuses", type=int, default=40)
    parser.add_argument("--records", type=int, default=2_000)
    parser.add_argument("--backlog", type=int, help="events behind the status changes")
    args = parser.parse_args(argv)
    os.environ.setdefault("SOFTPHONE_LOG", "WARNING")
    with tempfile.TemporaryDirectory(prefix="sync-bench-") as tmp:
        workdir = Path(tmp)
        center = CenterProcess(workdir)
        try:
            center.tokens.put(center.token(AGENT))
            rate = drain_rate(workdir, center, args.events)
            backlog = args.backlog or max(args.events, 2_000)
            latencies, under = status_latencies(workdir, center, args.statuses, backlog)
        finally:
            center.stop()
        cost = journal_cost_us(workdir, args.records)
    print(f"{'figure':<28}{'value':>12}  target")
    print(f"{'drain_events_per_s':<28}{rate:>12.0f}  >= 5000 (SQLite center)")
    print(f"{'status_latency_ms_p50':<28}{statistics.median(latencies):>12.1f}")
    print(f"{'status_latency_ms_p95':<28}{percentile(latencies, 0.95):>12.1f}  <= 100")
    print(f"{'status_changes_under_backlog':<28}{under:>12d}  of {len(latencies)}")
    print(f"{'journal_us_per_call_record':<28}{cost:>12.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
