"""The sync worker: drains the journal's outbox to the central service, off the GUI thread.

Two lanes, each its own thread and HTTP connection, so that a status change never waits behind
a backlog: the priority lane sends status changes the moment they are written and a heartbeat
every interval; the bulk lane sends everything else in batches of at most `MAX_BATCH` and pulls
the config. A row leaves the outbox only once the center has acknowledged its id; a batch the
center refuses as a whole (413, 422) is split until the one bad row is found and parked with the
error. When the center is down or busy, or turns the agent away whatever it sends (a 403 after a
role change, a proxy's 404), both lanes back off with jitter and the rows wait in the outbox.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from datetime import datetime, timezone
from pathlib import Path

from softphone.config import Profile
from softphone.events import Event, EventBus, SyncState
from softphone.journal.meta import Meta
from softphone.journal.outbox import BULK, PRIORITY, Outbox, WireEvent
from softphone.journal.records import JournalWriter
from softphone.journal.retention import profile_log_files, profile_region
from softphone.journal.store import Journal
from softphone.protocol import (
    MAX_BATCH,
    AgentConfig,
    AgentStatus,
    BlacklistDelta,
    Heartbeat,
)
from softphone.sync.client import (
    CenterDenied,
    CenterRefused,
    CenterUnavailable,
    CentralClient,
    LoginFailed,
    TokenStore,
)
from softphone.sync.deletions import Deletions
from softphone.sync.pace import Backoff, clock_skew_s

log = logging.getLogger(__name__)

HEARTBEAT_S = 30.0
CONFIG_EVERY_S = 60.0
IDLE_POLL_S = 2.0
SKEW_CHANGE_S = 0.05  # store a new skew only when it moved this much (saves a write per batch)
LOGIN_RETRY_CAP_S = 300.0
BATCH_TARGET_S = 0.03
"""How long one bulk batch may keep the center busy. A SQLite center writes one request at a time,
so a status change can wait behind the batch in progress: bulk batches are sized from the
measured time per event so that this wait stays short (and grow to MAX_BATCH on a fast center)."""
MIN_BATCH = 50
PRIORITY_HOLD_S = 1.0
DELTA_VERSION = "blacklist_delta_version"
_LANE_NAMES = {PRIORITY: "priority", BULK: "bulk"}


def keyring_client(profile: Profile) -> CentralClient:
    from softphone.secrets import load_secret, store_secret

    central = profile.settings.central
    tokens = TokenStore(
        load=lambda: load_secret(profile.folder, "central-token"),
        save=lambda token: store_secret(profile.folder, "central-token", token),
    )
    return CentralClient(
        central.url, central.user, lambda: load_secret(profile.folder, "central"), tokens
    )


class SyncWorker:
    def __init__(
        self,
        profile: Profile,
        journal: Journal,
        on_config: Callable[[AgentConfig], None] | None = None,
        bus: EventBus | None = None,
        on_blacklist_delta: Callable[[BlacklistDelta], None] | None = None,
        heartbeat_source: Callable[[], Heartbeat] | None = None,
        client_factory: Callable[[], CentralClient] | None = None,
        heartbeat_s: float = HEARTBEAT_S,
        batch: int = MAX_BATCH,
    ) -> None:
        self.journal = journal
        self.outbox = Outbox(journal)
        self.meta = Meta(journal)
        self.on_config = on_config
        self.on_blacklist_delta = on_blacklist_delta
        self.heartbeat_source = heartbeat_source
        # The files as they are at each erasure: agent.log.1 appears once agent.log rotates.
        self.deletions = Deletions(
            journal, lambda: log_files_of(profile), profile_region(profile.folder), self._log
        )
        operator = profile.settings.central.user or profile.settings.sip.user or "agent"
        self.writer = JournalWriter(journal, operator)
        self.bus = bus
        self.batch = min(batch, MAX_BATCH)
        self._bulk_batch = min(self.batch, 200)  # the first guess, corrected after each batch
        self.heartbeat_s = heartbeat_s
        self._client_factory = client_factory or (lambda: keyring_client(profile))
        self._stop = threading.Event()
        self._wake = {PRIORITY: threading.Event(), BULK: threading.Event()}
        # Clear while a status change waits to go: the bulk lane holds its next batch back
        # meanwhile, so the center (one writer at a time on SQLite) takes the status first.
        self._priority_clear = threading.Event()
        self._priority_clear.set()
        self._threads: list[threading.Thread] = []
        self._skew = self.meta.clock_skew_s()
        # Set by the priority lane when a heartbeat's answer shows a newer blacklist than this
        # device holds (a colleague's do-not-call): the bulk lane pulls the delta at once.
        self._blacklist_behind = threading.Event()
        self._delta_version = int(self.meta.get(DELTA_VERSION) or 0)
        self._state = SyncState()
        self._state_lock = threading.Lock()
        self.sent = 0
        if bus is not None:
            bus.subscribe(self._on_event)

    # --- life cycle -------------------------------------------------------------------------

    def start(self) -> None:
        for name, run in (("sync-priority", self._run_priority), ("sync-bulk", self._run_bulk)):
            thread = threading.Thread(target=run, name=name, daemon=True)
            thread.start()
            self._threads.append(thread)

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        for event in self._wake.values():
            event.set()
        for thread in self._threads:
            thread.join(timeout)

    def settle(self, lane: int = PRIORITY, timeout: float = 2.0) -> bool:
        """Give the lane up to `timeout` to empty (the app is closing: let `offline` out)."""
        if not self._state.connected:
            return False  # the center is away: the rows wait for the next run
        deadline = _monotonic() + timeout
        self.nudge(lane)
        while self.outbox.waiting(lane) and _monotonic() < deadline:
            self._stop.wait(0.05)
        return not self.outbox.waiting(lane)

    def nudge(self, lane: int = PRIORITY) -> None:
        if lane == PRIORITY:
            self._priority_clear.clear()
        self._wake[lane].set()

    def _on_event(self, event: Event) -> None:
        if event.kind == "status":
            self.nudge(PRIORITY)
        elif event.kind in ("call_ended", "wrap_up"):
            self._wake[BULK].set()

    # --- the lanes --------------------------------------------------------------------------

    def _run_priority(self) -> None:
        self._loop(PRIORITY, self._priority_round)

    def _run_bulk(self) -> None:
        self._loop(BULK, self._bulk_round)

    def _loop(self, lane: int, round_: Callable[[CentralClient, dict[str, float]], float]) -> None:
        client = self._client_factory()
        backoff = Backoff()
        due: dict[str, float] = {}
        try:
            while not self._stop.is_set():
                self._wake[lane].clear()  # a nudge during the round below is kept for the wait
                try:
                    wait = round_(client, due)
                    backoff.reset()
                    self._report(connected=True, error="")
                except CenterUnavailable as exc:
                    wait = backoff.next_delay(exc.retry_after_s)
                    self._report(connected=False, error=str(exc))
                    log.info("sync: %s; next try in %.1f s", exc, wait)
                except LoginFailed as exc:
                    wait = min(LOGIN_RETRY_CAP_S, backoff.next_delay() * 4)
                    self._report(connected=False, error=str(exc))
                    log.warning("sync: %s", exc)
                except CenterDenied as exc:  # a role or a route, not the events: they wait
                    wait = backoff.next_delay()
                    self._report(connected=False, error=str(exc))
                    log.warning("sync: %s; next try in %.1f s", exc, wait)
                except CenterRefused as exc:  # a refused heartbeat or config request
                    wait = backoff.next_delay()
                    self._report(connected=True, error=str(exc))
                    log.warning("sync: %s", exc)
                except Exception as exc:  # an answer we cannot read, a full disk …: the lane
                    wait = backoff.next_delay()  # must survive it and try again later
                    self._report(connected=False, error=f"sync failed: {exc}")
                    log.exception("sync: the %s lane failed; retrying", _LANE_NAMES[lane])
                if lane == PRIORITY and wait > 0:
                    self._priority_clear.set()  # nothing more to send now (or cannot send)
                if wait > 0:
                    self._wake[lane].wait(wait)
        finally:
            client.close()

    def _priority_round(self, client: CentralClient, due: dict[str, float]) -> float:
        sent = self.drain(client, PRIORITY)
        now = _monotonic()
        if now >= due.get("heartbeat", 0.0):
            ack = client.heartbeat(self._heartbeat())
            self._learn_skew(client)
            if ack.blacklist_version is not None and ack.blacklist_version > self._delta_version:
                self._blacklist_behind.set()
                self._wake[BULK].set()
            interval = min(self.heartbeat_s, ack.offline_after_s / 3)
            due["heartbeat"] = now + interval
        return 0.0 if sent else max(0.0, due["heartbeat"] - _monotonic())

    def _bulk_round(self, client: CentralClient, due: dict[str, float]) -> float:
        now = _monotonic()
        if now >= due.get("config", 0.0):
            self.pull_config(client)
            self.pull_deltas(client)
            due["config"] = now + CONFIG_EVERY_S
        elif self._blacklist_behind.is_set():
            self.pull_deltas(client)
        self._priority_clear.wait(PRIORITY_HOLD_S)
        sent = self.drain(client, BULK)
        return 0.0 if sent else IDLE_POLL_S

    # --- the work ---------------------------------------------------------------------------

    def drain(self, client: CentralClient, lane: int) -> int:
        """Send one batch of the lane; returns how many rows left the outbox (sent or parked)."""
        limit = self._bulk_batch if lane == BULK else self.batch
        events = self.outbox.take_wire(lane, limit, self._skew)
        if not events:
            return 0
        started = _monotonic()
        done = self._send(client, events)
        if lane == BULK:
            self._resize_bulk(len(events), _monotonic() - started)
        self.sent += done
        return done

    def _resize_bulk(self, sent: int, took_s: float) -> None:
        per_event = max(took_s, 1e-4) / sent
        wanted = int(BATCH_TARGET_S / per_event)
        # move halfway towards the size that fits the target: steady under noisy timings
        size = (self._bulk_batch + wanted) // 2
        self._bulk_batch = max(min(MIN_BATCH, self.batch), min(self.batch, size))

    def _send(self, client: CentralClient, events: Sequence[WireEvent]) -> int:
        try:
            ack = client.post_events(events)
        except CenterRefused as exc:
            if len(events) == 1:
                self.outbox.park([(events[0].id, str(exc))])
                self._report(parked_changed=True)
                log.warning("sync: the center refused event %s for good: %s", events[0].id, exc)
                return 1
            middle = len(events) // 2
            return self._send(client, events[:middle]) + self._send(client, events[middle:])
        self._learn_skew(client)
        done = self.outbox.acknowledge(ack.stored)
        if ack.rejected:
            self.outbox.park([(r.id, r.error) for r in ack.rejected])
            self._report(parked_changed=True)
            done += len(ack.rejected)
        return done

    def pull_config(self, client: CentralClient) -> bool:
        """Fetch the config when it changed; store it whole, then put it in force."""
        _, etag = self.meta.config()
        config, new_etag = client.config(etag)
        self._learn_skew(client)
        if config is None:
            return False
        self.meta.store_config(config.model_dump(mode="json"), new_etag or config.version)
        if self.on_config is not None:
            self.on_config(config)
        self._log("setting_change", {"central_config": config.version})
        log.info("sync: central config %s in force", config.version)
        return True

    def pull_deltas(self, client: CentralClient) -> int:
        """Blacklist changes and deletion requests since the last pull. Every number a deletion
        request names is erased from this device (journal, outbox, log files; matched by E.164
        key: `softphone.sync.deletions`) before the version is recorded, so a crash in between
        repeats the erasure, never skips it."""
        self._blacklist_behind.clear()
        since = int(self.meta.get(DELTA_VERSION) or 0)
        delta = client.blacklist_delta(since)
        self.deletions.carry_out(delta.deletion_requests)
        if self.on_blacklist_delta is not None:
            self.on_blacklist_delta(delta)
        if delta.added or delta.removed:
            changes = {"version": delta.version, "added": len(delta.added)}
            self._log("blacklist_change", {**changes, "removed": len(delta.removed)})
        if delta.version != since:
            self.meta.put(**{DELTA_VERSION: str(delta.version)})
        self._delta_version = delta.version
        return len(delta.deletion_requests)

    def _log(self, action: str, detail: dict[str, object]) -> None:
        self.writer.operation(action, detail, datetime.now(timezone.utc))

    def _heartbeat(self) -> Heartbeat:
        if self.heartbeat_source is not None:
            return self.heartbeat_source()
        running = self.writer.running_interval()
        status = AgentStatus(running["status"]) if running else AgentStatus.OFFLINE
        return Heartbeat(
            status=status,
            reason=running["reason"] if running else None,
            cellphone_pickup=bool(running["cellphone_pickup"]) if running else False,
            device_time=datetime.now(timezone.utc),
        )

    def _learn_skew(self, client: CentralClient) -> None:
        last = client.last
        if last is None or last.server_time is None:
            return
        skew = clock_skew_s(last.sent, last.received, last.server_time)
        if self._skew is None or abs(skew - self._skew) >= SKEW_CHANGE_S:
            self._skew = skew
            self.meta.store_clock_skew(skew)

    def _report(
        self, connected: bool | None = None, error: str | None = None, parked_changed: bool = False
    ) -> None:
        with self._state_lock:
            state = self._state
            new = SyncState(
                connected=state.connected if connected is None else connected,
                waiting=state.waiting,
                parked=len(self.outbox.parked()) if parked_changed else state.parked,
                error=state.error if error is None else error,
            )
            changed = (new.connected, new.parked, new.error) != (
                state.connected,
                state.parked,
                state.error,
            )
            if changed:
                new = SyncState(
                    connected=new.connected,
                    waiting=self.outbox.waiting(),
                    parked=new.parked,
                    error=new.error,
                )
            self._state = new
        if changed and self.bus is not None:
            self.bus.publish(new)


def log_files_of(profile: Profile) -> list[Path]:
    return profile_log_files(profile.data_dir)


def _monotonic() -> float:
    return time.monotonic()
