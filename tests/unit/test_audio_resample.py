"""Rate conversion for devices that refuse 16 kHz: right pitch, right length, no edge clicks."""

from __future__ import annotations

import numpy as np
import pytest

from softphone.devices.resample import PullResampler, StreamResampler, lowpass_taps, resample


def tone(hz: float, rate: int, seconds: float, amplitude: float = 10000) -> np.ndarray:
    t = np.arange(int(rate * seconds)) / rate
    return np.rint(amplitude * np.sin(2 * np.pi * hz * t)).astype(np.int16)


def dominant_hz(samples: np.ndarray, rate: int) -> float:
    spectrum = np.abs(np.fft.rfft(samples.astype(np.float64) * np.hanning(samples.size)))
    return float(np.argmax(spectrum) * rate / samples.size)


def in_blocks(resampler: StreamResampler, signal: np.ndarray, block: int) -> np.ndarray:
    parts = [resampler.process(signal[i : i + block]) for i in range(0, signal.size, block)]
    return np.concatenate(parts)


@pytest.mark.parametrize(("rate_in", "rate_out"), [(48000, 16000), (44100, 16000), (16000, 48000)])
def test_pitch_and_length_survive_conversion_in_blocks(rate_in: int, rate_out: int) -> None:
    signal = tone(1000, rate_in, 1.0)
    out = in_blocks(StreamResampler(rate_in, rate_out), signal, rate_in // 50)
    assert abs(out.size - rate_out) <= 2
    assert abs(dominant_hz(out, rate_out) - 1000) < 5


def test_block_edges_make_no_clicks() -> None:
    out = in_blocks(StreamResampler(44100, 16000), tone(440, 44100, 0.5), 441)
    steady = out[100:].astype(np.int32)
    # A 440 Hz sine of amplitude 10000 at 16 kHz moves at most ~1730 per sample.
    assert np.max(np.abs(np.diff(steady))) < 1900


def test_going_down_filters_what_would_fold_back() -> None:
    # 12 kHz cannot exist at 16 kHz; without the low-pass it would alias to 4 kHz at full level.
    out = resample(tone(12000, 48000, 0.5), 48000, 16000)
    assert np.sqrt(np.mean(np.square(out[100:].astype(np.float64)))) < 1000


def test_the_low_pass_passes_voice_at_unity_gain() -> None:
    taps = lowpass_taps(0.15)
    assert taps.sum() == pytest.approx(1.0)
    out = resample(tone(1000, 48000, 0.5), 48000, 16000)
    assert np.max(np.abs(out[200:])) == pytest.approx(10000, rel=0.03)


def test_same_rate_is_a_copy() -> None:
    block = tone(700, 16000, 0.02)
    assert np.array_equal(StreamResampler(16000, 16000).process(block), block)


def test_pull_hands_the_device_exactly_what_it_asks_for() -> None:
    source = tone(700, 16000, 1.0)
    pos = [0]

    def pull(count: int) -> np.ndarray:
        chunk = source[pos[0] : pos[0] + count]
        pos[0] += count
        return np.pad(chunk, (0, count - chunk.size))

    puller = PullResampler(16000, 44100, pull, 320)
    blocks = [puller.read(n) for n in (441, 512, 100, 1024) * 20]
    assert [b.size for b in blocks] == [441, 512, 100, 1024] * 20
    out = np.concatenate(blocks)
    assert abs(dominant_hz(out[:40000], 44100) - 700) < 5


def test_rates_must_be_positive() -> None:
    with pytest.raises(ValueError):
        StreamResampler(0, 16000)
