"""How much audio to keep buffered between two clocks: an adaptive playout cushion.

The sound card's clock and pjmedia's never agree, blocks arrive in bursts, and either thread can
be held up for tens of milliseconds when the GIL is busy. The reader plays from a ring once a
`target` cushion is buffered. The policy (the classic adaptive playout delay of VoIP receivers)
keeps one stall from costing more than one gap, and the delay from creeping up:

- Ran dry: the listener hears a gap; the cushion grows by a `step` (up to `cap`) so that the
  same stall does not run it dry again, and shrinks back a step towards the `floor` after a calm
  spell (`CALM_READS`) in which a step less would not have run dry either.
- Playing again after a gap: whatever piled up beyond the cushion while the listener heard the
  gap (a writer's backlog arriving in a burst) is dropped right there, adjoining the gap, so the
  delay is back to the cushion with no second glitch. The same when the device lost audio
  itself (`resync`: PortAudio's output underflow, or a playback callback later than the card's
  buffer lasts).
- A cushion standing higher than needed for a whole window of reads (a reader that stalled, two
  clocks drifting, a cushion that shrank) is trimmed where it is not heard: in a quiet block
  (a pause between words). With no pause for `PATIENCE_READS`, a few samples per block
  (`trim_step`), never a lump.
- Past `high_water` (a device gone for a long while) the excess is dropped at once.
"""

from __future__ import annotations

import numpy as np

from softphone.devices.ring_buffer import RingBuffer

QUIET_PEAK = 1000  # a block whose loudest sample is below this (≈ -30 dBFS) is a pause
WINDOW_READS = 50  # a standing excess is judged on the lowest level over this many reads
CALM_READS = 750  # reads without a gap before the cushion shrinks a step (15 s of 20 ms)
PATIENCE_READS = 250  # reads waiting for a pause before trimming inside speech (5 s)


class JitterBuffer:
    """A ring read in fixed-size pieces by a clock that is not the writer's (see module)."""

    def __init__(
        self,
        capacity: int,
        prefill: int,
        high_water: int,
        step: int = 0,
        cap: int = 0,
        trim_step: int = 0,
    ) -> None:
        self.ring = RingBuffer(capacity)
        self.floor = min(prefill, capacity)
        self.high_water = min(max(high_water, self.floor), capacity)
        self.step = step
        self.cap = min(max(cap, self.floor), self.high_water)
        self.trim_step = trim_step
        self.target = self.floor  # the cushion now
        self._priming = True
        self._calm = 0
        self._calm_low = capacity  # the lowest level over the calm spell
        self._window_low = capacity
        self._window_reads = 0
        self._excess = 0  # samples to trim where it is not heard
        self._waited = 0  # reads the excess has waited for a pause
        self._resync = False
        self.underruns = 0  # times the reader found it dry (a gap the listener hears)
        self.dropped = 0  # samples thrown away apart from gaps (a skip they may hear)
        self.skips = 0  # how many times audio was thrown away apart from a gap
        self.hidden = 0  # samples thrown away adjoining a gap (not heard as a second glitch)
        self.level_sum = 0  # buffered samples at each read, summed: the mean cushion
        self.reads = 0

    @property
    def prefill(self) -> int:
        return self.target

    def __len__(self) -> int:
        return len(self.ring)

    def write(self, samples: np.ndarray) -> None:
        self.ring.write(samples)

    def resync(self) -> None:
        """The device lost audio on its own (a gap already heard): pull the delay back to the
        cushion at the next read, adjoining that gap."""
        self._resync = True

    def read(self, count: int) -> np.ndarray:
        """Exactly `count` samples; silence while (re)filling."""
        have = len(self.ring)
        self.reads += 1
        self.level_sum += have
        if self._priming:
            if have < max(self.target, count):
                return np.zeros(count, dtype=np.int16)
            self._priming = False
            self._resync = True  # the backlog beyond the cushion goes with the gap
        if self._resync:
            self._resync = False
            backlog = have - max(self.target, count)
            if backlog > count:  # within a block of the cushion is just the blocks' phase
                self.hidden += self.ring.discard(backlog)
            self._restart_window()
        elif have > self.high_water:
            self._skip(have - max(self.target, count))
        elif have < count:
            return self._ran_dry(count)
        else:
            self._follow(have, count)
        return self.ring.read_exactly(count)

    def clear(self) -> None:
        self.ring.clear()
        self._priming = True

    def set_floor(self, samples: int) -> None:
        """A new least cushion, from the next read on (the reader's clock changed: a reader
        that comes right after each write needs none)."""
        self.floor = min(samples, self.ring.capacity)
        self.target = self.floor
        self._priming = True
        self._calm, self._calm_low = 0, self.ring.capacity
        self._restart_window()

    def mean_level(self) -> float:
        """The mean number of samples buffered when the reader came (the delay it adds)."""
        return self.level_sum / self.reads if self.reads else 0.0

    # --- the policy -------------------------------------------------------------------------

    def _ran_dry(self, count: int) -> np.ndarray:
        self.underruns += 1
        self._priming = True  # play what is left, then wait for the (larger) cushion
        if self.step:
            self.target = min(self.target + self.step, self.cap)
        self._calm, self._calm_low = 0, self.ring.capacity
        self._restart_window()
        return self.ring.read_exactly(count)

    def _follow(self, have: int, count: int) -> None:
        """A normal read: shrink the cushion after a calm spell, trim a standing excess."""
        self._calm += 1
        self._calm_low = min(self._calm_low, have)
        if self._calm >= CALM_READS:
            # Shrink only if a step less would not have run dry over the spell (stalls that keep
            # coming stay covered).
            if self.step and self.target > self.floor and self._calm_low - self.step >= count:
                self.target = max(self.floor, self.target - self.step)
            self._calm, self._calm_low = 0, self.ring.capacity
        self._window_low = min(self._window_low, have)
        self._window_reads += 1
        if self._window_reads >= WINDOW_READS:
            # More than a block above the cushion even at its lowest: not needed.
            standing = self._window_low - max(self.target, count)
            self._excess = standing if standing > count else 0
            self._window_low, self._window_reads = self.ring.capacity, 0
        if self._excess > 0:
            self._trim(count)

    def _trim(self, count: int) -> None:
        self._waited += 1
        if self.ring.peek_peak(count + self._excess) < QUIET_PEAK:
            amount = self._excess  # a pause: nobody hears it go
        elif self._waited >= PATIENCE_READS and self.trim_step:
            amount = min(self._excess, self.trim_step)
        else:
            return
        self._skip(amount)
        self._excess -= amount
        if self._excess <= 0:
            self._waited = 0

    def _skip(self, amount: int) -> None:
        gone = self.ring.discard(amount)
        if gone:
            self.dropped += gone
            self.skips += 1

    def _restart_window(self) -> None:
        self._window_low = self.ring.capacity
        self._window_reads = 0
        self._excess = 0
        self._waited = 0
