"""The status keeper: runs the agent's status machine on the session's events and commands, writes
every move, call record and operation to the journal first, then tells the bus (`status`,
`wrap_up` events).

Calls drive it from the SIP thread (through the bus), the agent's commands from the GUI or the
headless reader, and its own timer thread ends timed wrap-ups and marks the agent alive; one lock
keeps those in order. It never waits on the journal: writes are handed, in that order, to the
journal executor (`QueuedWriter`), and the caller returns at once. After a crash the interval
that was running is closed when the agent was last known alive, and the agent comes back
`offline` — a person picks `available` again.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future
from datetime import datetime, timezone

from softphone.agent import status as machine
from softphone.agent.call_book import CallBook, CallHappening
from softphone.agent.status import AgentState, StatusPolicy, StatusRefused, Trigger
from softphone.events import (
    CallEnded,
    CallState,
    Event,
    EventBus,
    IncomingCall,
    QualitySample,
    StatusChanged,
    TransferAsked,
    TransferStatus,
    WrapUpStarted,
)
from softphone.journal.meta import Meta
from softphone.journal.queued import QueuedWriter
from softphone.journal.records import JournalWriter
from softphone.journal.store import from_iso
from softphone.protocol import AgentConfig, AgentStatus, Heartbeat, QualitySummary, StatusChange
from softphone.protocol import QualitySample as WireQuality

log = logging.getLogger(__name__)

ALIVE_EVERY_S = 15.0
Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def policy_from_config(config: AgentConfig | None) -> StatusPolicy:
    if config is None:
        return StatusPolicy()
    reasons = dict(machine.DEFAULT_REASON_CODES)
    for name, codes in config.reason_codes.items():
        if name in (AgentStatus.BREAK.value, AgentStatus.NOT_READY.value) and codes:
            reasons[AgentStatus(name)] = tuple(codes)
    return StatusPolicy(
        wrap_up_mode=config.wrap_up.mode,
        wrap_up_seconds=config.wrap_up.seconds,
        missed_offers_before_not_ready=config.missed_offers_before_not_ready,
        reason_codes=reasons,
    )


class StatusKeeper:
    def __init__(
        self,
        bus: EventBus,
        writer: JournalWriter,
        book: CallBook,
        clock: Clock = utc_now,
        writes: QueuedWriter | None = None,
    ) -> None:
        self.bus = bus
        self.writer = writer  # reads only; every write goes through `writes` (the executor)
        self.writes = writes or QueuedWriter(writer)
        self.book = book
        self.clock = clock
        self.meta = Meta(writer.journal)
        stored, _ = self.meta.config()
        config = AgentConfig.model_validate(stored) if stored else None
        self.policy = policy_from_config(config)
        self._take_config(config)
        self._lock = threading.RLock()
        self._wake = threading.Condition(self._lock)
        self._stopping = False
        self._timer: threading.Thread | None = None
        self.state = self._restore()
        self._unsubscribe: Callable[[], None] | None = None

    # --- life cycle -------------------------------------------------------------------------

    def _restore(self) -> AgentState:
        running = self.writer.running_interval()
        now = self.clock()
        if running is not None and running["status"] == AgentStatus.OFFLINE.value:
            return machine.AgentState(AgentStatus.OFFLINE, from_iso(running["start"]))
        if running is not None:  # the app did not sign off: it crashed or was killed
            last_alive = self.meta.alive_at() or from_iso(running["start"])
            since = max(last_alive, from_iso(running["start"]))
            state = machine.initial_state(min(since, now))
        else:
            state = machine.initial_state(now)
        self.writes.status_changed(_change(state))
        return state

    def start(self) -> None:
        self.writes.release_unwrapped().add_done_callback(_log_released)
        self.writes.operation("login", {}, self.clock())
        self._publish_status(self.state)
        self._unsubscribe = self.bus.subscribe(self.on_event)
        self._timer = threading.Thread(target=self._run_timer, name="status-timer", daemon=True)
        self._timer.start()

    def stop(self) -> None:
        """The app stops: the agent signs off (offline), open records go out as they are."""
        if self._unsubscribe is not None:
            self._unsubscribe()
        with self._lock:
            self._stopping = True
            self._wake.notify_all()
            now = self.clock()
            self.writes.release_unwrapped()
            self._apply(machine.signed_off(self.state, now))
            self.writes.operation("logout", {}, now)
        if self._timer is not None:
            self._timer.join(5)

    def apply_config(self, config: AgentConfig) -> None:
        """A new central config is in force (the sync worker pulled it)."""
        with self._lock:
            self.policy = policy_from_config(config)
            self._take_config(config)

    def _take_config(self, config: AgentConfig | None) -> None:
        """What the config says beyond the policy: the skill group the records carry, and the
        survey number (kept here so that the window never reads SQLite to learn it)."""
        groups = config.skill_groups if config is not None else []
        self.book.skill_group = groups[0] if groups else None
        self.survey_number = config.survey_number if config is not None else ""

    # --- the agent's commands ---------------------------------------------------------------

    def set_status(self, status: str, reason: str | None = None) -> AgentState:
        try:
            wanted = AgentStatus(status)
        except ValueError:
            names = ", ".join(s.value for s in AgentStatus)
            raise StatusRefused(f"unknown status {status!r}: one of {names}") from None
        with self._lock:
            return self._apply(
                machine.agent_sets(self.state, wanted, reason, self.policy, self.clock())
            )

    def wrap_up_done(self, remarks: str | None = None, disposition: str | None = None) -> None:
        with self._lock:
            call_id = self.state.wrap_up_call
            after = machine.wrap_up_done(self.state, self.policy, self.clock())
            if call_id is not None:
                self.writes.call_wrapped_up(call_id, remarks, disposition)
            self._apply(after)

    def set_cellphone_pickup(self, on: bool) -> None:
        with self._lock:
            if on != self.state.cellphone_pickup:
                self._apply(machine.set_cellphone_pickup(self.state, on), always=True)

    # --- the engine's events (SIP thread) ---------------------------------------------------

    def on_event(self, event: Event) -> None:
        now = self.clock()
        with self._lock:
            if isinstance(event, IncomingCall):
                self._happened(self.book.offered(event, now), now)
            elif isinstance(event, CallState):
                happening = self.book.state_changed(event, now)
                if happening is not None:
                    self._happened(happening, now)
                    self.writes.call_started(self.book.open_record(happening.call))
                    if happening.trigger is Trigger.ANSWER:
                        self.writes.operation("connect", {"call": happening.call.call_id}, now)
            elif isinstance(event, CallEnded):
                for happening in self.book.ended(event, now):
                    self._happened(happening, now)
            elif isinstance(event, QualitySample):
                self._quality(event, now)
            elif isinstance(event, TransferAsked):
                self.book.transfer_asked(event)
            elif isinstance(event, TransferStatus):
                self._transfer_status(event, now)

    def _transfer_status(self, event: TransferStatus, now: datetime) -> None:
        """The far end's NOTIFY about our REFER: the record will say how the transfer went;
        the operation log has each final result (the center sees failed survey transfers)."""
        transfer = self.book.transfer_status(event)
        if transfer is not None and event.final:
            detail = {"call": transfer.call_id, "to": transfer.to, "purpose": transfer.purpose}
            self.writes.operation("transfer", {**detail, "result": transfer.result}, now)

    def _quality(self, event: QualitySample, now: datetime) -> None:
        call_id = self.book.call_id_of(event.call)
        if call_id is None:
            return
        summary = QualitySummary(
            mos=event.mos,
            loss_pct=event.loss_pct,
            jitter_ms=event.jitter_ms,
            rtt_ms=event.rtt_ms,
            codec=event.codec or None,
        )
        self.writes.quality(WireQuality(call_id=call_id, sample=summary), now)

    def heartbeat(self) -> Heartbeat:
        """What the sync worker's heartbeat says about the agent right now."""
        with self._lock:
            state = self.state
            connected = [c for c in self.book.live.values() if c.answer_time is not None]
            return Heartbeat(
                status=state.status,
                reason=state.reason,
                current_call=connected[-1].call_id if connected else None,
                cellphone_pickup=state.cellphone_pickup,
                device_time=self.clock(),
            )

    def _happened(self, happening: CallHappening, now: datetime) -> None:
        if happening.record is not None:
            self.writes.call_ended(happening.record, happening.sip_trace, happening.call.name)
        try:
            after = machine.on_call_event(
                self.state, happening.trigger, happening.call.call_id, self.policy, now
            )
        except StatusRefused as exc:
            log.warning("status: %s (call %s)", exc, happening.call.key)
            after = self.state
        if happening.record is not None and after.wrap_up_call != happening.call.call_id:
            self.writes.call_wrapped_up(happening.call.call_id)  # no wrap-up of its own
        self._apply(after, call_key=happening.call.key)

    # --- moves ------------------------------------------------------------------------------

    def _apply(
        self, after: AgentState, always: bool = False, call_key: str | None = None
    ) -> AgentState:
        before, self.state = self.state, after
        if before.wrap_up_call and after.wrap_up_call != before.wrap_up_call:
            # wrap-up left by any road (done, deadline, a new call, a status): the record goes
            self.writes.call_wrapped_up(before.wrap_up_call)
        moved = (after.status, after.reason, after.since) != (
            before.status,
            before.reason,
            before.since,
        )
        if moved or always:
            self.writes.status_changed(_change(after))
            self._publish_status(after)
        if moved and after.status is AgentStatus.WRAP_UP and after.wrap_up_call:
            key = call_key or after.wrap_up_call
            deadline = after.wrap_up_deadline.isoformat() if after.wrap_up_deadline else None
            self.bus.publish(
                WrapUpStarted(call=key, deadline=deadline, mode=self.policy.wrap_up_mode)
            )
            self._wake.notify_all()
        return after

    def _publish_status(self, state: AgentState) -> None:
        self.bus.publish(
            StatusChanged(
                status=state.status.value,
                reason=state.reason,
                since=state.since.isoformat(),
                cellphone_pickup=state.cellphone_pickup,
            )
        )

    def _run_timer(self) -> None:
        next_alive = 0.0
        with self._lock:
            while not self._stopping:
                try:
                    wait, next_alive = self._tick(next_alive)
                except Exception:  # one bad tick must not end the wrap-up deadlines for good
                    log.exception("status timer tick failed; the timer goes on")
                    wait = ALIVE_EVERY_S
                self._wake.wait(max(0.01, wait))

    def _tick(self, next_alive: float) -> tuple[float, float]:
        """Mark the agent alive when due and end an expired wrap-up: (seconds to wait, when
        to mark alive next)."""
        now = self.clock()
        if now.timestamp() >= next_alive:
            self.writes.mark_alive(now)
            next_alive = now.timestamp() + ALIVE_EVERY_S
        after = machine.tick(self.state, now)
        if after is not self.state:
            self._expire_wrap_up(after)
        wait = next_alive - now.timestamp()
        deadline = self.state.wrap_up_deadline
        if deadline is not None:
            wait = min(wait, (deadline - now).total_seconds())
        return wait, next_alive

    def _expire_wrap_up(self, after: AgentState) -> None:
        self._apply(after)  # the record goes out as it stands (see `_apply`)


def _log_released(done: Future[int]) -> None:
    released = done.result() if done.exception() is None else 0
    if released:
        log.info("%d call records left in wrap-up by the last run were sent as they were", released)


def _change(state: AgentState) -> StatusChange:
    return StatusChange(
        status=state.status,
        reason=state.reason,
        since=state.since,
        cellphone_pickup=state.cellphone_pickup,
    )
