"""The private doorbell's lock (softphone.sip.doorbell.lock_to) on plain sockets standing in for
pjsip's: once locked, the bell hears its ringer and nobody else, also after a re-bind."""

from __future__ import annotations

import os
import socket

import pytest

from softphone.sip.doorbell import lock_to

pytestmark = pytest.mark.skipif(os.name != "posix", reason="the lock is POSIX-only")


def heard(bell: socket.socket) -> list[bytes]:
    bell.settimeout(0.3)
    got = []
    try:
        while True:
            got.append(bell.recv(100))
    except TimeoutError:
        return got


@pytest.mark.parametrize("bound_to", ["127.0.0.1", "0.0.0.0"])  # 0.0.0.0: after an IP change
def test_a_locked_bell_hears_its_ringer_only(bound_to: str) -> None:
    with (
        socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as bell,
        socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as ringer,
        socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as local_user,
    ):
        bell.bind((bound_to, 0))
        port = bell.getsockname()[1]
        ringer.bind(("127.0.0.1", 0))
        assert lock_to(port, ringer.getsockname())
        local_user.sendto(b"OPTIONS sip:x SIP/2.0\r\n\r\n", ("127.0.0.1", port))
        ringer.sendto(b"\r\n\r\n", ("127.0.0.1", port))
        assert heard(bell) == [b"\r\n\r\n"]


def test_no_socket_on_that_port_is_no_lock() -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as ringer:
        ringer.bind(("127.0.0.1", 0))
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.bind(("127.0.0.1", 0))
            free = probe.getsockname()[1]
        assert not lock_to(free, ringer.getsockname())
