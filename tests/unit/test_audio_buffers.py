"""The buffers between the sound card and the call: never wait, never grow without bound."""

from __future__ import annotations

import numpy as np
import pytest

from softphone.devices.jitter_buffer import JitterBuffer
from softphone.devices.ring_buffer import RingBuffer


def samples(start: int, count: int) -> np.ndarray:
    return np.arange(start, start + count, dtype=np.int16)


def test_reads_return_what_was_written_in_order_across_the_wrap() -> None:
    ring = RingBuffer(10)
    ring.write(samples(0, 7))
    assert ring.read_exactly(5).tolist() == [0, 1, 2, 3, 4]
    ring.write(samples(7, 6))  # wraps around the end
    assert len(ring) == 8
    assert ring.read_exactly(8).tolist() == list(range(5, 13))
    assert len(ring) == 0


def test_a_short_read_is_padded_with_silence() -> None:
    ring = RingBuffer(10)
    ring.write(samples(1, 3))
    assert ring.read_exactly(5).tolist() == [1, 2, 3, 0, 0]
    assert ring.read_exactly(4).tolist() == [0, 0, 0, 0]


def test_overflow_drops_the_oldest_audio() -> None:
    ring = RingBuffer(5)
    ring.write(samples(0, 4))
    ring.write(samples(4, 3))
    assert ring.dropped == 2
    assert ring.read_exactly(5).tolist() == [2, 3, 4, 5, 6]
    ring.write(samples(100, 12))  # more than fits at once: only the newest stay
    assert ring.read_exactly(5).tolist() == [107, 108, 109, 110, 111]


def test_discard_and_clear() -> None:
    ring = RingBuffer(8)
    ring.write(samples(0, 6))
    assert ring.discard(4) == 4
    assert ring.discard(10) == 2
    ring.write(samples(0, 3))
    ring.clear()
    assert len(ring) == 0


def test_a_ring_needs_room() -> None:
    with pytest.raises(ValueError):
        RingBuffer(0)


def test_the_jitter_buffer_waits_for_its_cushion_before_playing() -> None:
    jitter = JitterBuffer(capacity=3200, prefill=640, high_water=1920)
    jitter.write(samples(1, 320))
    assert not jitter.read(320).any()  # 20 ms buffered: not yet
    jitter.write(samples(321, 320))
    assert jitter.read(320).tolist() == list(range(1, 321))  # 40 ms: go
    assert jitter.read(320).tolist() == list(range(321, 641))


def test_after_running_dry_the_cushion_is_refilled_first() -> None:
    jitter = JitterBuffer(capacity=3200, prefill=640, high_water=1920)
    jitter.write(samples(1, 800))
    jitter.read(320)
    jitter.read(320)
    tail = jitter.read(320)  # only 160 left: play them, then silence
    assert tail[:160].tolist() == list(range(641, 801)) and not tail[160:].any()
    assert jitter.underruns == 1
    jitter.write(samples(1, 320))
    assert not jitter.read(320).any()  # refilling
    jitter.write(samples(321, 320))
    assert jitter.read(320)[0] == 1


def test_delay_cannot_creep_up_when_the_writer_runs_fast() -> None:
    jitter = JitterBuffer(capacity=3200, prefill=640, high_water=1920)
    jitter.write(samples(0, 640))
    jitter.read(320)  # playing
    for n in range(8):
        jitter.write(samples(640 + n * 320, 320))
    assert len(jitter) == 2880
    out = jitter.read(320)
    assert out[0] == 2560  # the oldest were dropped back to the cushion
    assert len(jitter) == 320
    assert jitter.dropped == 2240  # counted, for the call's audio summary
