"""The agent's readiness check on the event bus: it publishes a `readiness` event, leaves the
headset alone during a call, and reports the registrar's verdict it heard on the bus."""

from pathlib import Path

from softphone.agent.readiness import ReadinessChecks
from softphone.config import Profile, Settings
from softphone.devices.readiness.network import RegistrationState
from softphone.events import CallEnded, CallState, Event, EventBus, ReadinessChecked, Registered


def test_during_a_call_the_headset_is_not_tested(tmp_path: Path) -> None:
    bus = EventBus()
    seen: list[Event] = []
    bus.subscribe(seen.append)
    checks = ReadinessChecks(bus, Profile(tmp_path, Settings()))
    bus.publish(CallState(call="c1", state="confirmed"))
    report = checks.check().result(30)
    assert report.check("microphone").summary == "not checked during a call"  # type: ignore[union-attr]
    assert report.check("speaker").status == "skip"  # type: ignore[union-attr]
    [event] = [e for e in seen if isinstance(e, ReadinessChecked)]
    assert event.overall == report.overall
    assert [c["name"] for c in event.checks] == [c.name for c in report.checks]
    bus.publish(CallEnded(call="c1"))
    assert not checks._calls


def test_the_registrars_verdict_comes_from_the_bus(tmp_path: Path) -> None:
    bus = EventBus()
    checks = ReadinessChecks(bus, Profile(tmp_path, Settings()))
    bus.publish(Registered(account="agent1@pbx", expires_s=60))
    assert checks.registration() == RegistrationState(True, 200, "OK")

