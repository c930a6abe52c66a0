"""Sample-rate conversion for devices that refuse the call's clock rate (16 kHz).

Most host APIs convert rates themselves (ALSA's plug layer, PulseAudio, WASAPI shared mode,
CoreAudio); a few devices only open at their own rate, typically 44.1 or 48 kHz. For those the
streams are opened at the device's rate and converted here, block by block, with state carried
across blocks so that block edges make no clicks: a short windowed-sinc low-pass when going down
(voice above 8 kHz would otherwise fold back into the band) and linear interpolation.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

LOWPASS_TAPS = 31


def lowpass_taps(cutoff: float, taps: int = LOWPASS_TAPS) -> np.ndarray:
    """A Hamming-windowed sinc low-pass; `cutoff` is a fraction of the sample rate (0..0.5)."""
    n = np.arange(taps) - (taps - 1) / 2
    h = 2 * cutoff * np.sinc(2 * cutoff * n) * np.hamming(taps)
    return np.asarray(h / np.sum(h), dtype=np.float64)


class StreamResampler:
    """Converts a stream of int16 blocks from one rate to another, keeping phase across blocks."""

    def __init__(self, rate_in: int, rate_out: int) -> None:
        if rate_in <= 0 or rate_out <= 0:
            raise ValueError("sample rates must be positive")
        self.rate_in, self.rate_out = rate_in, rate_out
        self._step = rate_in / rate_out  # input samples per output sample
        self._prev = 0.0  # the last input sample of the previous block
        self._pos = 1.0  # next output position, where 0 is `_prev` and 1 the block's first sample
        self._taps: np.ndarray | None = None
        self._history = np.zeros(0)
        if rate_out < rate_in:
            self._taps = lowpass_taps(0.45 * rate_out / rate_in)
            self._history = np.zeros(LOWPASS_TAPS - 1)

    def process(self, block: np.ndarray) -> np.ndarray:
        """The converted samples that this block completes (their count varies by a sample)."""
        if block.size == 0:
            return np.zeros(0, dtype=np.int16)
        x = block.astype(np.float64)
        if self._taps is not None:
            padded = np.concatenate((self._history, x))
            self._history = padded[-(LOWPASS_TAPS - 1) :]
            x = np.convolve(padded, self._taps, mode="valid")
        if self.rate_in == self.rate_out:
            return _to_int16(x)
        n = x.size
        count = int(np.floor((n - self._pos) / self._step)) + 1 if self._pos <= n else 0
        positions = self._pos + self._step * np.arange(count)
        out = np.interp(positions, np.arange(n + 1), np.concatenate(([self._prev], x)))
        self._pos += self._step * count - n
        self._prev = float(x[-1])
        return _to_int16(out)


class PullResampler:
    """Feeds a device's playback callback at the device's rate from a source at the call's rate.

    `pull(count)` must return exactly `count` source samples (silence when it has none); this
    asks it for whole chunks and hands out exactly the number of samples the device wants.
    """

    def __init__(
        self, rate_source: int, rate_device: int, pull: Callable[[int], np.ndarray], chunk: int
    ) -> None:
        self._resampler = StreamResampler(rate_source, rate_device)
        self._pull = pull
        self._chunk = chunk
        self._pending = np.zeros(0, dtype=np.int16)

    def read(self, count: int) -> np.ndarray:
        parts = [self._pending]
        have = self._pending.size
        while have < count:
            converted = self._resampler.process(self._pull(self._chunk))
            parts.append(converted)
            have += converted.size
        joined: np.ndarray = np.concatenate(parts)
        self._pending = joined[count:]
        return joined[:count]


def resample(samples: np.ndarray, rate_in: int, rate_out: int) -> np.ndarray:
    """One-shot conversion of a whole int16 buffer."""
    return StreamResampler(rate_in, rate_out).process(samples)


def _to_int16(x: np.ndarray) -> np.ndarray:
    out: np.ndarray = np.clip(np.rint(x), -32768, 32767).astype(np.int16)
    return out
