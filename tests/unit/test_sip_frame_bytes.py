"""A call's audio frames cross pjsua2's ByteVector in one copy, not one wrapped call per byte.

Every wrapped pjsua2 call lets go of the GIL and queues for it again: walking a 640-byte frame
byte by byte made pjmedia's clock thread 10-30 ms late when the agent's other threads were busy
(issue 18), and the customer heard it. These tests forbid the per-byte walk and check the bytes.
"""

from __future__ import annotations

from collections.abc import Iterator

import pjsua2 as pj
import pytest

from softphone.sip.bridge import FRAME_BYTES, BridgePort
from softphone.sip.frame_bytes import OutgoingFrame, bytes_of, layout_holds

VOICE = bytes((n * 7) % 256 for n in range(FRAME_BYTES))


@pytest.fixture
def no_byte_walk(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Walking a vector element by element (SWIG's iterator, indexing) fails the test."""

    def walked(*_: object) -> None:
        raise AssertionError("a frame was walked byte by byte (one GIL wait per byte)")

    for name in ("__iter__", "__getitem__", "iterator"):
        monkeypatch.setattr(pj.ByteVector, name, walked)
    yield


class Pipe:
    def __init__(self) -> None:
        self.received: list[bytes] = []

    def read_frame(self) -> bytes:
        return VOICE

    def write_frame(self, data: bytes) -> None:
        self.received.append(data)


def test_this_binding_has_the_vector_layout_read_in_one_copy() -> None:
    # Where it would not hold the reads stay correct but slow; here (the wheel we ship) it must.
    assert layout_holds()


def test_a_received_frame_reaches_the_call_in_one_copy(no_byte_walk: None) -> None:
    frame = pj.MediaFrame()
    frame.buf = pj.ByteVector(VOICE)
    frame.size = FRAME_BYTES
    frame.type = pj.PJMEDIA_FRAME_TYPE_AUDIO
    port, pipe = BridgePort(), Pipe()
    port.pipe = pipe
    port.onFrameReceived(frame)
    assert pipe.received == [VOICE]
    assert port._failures == 0


def test_a_heartbeat_without_audio_is_not_played() -> None:
    port, pipe = BridgePort(), Pipe()
    port.pipe = pipe
    port.onFrameReceived(pj.MediaFrame())  # the bridge's NONE frames are empty
    assert pipe.received == []


def test_the_frame_sent_carries_the_agents_audio(no_byte_walk: None) -> None:
    port = BridgePort()
    port.pipe = Pipe()
    frame = pj.MediaFrame()
    frame.size = FRAME_BYTES  # as pjsua2 sets it before asking
    port.onFrameRequested(frame)
    assert frame.type == pj.PJMEDIA_FRAME_TYPE_AUDIO
    assert bytes_of(frame.buf) == VOICE


def test_one_outgoing_vector_is_refilled_for_every_frame() -> None:
    outgoing = OutgoingFrame(FRAME_BYTES)
    first = outgoing.holding(VOICE)
    assert bytes_of(first) == VOICE
    second = outgoing.holding(bytes(FRAME_BYTES))
    assert bytes_of(second) == bytes(FRAME_BYTES)
    assert bytes_of(pj.ByteVector(b"")) == b""
