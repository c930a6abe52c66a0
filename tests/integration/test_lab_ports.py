"""The lab's port picker: two peers started in one test never get the same port.

A repeat made Kamailio bind its TLS listener on its own UDP/TCP port and exit at start, which
failed an unrelated call test in CI.
"""

from __future__ import annotations

import socket

from tests.integration.lab.tools import free_port


def test_picked_ports_are_never_repeated_before_their_peer_binds() -> None:
    picked = [free_port() for _ in range(2000)]
    assert len(set(picked)) == len(picked)


def test_a_picked_port_is_free_for_udp_and_tcp() -> None:
    port = free_port()
    with (
        socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp,
        socket.socket(socket.AF_INET, socket.SOCK_STREAM) as tcp,
    ):
        udp.bind(("127.0.0.1", port))
        tcp.bind(("127.0.0.1", port))
