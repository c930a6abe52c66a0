"""The demo's profile: the customer line is its server with no registration, its center is the
demo center's, and its sample rules block the sample number, hold public calls over lunch
(callee time), and let the line's extension through."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

from softphone.agent.demo import Demo
from softphone.agent.demo.floor import LINE_NUMBER, SAMPLE_BLOCKED
from softphone.compliance.history import InMemoryHistory
from softphone.compliance.profile import open_gate
from softphone.config import load_profile
from softphone.secrets import load_secret

SHANGHAI_LUNCH = datetime(2026, 12, 8, 4, 30, tzinfo=timezone.utc)  # 12:30 in Beijing
SHANGHAI_MORNING = datetime(2026, 12, 8, 2, 0, tzinfo=timezone.utc)  # 10:00 in Beijing


@pytest.fixture
def demo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Demo:
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyrings.alt.file.PlaintextKeyring")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    demo = Demo(tmp_path / "demo", with_center=True)
    demo.write_profile(5062, 5064)
    return demo


def test_the_line_is_the_server_and_nothing_registers(demo: Demo) -> None:
    settings = load_profile(demo.profile_folder).settings
    assert settings.sip.server == "127.0.0.1:5062"
    assert settings.sip.register is False
    assert settings.sip.local_port == 5064
    assert demo.plan is not None
    assert settings.central.url == demo.plan.url
    assert load_secret(demo.profile_folder, "central") == demo.plan.agent_password


def test_the_sample_rules(demo: Demo) -> None:
    gate = open_gate(demo.profile_folder, "127.0.0.1", InMemoryHistory(), warm_up=False)
    blocked = gate.check(SAMPLE_BLOCKED, SHANGHAI_MORNING)
    assert "blacklisted" in [r.code for r in blocked.reasons]
    assert gate.check("+8613912345678", SHANGHAI_MORNING).allowed
    lunch = gate.check("+8613912345678", SHANGHAI_LUNCH)
    assert not lunch.allowed and "rest_period" in [r.code for r in lunch.reasons]
    assert gate.check(LINE_NUMBER, SHANGHAI_LUNCH).allowed  # the line is an extension


def test_without_the_center_the_profile_names_none(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyrings.alt.file.PlaintextKeyring")
    demo = Demo(tmp_path / "demo", with_center=False)
    demo.write_profile(5062, 5064)
    assert load_profile(demo.profile_folder).settings.central.url == ""
    assert demo.state.phase == "phone_only"


def test_an_account_that_does_not_register_has_no_registrar(demo: Demo) -> None:
    """No REGISTER to the line (it would go unanswered: 'Registration failed: 408' in the
    window); calls still go to the server, the line."""
    from softphone.sip.setup import account_config

    sip = load_profile(demo.profile_folder).settings.sip
    config = account_config(sip, "", 0)
    assert config.regConfig.registrarUri == ""
    assert list(config.sipConfig.proxies) == ["sip:127.0.0.1:5062;lr"]


def test_the_demo_customers_speech_ships_with_the_app() -> None:
    """A clean checkout (and so every build) carries the recorded customer: without it the demo
    line plays silence and the agent hears nothing."""
    import soundfile

    speech = Path(__file__).resolve().parents[2] / "resources" / "demo" / "customer.wav"
    assert soundfile.info(str(speech)).duration > 5.0
