"""Fixtures of the integration lab: Kamailio, SIPp, our headless agent (see lab/ and peers/)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.integration.agent_fixtures import (  # noqa: F401 - fixtures
    free_udp_port,
    make_agent,
    make_agent_unstarted,
)
from tests.integration.lab.far_phone_client import FarPhone
from tests.integration.lab.kamailio import Kamailio
from tests.integration.lab.sipp import Sipp, start_uac, start_uas
from tests.integration.lab.tools import free_port
from tests.integration.peers.pulse import PulseServer

LAB_USERS = {"agent1": "secret1", "agent2": "secret2", "agent3": "secret3"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.integration)


@pytest.fixture
def kamailio(tmp_path: Path) -> Iterator[Kamailio]:
    """Kamailio with the lab users; numbers starting with 9 go to `kamailio.sipp_port`."""
    sipp_port = free_port()
    lab = Kamailio(tmp_path / "kamailio", LAB_USERS, {"9": f"127.0.0.1:{sipp_port}"})
    lab.workdir.mkdir()
    lab.sipp_port = sipp_port  # type: ignore[attr-defined]
    lab.start()
    yield lab
    lab.stop()


@pytest.fixture
def sipp_uas(kamailio: Kamailio, tmp_path: Path) -> Iterator[Callable[..., Sipp]]:
    """sipp_uas(scenario, calls=1, timeout_s=120): the far end behind the registrar's 9… numbers."""
    started: list[Sipp] = []

    def start(scenario: str, calls: int = 1, timeout_s: int = 120) -> Sipp:
        port = kamailio.sipp_port  # type: ignore[attr-defined]
        sipp = start_uas(tmp_path, scenario, port, calls, timeout_s=timeout_s)
        started.append(sipp)
        return sipp

    yield start
    for sipp in started:
        sipp.stop()


@pytest.fixture
def run_sipp_uac(kamailio: Kamailio, tmp_path: Path) -> Iterator[Callable[..., Sipp]]:
    """run_sipp_uac(scenario, to_user, background=True): a customer calling through Kamailio."""
    started: list[Sipp] = []

    def start(scenario: str, to_user: str, background: bool = True, calls: int = 1) -> Sipp:
        sipp = start_uac(tmp_path, scenario, kamailio.server("udp"), to_user, calls)
        started.append(sipp)
        if not background:
            sipp.wait()
        return sipp

    yield start
    for sipp in started:
        sipp.stop()


@pytest.fixture
def far_end_factory(kamailio: Kamailio, tmp_path: Path) -> Iterator[Callable[..., FarPhone]]:
    """far_end_factory(user, password, auto_answer="200", tone_hz=0, record=""): a second
    pjsua2 phone registered at the lab's Kamailio."""
    started: list[FarPhone] = []

    def start(user: str, password: str, **options: object) -> FarPhone:
        phone = FarPhone(tmp_path, kamailio.server("udp"), user, password, **options)  # type: ignore[arg-type]
        started.append(phone)
        return phone

    yield start
    for phone in started:
        phone.stop()


@pytest.fixture
def pulse(tmp_path: Path) -> Iterator[PulseServer]:
    """A private PulseAudio whose null sinks are the agent's devices, named for PortAudio
    (see peers/pulse.py): agent_mic, agent_speaker, agent_ring."""
    server = PulseServer(tmp_path / "pulse")
    server.start()
    yield server
    server.stop()


@pytest.fixture
def pulse_server(pulse: PulseServer) -> PulseServer:
    """`pulse`, used by this test process's own PortAudio (the device list rescanned)."""
    from softphone.devices.audio import rescan_devices  # sounddevice only where it is needed

    pulse.use_in_this_process()
    assert rescan_devices(), "a stream from an earlier test is still open"
    return pulse
