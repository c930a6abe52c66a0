"""The playout cushion under stalls: what a listener hears when a thread is held up (issue 18).

A writer and a reader exchange 20 ms blocks of a ramp (every sample one more than the last, never
quiet), one block each per 20 ms tick, as PortAudio and pjmedia's clock do. Stalls hold one side
up for a few ticks: a writer then catches up at once (a device hands over its backlog, pjmedia's
clock ticks back to back), a reader that is a sound card does not (its card played a gap). From
what the reader played we count gaps (runs of silence) and skips (audio missing between two
samples heard without silence between them), and follow the delay.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from softphone.devices.jitter_buffer import CALM_READS, JitterBuffer

BLOCK = 320  # 20 ms at 16 kHz
FLOOR = 2 * BLOCK


def call_buffer() -> JitterBuffer:
    """A call's buffer as `CallBuffers` makes it (40 ms floor, a block per gap, ≤ 120 ms)."""
    return JitterBuffer(
        capacity=20 * BLOCK, prefill=FLOOR, high_water=12 * BLOCK,
        step=BLOCK, cap=6 * BLOCK, trim_step=BLOCK // 10,
    )  # fmt: skip


@dataclass
class Line:
    """A ramp through a buffer, tick by tick; what the listener heard and the delay."""

    jitter: JitterBuffer
    quiet_from: int = -1  # from this tick on the talker pauses (quiet blocks)
    written: int = 0
    heard: list[np.ndarray] = field(default_factory=list)
    delays: list[int] = field(default_factory=list)  # samples buffered after each read
    tick: int = 0
    _owed_writes: int = 0

    def _block(self, tick: int) -> np.ndarray:
        start = self.written
        self.written += BLOCK
        if 0 <= self.quiet_from <= tick:
            return np.full(BLOCK, 1, dtype=np.int16)  # a pause: near silence, not zeros
        return (2000 + (np.arange(start, start + BLOCK) % 20000)).astype(np.int16)

    def run(
        self, ticks: int, writer_stalls: frozenset[int] = frozenset(),
        reader_stalls: frozenset[int] = frozenset(),
    ) -> Line:  # fmt: skip
        start, self.tick = self.tick, self.tick + ticks
        for tick in range(start, start + ticks):
            self._owed_writes += 1
            if tick not in writer_stalls:
                for _ in range(self._owed_writes):
                    self.jitter.write(self._block(tick))
                self._owed_writes = 0
            if tick not in reader_stalls:  # a sound card's reader does not catch up: its
                self.heard.append(self.jitter.read(BLOCK))  # card played a gap meanwhile
                self.delays.append(len(self.jitter))
        return self

    def gaps(self) -> int:
        """Runs of exact silence after the audio started."""
        out = np.concatenate(self.heard)
        started = int(np.argmax(out != 0))
        silent = out[started:] == 0
        return int(np.sum(silent[1:] & ~silent[:-1]))

    def skips(self) -> int:
        """Places where the ramp jumps between two samples heard back to back."""
        out = np.concatenate(self.heard).astype(np.int64)
        loud = out >= 2000
        step = np.diff(out)
        jumps = (step != 1) & (step != 1 - 20000) & loud[1:] & loud[:-1]
        return int(np.sum(jumps))


def test_one_stall_costs_one_gap_and_the_delay_comes_back() -> None:
    line = Line(call_buffer()).run(100)
    assert line.gaps() == 0 and line.skips() == 0
    # The microphone's thread held up 100 ms, then its backlog arrives at once.
    line.run(400, writer_stalls=frozenset(range(150, 155)))
    assert line.gaps() == 1
    assert line.skips() == 0
    assert max(line.delays[-100:]) <= line.jitter.target  # not 100 ms more than before


def test_the_same_stall_again_and_again_costs_one_gap_not_a_cascade() -> None:
    line = Line(call_buffer()).run(100)
    stalls = frozenset(t for s in range(150, 1500, 100) for t in range(s, s + 3))
    line.run(1500, writer_stalls=stalls)  # 60 ms every 2 s, 14 times
    assert line.gaps() == 1  # the cushion grew after the first; the rest fit in it
    assert line.skips() == 0
    assert line.jitter.target == FLOOR + BLOCK  # and it stays while the stalls keep coming
    assert max(line.delays[-50:]) <= line.jitter.target  # no more delay than that cushion


def test_a_reader_held_up_leaves_no_standing_delay_once_the_talker_pauses() -> None:
    # The speaker's thread held up 100 ms past its device's buffer: that gap is the device's;
    # ours is the 100 ms that piled up meanwhile, dropped at the next pause, not mid-word.
    line = Line(call_buffer(), quiet_from=300).run(100)
    line.run(200, reader_stalls=frozenset(range(150, 155)))
    assert line.skips() == 0
    assert min(line.delays[-50:]) >= 4 * BLOCK  # still buffered while the talker talks
    line.run(200)
    assert max(line.delays[-50:]) <= line.jitter.target
    assert line.gaps() == 0 and line.skips() == 0


def test_without_a_pause_the_excess_goes_a_few_samples_at_a_time() -> None:
    line = Line(call_buffer()).run(100)
    line.run(1000, reader_stalls=frozenset(range(150, 155)))
    assert max(line.delays[-50:]) <= line.jitter.target
    assert line.gaps() == 0
    assert line.jitter.skips > 10  # in many small steps, not one lump
    assert line.jitter.dropped // line.jitter.skips <= BLOCK // 10


def test_after_a_calm_spell_the_cushion_shrinks_back_to_the_floor() -> None:
    line = Line(call_buffer(), quiet_from=0).run(100)
    line.run(400, writer_stalls=frozenset(range(150, 155)))
    assert line.jitter.target > FLOOR
    line.run(3 * CALM_READS)
    assert line.jitter.target == FLOOR
    assert max(line.delays[-50:]) <= FLOOR
