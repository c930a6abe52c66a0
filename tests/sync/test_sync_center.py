"""Offline-first sync against the real central service (SQLite and PostgreSQL): a backlog
drains completely, a crash or a center outage neither loses nor doubles an event, status
changes overtake a backlog, and a row the center refuses is parked, not retried for ever."""

from __future__ import annotations

import json
import signal
import subprocess
import time
from collections.abc import Callable, Sequence
from datetime import datetime, timezone

import pytest

from softphone.journal.meta import Meta
from softphone.journal.outbox import BULK, PRIORITY, Outbox, WireEvent
from softphone.journal.records import JournalWriter
from softphone.journal.store import Journal, journal_path, open_journal
from softphone.protocol import (
    AgentConfig,
    AgentStatus,
    CallRecord,
    EventAck,
    JournalEvent,
    StatusChange,
)
from softphone.sync.client import CentralClient, TokenStore
from tests.sync.center_lab import (
    AGENT,
    LabCenter,
    client_for,
    fill_journal,
    journal_a_refused_record,
    queued_ids,
    worker_for,
)

pytestmark = pytest.mark.integration
EVENTS = 3_000
"""A backlog for the stories where its size is not the point (the first test drains 10,000)."""


def wait_until(check: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


@pytest.mark.slow
def test_ten_thousand_events_queued_offline_drain_once_the_center_comes_up(
    center: LabCenter, journal: Journal
) -> None:
    calls = fill_journal(journal, 10_000)
    queued = queued_ids(journal)
    worker = worker_for(journal, center)
    worker.start()
    try:
        time.sleep(1.0)  # the center is down: the worker backs off, the journal keeps everything
        assert Outbox(journal).waiting() == 10_000
        center.start()
        wait_until(lambda: Outbox(journal).waiting() == 0, 120, "the outbox to drain")
    finally:
        worker.stop()
    center.assert_arrived_once(queued, calls)


class Crash(BaseException):
    """The agent dies between the center's commit and the local delete."""


class DiesAfterPosting(CentralClient):
    def post_events(self, events: Sequence[JournalEvent | WireEvent]) -> EventAck:
        super().post_events(events)
        raise Crash


def test_a_crash_after_the_center_stored_a_batch_resends_it_harmlessly(
    center: LabCenter, journal: Journal
) -> None:
    fill_journal(journal, 2_500)
    center.start()
    worker = worker_for(journal, center)
    client = client_for(center)
    dying = DiesAfterPosting(center.url, AGENT, client._password, client.tokens)
    first = worker.drain(client, BULK)
    assert first > 0
    with pytest.raises(Crash):
        worker.drain(dying, BULK)
    in_flight = center.events_stored() - first
    assert in_flight > 0  # the center stored the second batch …
    assert Outbox(journal).waiting() == 2_500 - first  # … which the agent still holds
    restarted = worker_for(journal, center)
    while restarted.drain(client, BULK):
        pass
    assert Outbox(journal).waiting() == 0
    assert center.events_stored() == 2_500
    assert center.calls_stored() == 2_500 // 4


def test_center_stopped_mid_stream_then_restarted_nothing_lost_nothing_doubled(
    center: LabCenter, journal: Journal
) -> None:
    calls = fill_journal(journal, EVENTS)
    queued = queued_ids(journal)
    center.start()
    worker = worker_for(journal, center, batch=200)
    worker.start()
    try:
        wait_until(lambda: center.events_stored() >= EVENTS // 4, 60, "the first events")
        center.stop()
        waiting = Outbox(journal).waiting()
        assert 0 < waiting < EVENTS
        time.sleep(1.5)  # down for a while: nothing is lost from the outbox
        assert Outbox(journal).waiting() <= waiting
        center.start()
        wait_until(lambda: Outbox(journal).waiting() == 0, 120, "the outbox to drain")
    finally:
        worker.stop()
    center.assert_arrived_once(queued, calls)


def test_a_status_change_overtakes_a_large_backlog(center: LabCenter, journal: Journal) -> None:
    fill_journal(journal, EVENTS)
    center.start()
    worker = worker_for(journal, center, batch=1000)
    worker.start()
    try:
        wait_until(lambda: center.events_stored() > 0, 30, "the backlog to start draining")
        JournalWriter(journal, AGENT).status_changed(
            StatusChange(status=AgentStatus.BREAK, reason="lunch", since=datetime.now(timezone.utc))
        )
        worker.nudge(PRIORITY)
        wait_until(lambda: center.status_of() == "break", 10, "the status at the center")
        assert Outbox(journal).waiting(BULK) > 0  # it did not wait for the backlog
    finally:
        worker.stop()


def test_a_row_the_center_refuses_is_parked_with_its_error(
    center: LabCenter, journal: Journal
) -> None:
    writer = JournalWriter(journal, AGENT)
    good = writer.operation("login", {}, datetime.now(timezone.utc))
    journal_a_refused_record(journal, "bad")
    center.start()
    worker, client = worker_for(journal, center), client_for(center)
    while worker.drain(client, BULK):
        pass
    outbox = Outbox(journal)
    assert outbox.waiting() == 0
    (parked,) = outbox.parked()
    assert parked.kind == "call_record" and "64 characters" in parked.error
    assert center.events_stored() == 2  # the login and the disconnect entry
    assert good not in {p.id for p in outbox.parked()}


def test_config_is_pulled_with_its_etag_and_kept_offline(
    center: LabCenter, journal: Journal
) -> None:
    center.start()
    applied = []
    worker = worker_for(journal, center, on_config=applied.append)
    client = client_for(center)
    assert worker.pull_config(client) is True
    assert worker.pull_config(client) is False  # 304: unchanged
    assert len(applied) == 1
    center.stop()
    config, etag = Meta(journal).config()
    assert config is not None and etag
    assert config["version"] == applied[0].version
    logged = journal.query("SELECT detail FROM operations WHERE action = 'setting_change'")
    assert [json.loads(row[0]) for row in logged] == [{"central_config": config["version"]}]


def test_clock_skew_is_measured_and_stamped_on_events(center: LabCenter, journal: Journal) -> None:
    center.start()
    worker = worker_for(journal, center)
    JournalWriter(journal, AGENT).operation("login", {}, datetime.now(timezone.utc))
    assert worker.drain(client_for(center), BULK) == 1
    skew = Meta(journal).clock_skew_s()
    assert skew is not None and abs(skew) < 1.0  # same machine: the clocks agree


def _sync_profile(tmp_path, center: LabCenter) -> tuple:  # type: ignore[no-untyped-def]
    from tests.central.server import PASSWORD
    from tests.integration.peers.agent_process import (
        AGENT_CMD,
        agent_env,
        store_password,
        write_profile,
    )

    central = {"url": center.url, "user": AGENT}
    folder = write_profile(tmp_path / "agent-profile", {}, central=central)
    env = agent_env(tmp_path / "home")
    store_password(folder, PASSWORD, env, for_="central")
    return folder, env, AGENT_CMD


def test_kill_9_in_the_middle_of_a_batch_then_restart_every_event_arrives_exactly_once(
    center: LabCenter, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    folder, env, cmd = _sync_profile(tmp_path, center)
    journal = open_journal(journal_path(folder))
    calls = fill_journal(journal, EVENTS)
    queued = queued_ids(journal)
    journal.close()
    center.start()
    agent = subprocess.Popen(
        [*cmd, "sync", "--profile", str(folder)], env=env, stderr=subprocess.PIPE
    )
    try:
        wait_until(lambda: center.events_stored() >= EVENTS // 4, 60, "the drain under way")
    finally:
        agent.send_signal(signal.SIGKILL)
        agent.wait(10)
    assert agent.returncode == -signal.SIGKILL
    journal = open_journal(journal_path(folder))
    left = Outbox(journal).waiting()
    journal.close()
    assert left > 0 and center.events_stored() + left >= EVENTS  # nothing lost

    again = subprocess.run(
        [*cmd, "sync", "--profile", str(folder), "--until-empty", "--timeout", "120"],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert again.returncode == 0, again.stderr
    center.assert_arrived_once(queued, calls)


def test_a_central_deletion_request_erases_the_number_on_the_device(
    center: LabCenter, journal: Journal
) -> None:
    from softphone.central.jobs import erase_number

    writer = JournalWriter(journal, AGENT)
    now = datetime.now(timezone.utc)
    for call_id, number in (("gone", "+4930123456"), ("kept", "+4930999999")):
        record = CallRecord(
            call_id=call_id, direction="outbound", terminal="ann@pbx", calling_number="ann",
            called_number=number, start_time=now, connected=False,
        )  # fmt: skip
        writer.call_ended(record, sip_trace=f"INVITE sip:{number}@pbx")
        writer.call_wrapped_up(call_id)
    center.start()
    worker, client = worker_for(journal, center), client_for(center)
    while worker.drain(client, BULK):
        pass
    with center.database.writing() as session:
        erase_number(session, "+4930123456")
    assert worker.pull_deltas(client) == 1
    numbers = [row[0] for row in journal.query("SELECT called_number FROM call_records")]
    assert numbers == ["+4930999999"]
    dump = "\n".join(journal.db.conn.iterdump())
    assert "4930123456" not in dump
    assert worker.pull_deltas(client) == 0  # carried out once; the version moved on


def test_an_admins_change_reaches_the_agents_status_rules(
    center: LabCenter, journal: Journal
) -> None:
    import httpx

    from softphone.agent.status_keeper import policy_from_config
    from softphone.central.users import create_user
    from tests.central.server import PASSWORD_HASH

    with center.database.writing() as session:
        create_user(session, "ada", "admin", PASSWORD_HASH, [])
    center.start()
    applied: list[AgentConfig] = []
    worker, client = worker_for(journal, center, on_config=applied.append), client_for(center)
    assert worker.pull_config(client)
    admin = client_for(center)
    admin.user = "ada"
    admin.tokens = TokenStore()
    token = admin.login().token
    answer = httpx.put(
        f"{center.url}/api/v1/admin/settings/wrap-up",
        json={"mode": "timed_mandatory", "seconds": 45},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert answer.status_code == 200, answer.text
    assert worker.pull_config(client)
    policy = policy_from_config(applied[-1])
    assert (policy.wrap_up_mode, policy.wrap_up_seconds) == ("timed_mandatory", 45)
