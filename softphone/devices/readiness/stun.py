"""STUN (RFC 5389) binding requests and the NAT mapping behaviour of RFC 5780, over plain UDP.

Calls through a NAT work when the NAT maps our socket to one public address whatever the far end
(endpoint-independent mapping: "full/restricted cone"); a symmetric NAT gives each destination a
new mapping, so the address we announce in SDP is wrong for the media server and the agent
hears nothing. The check asks the configured STUN server for our mapped address; when the server
offers a second address (OTHER-ADDRESS, RFC 5780) it asks that one too and compares.
"""

from __future__ import annotations

import os
import socket
import struct
import time
from dataclasses import dataclass

MAGIC = 0x2112A442
BINDING_REQUEST = 0x0001
BINDING_SUCCESS = 0x0101
MAPPED_ADDRESS = 0x0001
CHANGED_ADDRESS = 0x0005  # RFC 3489's name for the server's other address
XOR_MAPPED_ADDRESS = 0x0020
OTHER_ADDRESS = 0x802C
RETRANSMIT = 0.5

Address = tuple[str, int]


@dataclass(frozen=True)
class BindingAnswer:
    mapped: Address
    other: Address | None  # the server's alternate address, when it has one
    rtt_ms: float


def binding_request(transaction: bytes) -> bytes:
    return struct.pack("!HHI", BINDING_REQUEST, 0, MAGIC) + transaction


def parse_binding_response(data: bytes, transaction: bytes) -> BindingAnswer | None:
    """The mapped and alternate addresses of a success response to `transaction` (rtt 0)."""
    if len(data) < 20:
        return None
    kind, length, magic = struct.unpack("!HHI", data[:8])
    if kind != BINDING_SUCCESS or magic != MAGIC or data[8:20] != transaction:
        return None
    mapped: Address | None = None
    xor_mapped: Address | None = None
    other: Address | None = None
    body = data[20 : 20 + length]
    while len(body) >= 4:
        attr, size = struct.unpack("!HH", body[:4])
        value = body[4 : 4 + size]
        if attr == XOR_MAPPED_ADDRESS:
            xor_mapped = _address(value, transaction, xor=True)
        elif attr == MAPPED_ADDRESS:
            mapped = _address(value, transaction, xor=False)
        elif attr in (OTHER_ADDRESS, CHANGED_ADDRESS):
            other = _address(value, transaction, xor=False)
        body = body[4 + (size + 3) // 4 * 4 :]  # attributes are padded to 4 bytes
    found = xor_mapped or mapped
    return BindingAnswer(found, other, 0.0) if found else None


def _address(value: bytes, transaction: bytes, xor: bool) -> Address | None:
    if len(value) < 8:
        return None
    family, port = value[1], struct.unpack("!H", value[2:4])[0]
    raw = value[4:8] if family == 1 else value[4:20]
    if xor:
        port ^= MAGIC >> 16
        key = struct.pack("!I", MAGIC) + transaction
        raw = bytes(b ^ k for b, k in zip(raw, key[: len(raw)], strict=True))
    family_id = socket.AF_INET if family == 1 else socket.AF_INET6
    return socket.inet_ntop(family_id, raw), port


def ask(sock: socket.socket, server: Address, timeout: float) -> BindingAnswer | None:
    """One binding transaction from `sock` (retransmitted every 0.5 s); None: no answer."""
    transaction = os.urandom(12)
    request = binding_request(transaction)
    began = time.monotonic()
    deadline = began + timeout
    while (left := deadline - time.monotonic()) > 0:
        sock.sendto(request, server)
        wait_until = time.monotonic() + min(left, RETRANSMIT)
        while (wait := wait_until - time.monotonic()) > 0:
            sock.settimeout(wait)
            try:
                data = sock.recv(2048)
            except TimeoutError:
                break
            except OSError:  # ICMP unreachable from an earlier send: nobody there
                return None
            answer = parse_binding_response(data, transaction)
            if answer is not None:
                rtt = round((time.monotonic() - began) * 1000, 2)
                return BindingAnswer(answer.mapped, answer.other, rtt)
    return None


@dataclass(frozen=True)
class NatFinding:
    nat: str  # "none" | "endpoint-independent" | "address-dependent" | "symmetric" | "unknown"
    local: Address
    mapped: Address
    rtt_ms: float


def discover(server: Address, timeout: float = 2.0) -> NatFinding | None:
    """Our mapping behaviour as seen by `server`; None when it does not answer at all."""
    family = socket.AF_INET6 if ":" in server[0] else socket.AF_INET
    with socket.socket(family, socket.SOCK_DGRAM) as sock:
        sock.bind((local_ip_towards(server), 0))
        local = sock.getsockname()[:2]
        first = ask(sock, server, timeout)
        if first is None:
            return None
        second = third = None
        if first.mapped != local and first.other is not None:
            second = ask(sock, (first.other[0], server[1]), timeout)
            if second is not None and second.mapped != first.mapped:
                third = ask(sock, first.other, timeout)
    return NatFinding(
        classify(
            local,
            first.mapped,
            first.other,
            second.mapped if second else None,
            third.mapped if third else None,
        ),
        local,
        first.mapped,
        first.rtt_ms,
    )


def classify(
    local: Address,
    mapped: Address,
    other: Address | None,
    via_other_ip: Address | None,
    via_other_both: Address | None,
) -> str:
    """RFC 5780 §4.3 mapping behaviour from the three binding tests' mapped addresses."""
    if mapped == local:
        return "none"
    if other is None or via_other_ip is None:
        return "unknown"
    if via_other_ip == mapped:
        return "endpoint-independent"
    if via_other_both is not None and via_other_both == via_other_ip:
        return "address-dependent"
    return "symmetric"


def local_ip_towards(server: Address) -> str:
    """The local address the OS would use to reach `server` (no packet is sent)."""
    family = socket.AF_INET6 if ":" in server[0] else socket.AF_INET
    with socket.socket(family, socket.SOCK_DGRAM) as probe:
        probe.connect(server)
        return str(probe.getsockname()[0])
