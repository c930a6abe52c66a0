"""The network checks against real peers: Kamailio over UDP, TCP and TLS, coturn as STUN server.

What IT would notice: each transport reports its round trip, a wrong port and a blocked port are
told apart (with the fix for each), an untrusted TLS certificate names the CA setting, the
quality probe scores a clean path high and a lossy one below the warning line, and the NAT check
reports what the STUN server sees.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from softphone.config import ReadinessSettings, SipSettings
from softphone.devices.readiness.network import (
    check_call_quality,
    check_nat,
    check_sip_transports,
)
from softphone.devices.readiness.sip_ping import parse_status
from tests.integration.lab.kamailio import Kamailio
from tests.integration.lab.stun_server import StunServer
from tests.integration.lab.tools import free_port

pytestmark = pytest.mark.integration


class SilentPeer:
    """A UDP port that swallows everything: what a firewall dropping SIP looks like."""

    def __init__(self) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(("127.0.0.1", 0))
        self.port = int(self.sock.getsockname()[1])

    def close(self) -> None:
        self.sock.close()


class FullTcpListener:
    """A TCP port whose accept queue is full: new connections get no answer to their SYN,
    which is what a firewall dropping TCP looks like from the client."""

    def __init__(self) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(0)
        self.port = int(self.sock.getsockname()[1])
        self.filler = socket.create_connection(("127.0.0.1", self.port), timeout=1)

    def close(self) -> None:
        self.filler.close()
        self.sock.close()


class LossyForwarder:
    """Relays UDP to Kamailio and drops every `drop_every`-th request: a lossy network path."""

    def __init__(self, target_port: int, drop_every: int) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.settimeout(0.2)
        self.port = int(self.sock.getsockname()[1])
        self.target = ("127.0.0.1", target_port)
        self.drop_every = drop_every
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        upstream = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        upstream.settimeout(1.0)
        count = 0
        while not self._stop.is_set():
            try:
                data, client = self.sock.recvfrom(65535)
            except OSError:
                continue
            count += 1
            if count % self.drop_every == 0:
                continue
            # Kamailio answers to the Via, i.e. the client's address: rewrite it to ours.
            upstream.sendto(data, self.target)
            try:
                answer = upstream.recv(65535)
            except OSError:
                continue
            if parse_status(answer) is not None:
                self.sock.sendto(answer, client)
        upstream.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(2)
        self.sock.close()


@pytest.fixture
def stun_server(tmp_path: Path) -> Iterator[StunServer]:
    server = StunServer(tmp_path / "stun")
    server.start()
    yield server
    server.stop()


def sip(server: str, transport: str = "udp", **extra: object) -> SipSettings:
    return SipSettings(server=server, user="agent1", transport=transport, **extra)  # type: ignore[arg-type]


def test_every_transport_reports_its_round_trip(kamailio: Kamailio) -> None:
    settings = sip(kamailio.server("udp"), ca_file=kamailio.ca_file)
    ready = ReadinessSettings(sip_transports=f"udp,tcp,tls:{kamailio.tls_port}")
    checks = {c.name: c for c in check_sip_transports(settings, ready)}
    assert set(checks) == {"sip_udp", "sip_tcp", "sip_tls"}
    for check in checks.values():
        assert check.status == "pass", check
        assert "200 OK" in check.summary
        assert isinstance(check.value, float) and 0 < check.value < 400
    assert checks["sip_tls"].device == f"127.0.0.1:{kamailio.tls_port}"


@pytest.mark.parametrize("transport", ["tcp", "tls"])
def test_the_profiles_own_stream_transport_is_checked(kamailio: Kamailio, transport: str) -> None:
    settings = sip(kamailio.server(transport), transport, ca_file=kamailio.ca_file)
    [check] = check_sip_transports(settings, ReadinessSettings())
    assert check.name == f"sip_{transport}" and check.status == "pass", check


def test_a_wrong_port_is_named_as_the_likely_cause(kamailio: Kamailio) -> None:
    wrong = free_port()
    [check] = check_sip_transports(sip(f"127.0.0.1:{wrong}"), ReadinessSettings())
    assert check.status == "fail"
    assert check.details["problem"] == "refused"
    assert "port in the settings is probably wrong" in check.fix


def test_a_blocked_transport_says_ask_it_or_switch_to_one_that_works(kamailio: Kamailio) -> None:
    blocked = SilentPeer()
    try:
        settings = sip(f"127.0.0.1:{blocked.port}", ca_file=kamailio.ca_file)
        ready = ReadinessSettings(sip_transports=f"tls:{kamailio.tls_port}")
        udp, tls = check_sip_transports(settings, ready)
    finally:
        blocked.close()
    assert udp.status == "fail" and udp.details["problem"] == "timeout"
    assert f"ask IT to open port {blocked.port}/udp" in udp.fix
    assert "switch to TLS, which works from here" in udp.fix
    assert tls.status == "pass"


def test_blocked_tcp_is_told_apart_from_a_wrong_port(kamailio: Kamailio) -> None:
    blocked = FullTcpListener()
    try:
        [check] = check_sip_transports(sip(f"127.0.0.1:{blocked.port}", "tcp"), ReadinessSettings())
    finally:
        blocked.close()
    assert check.status == "fail" and check.details["problem"] == "timeout"
    assert f"ask IT to open port {blocked.port}/tcp or switch to TLS" in check.fix


def test_an_untrusted_tls_certificate_points_at_the_ca_setting(kamailio: Kamailio) -> None:
    [check] = check_sip_transports(sip(kamailio.server("tls"), "tls"), ReadinessSettings())
    assert check.status == "fail" and check.details["problem"] == "tls"
    assert "ca_file" in check.fix and "certificate" in check.fix


def test_a_transport_not_used_by_the_profile_only_warns(kamailio: Kamailio) -> None:
    ready = ReadinessSettings(sip_transports=f"tcp:{free_port()}")
    udp, tcp = check_sip_transports(sip(kamailio.server("udp")), ready)
    assert udp.status == "pass"
    assert tcp.status == "warn" and "not used by this profile" in tcp.summary


@pytest.mark.parametrize("transport", ["udp", "tls"])
def test_a_clean_path_to_the_sip_server_scores_a_good_mos(
    kamailio: Kamailio, transport: str
) -> None:
    settings = sip(kamailio.server(transport), transport, ca_file=kamailio.ca_file)
    check = check_call_quality(settings, ReadinessSettings())
    assert check.status == "pass", check
    assert check.details["loss_pct"] == 0 and check.details["answered"] == 20
    assert isinstance(check.value, float) and check.value >= 4.0


def test_a_lossy_path_warns_with_its_figures(kamailio: Kamailio) -> None:
    lossy = LossyForwarder(kamailio.udp_port, drop_every=4)
    try:
        check = check_call_quality(sip(f"127.0.0.1:{lossy.port}"), ReadinessSettings())
    finally:
        lossy.close()
    assert check.status == "warn", check
    assert check.details["loss_pct"] == 25.0
    assert "loss over 3 %" in check.summary and "MOS under 3.5" in check.summary


def test_a_dead_path_fails_the_quality_probe() -> None:
    blocked = SilentPeer()
    try:
        check = check_call_quality(
            sip(f"127.0.0.1:{blocked.port}"), ReadinessSettings(probe_packets=5)
        )
    finally:
        blocked.close()
    assert check.status == "fail" and check.details["answered"] == 0


def test_the_nat_check_reports_what_the_stun_server_sees(stun_server: StunServer) -> None:
    check = check_nat(stun_server.address)
    assert check.status == "pass", check
    assert check.value == "none"  # on loopback we are seen as we are
    assert check.details["mapped"][0] == "127.0.0.1"


def test_a_stun_server_that_does_not_answer_is_a_warning() -> None:
    silent = SilentPeer()
    try:
        check = check_nat(f"127.0.0.1:{silent.port}")
    finally:
        silent.close()
    assert check.status == "warn" and "does not answer" in check.summary


def test_without_a_stun_server_the_nat_check_says_not_configured() -> None:
    check = check_nat("")
    assert check.status == "skip" and "not configured" in check.summary
