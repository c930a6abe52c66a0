"""Fixtures that start our headless agent against the lab's Kamailio (imported by conftest)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.integration.lab.tools import free_port
from tests.integration.peers.agent_process import (
    AgentProcess,
    agent_env,
    store_password,
    write_profile,
)

MakeAgent = Callable[..., AgentProcess]


@pytest.fixture
def free_udp_port() -> int:
    return free_port("udp")


def _start_agent(
    tmp_path: Path,
    started: list[AgentProcess],
    name: str,
    password: str,
    sip: dict[str, Any],
    audio: dict[str, str] | None,
    env_extra: dict[str, str] | None,
) -> AgentProcess:
    home = tmp_path / f"home-{name}-{len(started)}"
    folder = write_profile(home / "profile", sip, audio)
    env = agent_env(home, env_extra)
    store_password(folder, password, env)
    agent = AgentProcess(folder, env)
    started.append(agent)
    return agent


@pytest.fixture
def make_agent(tmp_path: Path, kamailio: Any) -> Iterator[MakeAgent]:
    """make_agent(user, password, transport="udp", audio=None, env=None, **sip) → a running agent
    registered (or trying to) at the lab's Kamailio."""
    started: list[AgentProcess] = []

    def make(
        user: str,
        password: str,
        transport: str = "udp",
        audio: dict[str, str] | None = None,
        env: dict[str, str] | None = None,
        **sip: Any,
    ) -> AgentProcess:
        settings: dict[str, Any] = {
            "server": kamailio.server(transport),
            "user": user,
            "transport": transport,
            "register_expires_s": 60,
        }
        if transport == "tls":
            settings["ca_file"] = kamailio.ca_file
        settings.update(sip)
        return _start_agent(tmp_path, started, user, password, settings, audio, env)

    yield make
    stop_cleanly(started)


def stop_cleanly(started: list[AgentProcess]) -> None:
    """Quit the agents a test left running; each must exit with 0. An abort at exit (pjsua2
    objects torn down in the wrong order) is a crash the agent's desktop would report."""
    crashed = []
    for agent in started:
        if agent.proc.poll() is None:
            code = agent.stop()
            if code != 0:
                crashed.append(f"exit {code}: {agent.stderr_tail()}")
    assert not crashed, "an agent did not exit cleanly:\n" + "\n".join(crashed)


@pytest.fixture
def make_agent_unstarted(tmp_path: Path) -> Iterator[MakeAgent]:
    """An agent pointed at whatever server the test names (no lab registrar needed)."""
    started: list[AgentProcess] = []

    def make(**sip: Any) -> AgentProcess:
        settings = {"user": "agent9", "register_expires_s": 60, **sip}
        return _start_agent(tmp_path, started, "agent9", "pw", settings, None, None)

    yield make
    stop_cleanly(started)
