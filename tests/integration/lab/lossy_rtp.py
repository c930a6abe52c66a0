"""A far end whose RTP is degraded, for SIPp to play (`play_pcap_audio`): a capture of one
G.711 A-law stream, 20 ms packets, clean for its first seconds and then with packets missing.

The loss is real to the agent: the missing packets leave gaps in the RTP sequence numbers,
which pjmedia counts as lost exactly as it counts a network's loss. (Loss on the shared
machine's loopback, `tc netem` on lo, would degrade every other test running; a capture with
holes degrades only this call.)
"""

from __future__ import annotations

import struct
from pathlib import Path

PACKET_MS = 20
SAMPLES = 160  # 20 ms at 8 kHz
SILENCE_PCMA = b"\xd5" * SAMPLES
PCMA = 8  # the static payload type of G.711 A-law
_SSRC = 0x5EED1055


def write_lossy_rtp(path: Path, seconds: float, clean_s: float, keep: int, of: int) -> int:
    """Write the capture: every packet for `clean_s`, then only `keep` of every `of`. Returns
    how many packets were left out."""
    records, dropped = [], 0
    for n in range(int(seconds * 1000 / PACKET_MS)):
        at_ms = n * PACKET_MS
        if at_ms >= clean_s * 1000 and n % of >= keep:
            dropped += 1
            continue
        rtp = struct.pack("!BBHII", 0x80, PCMA, n & 0xFFFF, n * SAMPLES, _SSRC) + SILENCE_PCMA
        records.append(_record(at_ms, _ethernet(_ipv4(_udp(rtp)))))
    # pcap: magic, v2.4, GMT offset, accuracy, snap length, link type 1 (Ethernet)
    header = struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1)
    path.write_bytes(header + b"".join(records))
    return dropped


def write_bursty_rtp(path: Path, seconds: float, lumps: tuple[int, ...]) -> None:
    """Write a capture whose packets all arrive, some in lumps: `lumps[i % len]` packets at
    once, sent when the last of them is due (a far end whose sender stalled, then sent what it
    had). The average rate stays one packet per 20 ms."""
    records, n, at_ms, i = [], 0, 0, 0
    total = int(seconds * 1000 / PACKET_MS)
    while n < total:
        at_ms += (lumps[i % len(lumps)] - 1) * PACKET_MS  # the stall before the lump
        for _ in range(lumps[i % len(lumps)]):
            rtp = struct.pack("!BBHII", 0x80, PCMA, n & 0xFFFF, n * SAMPLES, _SSRC) + SILENCE_PCMA
            records.append(_record(at_ms, _ethernet(_ipv4(_udp(rtp)))))
            n += 1
        at_ms += PACKET_MS
        i += 1
    header = struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1)
    path.write_bytes(header + b"".join(records))


def write_drifting_rtp(path: Path, seconds: float, fast_ppm: int) -> None:
    """Write a capture whose sender's clock runs `fast_ppm` parts per million fast: every
    packet still carries 20 ms of audio, but they leave that much more often than every 20 ms."""
    records = []
    interval_us = PACKET_MS * 1000 * (1_000_000 - fast_ppm) / 1_000_000
    for n in range(int(seconds * 1000 / PACKET_MS)):
        rtp = struct.pack("!BBHII", 0x80, PCMA, n & 0xFFFF, n * SAMPLES, _SSRC) + SILENCE_PCMA
        records.append(_record_us(round(n * interval_us), _ethernet(_ipv4(_udp(rtp)))))
    header = struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1)
    path.write_bytes(header + b"".join(records))


def _record(at_ms: int, frame: bytes) -> bytes:
    return _record_us(at_ms * 1000, frame)


def _record_us(at_us: int, frame: bytes) -> bytes:
    seconds, us = divmod(at_us, 1_000_000)
    return struct.pack("<IIII", seconds, us, len(frame), len(frame)) + frame


def _ethernet(packet: bytes) -> bytes:
    return b"\x00\x00\x00\x00\x00\x02" + b"\x00\x00\x00\x00\x00\x01" + b"\x08\x00" + packet


def _ipv4(segment: bytes) -> bytes:
    source, destination = bytes([127, 0, 0, 1]), bytes([127, 0, 0, 1])
    head = struct.pack(
        "!BBHHHBBH4s4s", 0x45, 0, 20 + len(segment), 0, 0, 64, 17, 0, source, destination
    )
    return head[:10] + struct.pack("!H", _checksum(head)) + head[12:] + segment


def _udp(payload: bytes) -> bytes:
    # Checksum 0: "none" in IPv4; SIPp sends the payload from its own socket anyway.
    return struct.pack("!HHHH", 6000, 6000, 8 + len(payload), 0) + payload


def _checksum(data: bytes) -> int:
    total = sum(struct.unpack(f"!{len(data) // 2}H", data))
    while total > 0xFFFF:
        total = (total & 0xFFFF) + (total >> 16)
    return ~total & 0xFFFF
