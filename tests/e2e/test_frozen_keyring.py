"""The frozen build keeps the agent's password in the desktop's own keyring (Secret Service,
gnome-keyring here) and the frozen headless agent registers with it: the keyring backends the
bundle carries work, not only import."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.frozen import Bundle, in_ci, run
from tests.e2e.secret_service import missing_tools, secret_service
from tests.integration.agent_fixtures import stop_cleanly
from tests.integration.peers import agent_process
from tests.integration.peers.agent_process import AgentProcess, store_password, write_profile


@pytest.fixture
def desktop_keyring(tmp_path: Path) -> Iterator[dict[str, str]]:
    missing = missing_tools()
    if missing:
        message = f"{', '.join(missing)} missing: packaging/dev/install-system-deps.sh installs it"
        if in_ci():
            pytest.fail(message)
        pytest.skip(message)
    with secret_service(tmp_path / "home") as env:
        yield env


def test_frozen_agent_registers_with_its_password_from_the_secret_service(
    bundle: Bundle,
    kamailio,
    desktop_keyring: dict[str, str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(agent_process, "AGENT_CMD", [str(bundle.cli)])
    sip = {"server": kamailio.server("udp"), "user": "agent1", "transport": "udp"}
    folder = write_profile(tmp_path / "profile", sip)
    store_password(folder, "secret1", desktop_keyring)  # the frozen `credentials set`
    keyrings = Path(desktop_keyring["XDG_DATA_HOME"]) / "keyrings"
    assert any(keyrings.glob("*.keyring")), "gnome-keyring kept nothing on disk"

    checked = run(bundle, "self-test", env=desktop_keyring)
    assert re.search(
        r"^\s+PASS\s+keyring\s+keyring\.backends\.SecretService\.Keyring", checked.stdout, re.M
    ), checked.stdout + checked.stderr[-2000:]

    agent = AgentProcess(folder, desktop_keyring)
    try:
        agent.expect("registered", timeout=20)  # digest auth with the password from the keyring
    finally:
        stop_cleanly([agent])
