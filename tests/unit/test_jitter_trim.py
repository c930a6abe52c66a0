"""When the customer's jitter buffer loses a frame: only after it has stood full for seconds
(drift, or a stalled far end's backlog), never for a moment's fill that the next ticks play.

pjmedia's stream is stood in for by a fake with its fill in frames (a real stream needs a call:
tests/integration/test_rtp_jitter.py drives one with a fast and a lumpy caller)."""

from __future__ import annotations

import ctypes
import itertools
from typing import Any

from softphone.sip.jitter_trim import CUSHION_MS, GAP_S, STANDING_S, JitterTrim

CALL = (0, 0)
FRAME_MS = 10.0  # G.711: 10 ms frames in the buffer, two to a 20 ms packet
PACKET_MS = 20.0
CHECK_S = 0.1


class FakeStream:
    """pjmedia's three functions the trimmer calls, over one stream whose fill we set."""

    def __init__(self) -> None:
        self.frames = 0
        self.pulled = 0

    def pjmedia_stream_get_port(self, stream: int, port: Any) -> int:
        port._obj.value = 0x1234
        return 0

    def pjmedia_stream_get_stat_jbuf(self, stream: int, state: Any) -> int:
        state._obj.size = self.frames
        return 0

    def pjmedia_port_get_frame(self, port: int, frame: Any) -> int:
        assert port == 0x1234
        self.pulled += 1
        self.frames -= int(PACKET_MS / FRAME_MS)
        return 0


def watched(stream: FakeStream) -> JitterTrim:
    trim = JitterTrim()
    trim._lib = stream
    trim.watch(CALL, 0xBEEF, FRAME_MS)
    return trim


def run(trim: JitterTrim, stream: FakeStream, seconds: float, fill_ms: Any, start: float = 0.0):
    """Media-clock checks every 100 ms, a tick (and its pull) after each; `fill_ms(t)`: what
    the network has put in the buffer by then, less what was pulled."""
    t = start
    while t < start + seconds:
        stream.frames = int(fill_ms(t) / FRAME_MS) - stream.pulled * int(PACKET_MS / FRAME_MS)
        trim.look(t)
        trim.pull_due()
        t = round(t + CHECK_S, 3)
    return t


def test_a_buffer_that_stands_full_for_seconds_loses_packets_down_to_its_cushion() -> None:
    stream = FakeStream()
    trim = watched(stream)
    run(trim, stream, STANDING_S - 0.1, lambda t: CUSHION_MS + 40)
    assert stream.pulled == 0, "trimmed before it had stood full for long"
    run(trim, stream, 1.0, lambda t: CUSHION_MS + 40, start=STANDING_S - 0.1)
    assert stream.pulled == 2
    assert stream.frames * FRAME_MS == CUSHION_MS, "the customer's voice is 40 ms earlier"


def test_a_buffer_that_dips_now_and_then_is_never_trimmed() -> None:
    # A lumpy far end: full most of the time, nearly empty once every two seconds.
    stream = FakeStream()
    trim = watched(stream)
    run(trim, stream, 30.0, lambda t: 10 if (t % 2.0) < 0.1 else 200)
    assert stream.pulled == 0


def test_a_stalled_far_ends_backlog_drains_a_packet_at_a_time_down_to_the_cushion() -> None:
    stream = FakeStream()
    trim = watched(stream)
    run(trim, stream, STANDING_S + 3.0, lambda t: 300)
    assert stream.pulled == (300 - CUSHION_MS) // PACKET_MS
    assert CUSHION_MS - PACKET_MS < stream.frames * FRAME_MS <= CUSHION_MS
    assert len(trim_times(300)) == stream.pulled


def trim_times(fill_ms: float) -> list[float]:
    """When each packet went, for a buffer standing at `fill_ms` from the start."""
    stream, times = FakeStream(), []
    trim = watched(stream)
    t = 0.0
    while t < STANDING_S + 5.0:
        stream.frames = int(fill_ms / FRAME_MS) - stream.pulled * int(PACKET_MS / FRAME_MS)
        trim.look(t)
        before = stream.pulled
        trim.pull_due()
        if stream.pulled > before:
            times.append(t)
        t = round(t + CHECK_S, 3)
    return times


def test_trims_come_no_closer_than_the_gap() -> None:
    times = trim_times(400)
    assert times[0] >= STANDING_S
    assert all(b - a >= GAP_S - 1e-9 for a, b in itertools.pairwise(times))


def test_a_forgotten_stream_is_never_touched_again() -> None:
    stream = FakeStream()
    trim = watched(stream)
    run(trim, stream, STANDING_S - 0.1, lambda t: 300)
    trim.look(STANDING_S)  # due now
    assert trim.forget(CALL) == 0
    trim.pull_due()
    assert stream.pulled == 0


def test_the_fill_is_read_as_pjmedia_lays_it_out() -> None:
    from softphone.sip import pj_native

    state = pj_native.JitterState()
    assert ctypes.sizeof(state) == 15 * ctypes.sizeof(ctypes.c_uint)
    assert pj_native.JitterState.size.offset == 6 * ctypes.sizeof(ctypes.c_uint)
