"""The status keeper on the engine's events: what the agent sees on the bus and what the journal
holds, including a restart after a crash."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from softphone.agent.call_book import CallBook
from softphone.agent.status import StatusRefused
from softphone.agent.status_keeper import StatusKeeper
from softphone.events import CallEnded, CallState, Event, EventBus, IncomingCall
from softphone.journal.meta import Meta
from softphone.journal.outbox import BULK, PRIORITY, Outbox
from softphone.journal.records import JournalWriter
from softphone.journal.store import Journal, open_journal
from softphone.protocol import AgentConfig, WrapUpConfig

T0 = datetime(2026, 11, 25, 9, 0, tzinfo=timezone.utc)


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


class Desk:
    def __init__(
        self, path: Path, config: AgentConfig | None = None, start: datetime = T0
    ) -> None:
        self.journal: Journal = open_journal(path)
        if config is not None:
            Meta(self.journal).store_config(config.model_dump(mode="json"), config.version)
        self.bus = EventBus()
        self.seen: list[Event] = []
        self.bus.subscribe(self.seen.append)
        self.clock = Clock()
        self.clock.now = start
        self.writer = JournalWriter(self.journal, "agent7")
        self.keeper = StatusKeeper(
            self.bus, self.writer, CallBook("agent7", "agent7@pbx"), clock=self.clock
        )
        self.keeper.start()

    def statuses(self) -> list[tuple[str, str | None]]:
        return [(e.status, e.reason) for e in self.seen if e.kind == "status"]  # type: ignore[attr-defined]

    def kinds(self, kind: str) -> list[Event]:
        return [e for e in self.seen if e.kind == kind]

    def dial_and_fail(self, key: str, code: int = 486) -> None:
        self.bus.publish(
            CallState(call=key, state="calling", direction="outbound", remote="sip:+4930123456@pbx")
        )
        self.clock.advance(2)
        self.bus.publish(
            CallEnded(
                call=key,
                reason="Busy Here",
                code=code,
                direction="outbound",
                remote="sip:+4930123456@pbx",
                hung_up_by="remote",
                sip_trace=("INVITE sip:+4930123456@pbx",),
            )
        )

    def offer_and_lose(self, key: str) -> None:
        self.bus.publish(IncomingCall(call=key, from_uri="sip:555@pbx", number="555"))
        self.clock.advance(10)
        self.bus.publish(
            CallEnded(
                call=key, code=487, direction="inbound", remote="sip:555@pbx", hung_up_by="remote"
            )
        )

    def stop(self) -> None:
        self.keeper.stop()
        self.journal.close()

    def crash(self) -> None:
        """Gone without signing off (as after kill -9): only our test thread is tidied up."""
        with self.keeper._lock:
            self.keeper._stopping = True
            self.keeper._wake.notify_all()
        assert self.keeper._timer is not None
        self.keeper._timer.join(5)
        self.journal.close()


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "journal.sqlite"


def test_the_agent_starts_offline_and_picks_a_status(path: Path) -> None:
    desk = Desk(path)
    desk.keeper.set_status("available")
    desk.clock.advance(60)
    desk.keeper.set_status("break", "lunch")
    with pytest.raises(StatusRefused, match="not a break reason"):
        desk.keeper.set_status("break", "siesta")
    with pytest.raises(StatusRefused, match="unknown status"):
        desk.keeper.set_status("asleep")
    assert desk.statuses() == [("offline", None), ("available", None), ("break", "lunch")]
    lane = [e.payload["status"] for e in Outbox(desk.journal).take(PRIORITY, 10)]
    assert lane == ["offline", "available", "break"]
    desk.stop()


def test_a_failed_outbound_call_gets_its_wrap_up_and_record(path: Path) -> None:
    config = AgentConfig(
        version="1", wrap_up=WrapUpConfig(mode="optional"), skill_groups=["sales"]
    )
    desk = Desk(path, config)
    desk.keeper.set_status("available")
    desk.dial_and_fail("c1")
    (wrap_up,) = desk.kinds("wrap_up")
    assert (wrap_up.call, wrap_up.deadline, wrap_up.mode) == ("c1", None, "optional")  # type: ignore[attr-defined]
    assert desk.statuses()[-2:] == [("on_call", None), ("wrap_up", None)]
    desk.keeper.wrap_up_done(remarks="line busy", disposition="busy")
    assert desk.statuses()[-1] == ("available", None)
    records = [
        e.payload for e in Outbox(desk.journal).take(BULK, 50) if e.kind.value == "call_record"
    ]
    assert len(records) == 1
    assert records[0]["called_number"] == "+4930123456"
    assert (records[0]["remarks"], records[0]["disposition"]) == ("line busy", "busy")
    assert records[0]["connected"] is False
    assert records[0]["end_reason"] == "486 Busy Here"
    assert records[0]["skill_group"] == "sales"
    desk.stop()


def test_timed_wrap_up_returns_to_available_by_itself(path: Path) -> None:
    config = AgentConfig(version="1", wrap_up=WrapUpConfig(mode="timed", seconds=1))
    desk = Desk(path, config)
    desk.keeper.set_status("available")
    done = threading.Event()
    desk.bus.subscribe(lambda e: done.set() if getattr(e, "status", "") == "available" else None)
    desk.clock.now = datetime.now(timezone.utc)  # the timer thread runs on this clock
    desk.dial_and_fail("c1")
    done.clear()
    desk.clock.advance(1.5)
    with desk.keeper._lock:
        desk.keeper._wake.notify_all()
    assert done.wait(5)
    assert desk.statuses()[-1] == ("available", None)
    desk.stop()


def test_mandatory_wrap_up_cannot_be_left_early(path: Path) -> None:
    config = AgentConfig(version="1", wrap_up=WrapUpConfig(mode="timed_mandatory", seconds=600))
    desk = Desk(path, config)
    desk.keeper.set_status("available")
    desk.dial_and_fail("c1")
    with pytest.raises(StatusRefused, match="mandatory"):
        desk.keeper.wrap_up_done(remarks="done")
    with pytest.raises(StatusRefused, match="mandatory"):
        desk.keeper.set_status("break", "lunch")
    assert desk.statuses()[-1] == ("wrap_up", None)
    desk.stop()


def test_unanswered_offers_put_the_agent_in_not_ready(path: Path) -> None:
    desk = Desk(path, AgentConfig(version="1", missed_offers_before_not_ready=2))
    desk.keeper.set_status("available")
    desk.offer_and_lose("c1")
    desk.offer_and_lose("c2")
    assert desk.statuses()[-1] == ("not_ready", "missed calls")
    calls = desk.journal.query("SELECT direction, connected, hung_up_by FROM call_records")
    assert [tuple(r) for r in calls] == [("inbound", 0, "customer")] * 2
    desk.stop()


def test_time_in_status_survives_a_crash_and_the_agent_comes_back_offline(path: Path) -> None:
    desk = Desk(path)
    desk.keeper.set_status("available")
    desk.clock.advance(600)
    Meta(desk.journal).mark_alive(desk.clock.now)  # the last sign of life before the crash
    desk.crash()

    again = Desk(path, start=T0 + timedelta(seconds=900))
    assert again.statuses()[0] == ("offline", None)
    spent = again.writer.time_in_status(T0, T0 + timedelta(hours=1))
    assert spent["available"] == 600.0
    again.stop()


def test_cellphone_pickup_is_synced_as_a_status_event(path: Path) -> None:
    desk = Desk(path)
    desk.keeper.set_status("available")
    desk.keeper.set_cellphone_pickup(True)
    lane = Outbox(desk.journal).take(PRIORITY, 10)
    assert lane[-1].payload["cellphone_pickup"] is True
    assert desk.kinds("status")[-1].cellphone_pickup is True  # type: ignore[attr-defined]
    desk.stop()


def test_a_new_call_during_wrap_up_sends_the_previous_record(path: Path) -> None:
    desk = Desk(path, AgentConfig(version="1", wrap_up=WrapUpConfig(mode="optional")))
    desk.keeper.set_status("available")
    desk.dial_and_fail("c1")
    desk.dial_and_fail("c2")  # dialled again straight from wrap-up
    records = [
        e.payload["call_id"]
        for e in Outbox(desk.journal).take(BULK, 50)
        if e.kind.value == "call_record"
    ]
    assert len(records) == 1  # c1's; c2 is in its own wrap-up
    assert desk.kinds("wrap_up")[-1].call == "c2"  # type: ignore[attr-defined]
    desk.stop()
