"""The frozen headless agent registers on Kamailio (digest auth) and takes a SIPp customer's call:
the build that IT ships, not the Python checkout, makes a call."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.frozen import Bundle, keyring_env
from tests.integration.agent_fixtures import stop_cleanly
from tests.integration.peers import agent_process
from tests.integration.peers.agent_process import AgentProcess, store_password, write_profile


@pytest.fixture
def frozen_agent(
    bundle: Bundle, kamailio, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[AgentProcess]:
    """The frozen `softphone agent --headless` as agent1, its password stored by the frozen
    `softphone credentials set` in the keyring its config names."""
    monkeypatch.setattr(agent_process, "AGENT_CMD", [str(bundle.cli)])
    env = keyring_env(tmp_path / "home")
    sip = {"server": kamailio.server("udp"), "user": "agent1", "register_expires_s": 60}
    folder = write_profile(tmp_path / "home" / "profile", {**sip, "transport": "udp"})
    store_password(folder, "secret1", env)
    agent = AgentProcess(folder, env)
    yield agent
    stop_cleanly([agent])


def test_frozen_agent_registers_and_answers_a_call(
    frozen_agent: AgentProcess, bundle: Bundle, run_sipp_uac
) -> None:
    assert frozen_agent.proc.args[0] == str(bundle.cli)
    frozen_agent.expect("registered", timeout=20)
    uac = run_sipp_uac("uac_call_and_hangup.xml", to_user="agent1", background=True)
    incoming = frozen_agent.expect("incoming", timeout=15)
    frozen_agent.send("answer")
    frozen_agent.expect("call_state", call=incoming["call"], state="confirmed", timeout=10)
    ended = frozen_agent.expect("call_ended", call=incoming["call"], timeout=30)
    assert ended["hung_up_by"] == "remote"
    assert ended["duration_s"] > 0
    assert uac.wait(timeout=30) == 0
