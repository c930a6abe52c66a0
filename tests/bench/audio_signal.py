"""The signals of the audio-path benchmark and what it reads from them: click trains → per-click
delays (mouth channel vs ear channel of one recording), steady tones → glitches.

A glitch is a frame dropped, inserted or replaced by silence/concealment somewhere on the path.
It shows on a steady tone as a jump of its phase (a dropped or inserted 10 ms at 1025 Hz turns
the phase by 90°, 20 ms by 180°) or a dip of its level, in 5 ms blocks of the ear's signal
demodulated at the tone's frequency. A slow phase drift (two clocks a little apart) is not a
glitch; an abrupt change between neighbouring blocks is.
"""

from __future__ import annotations

import numpy as np

RATE = 48000  # the airs' own rate: no resampling between mouth and ear in the recording
CLICK_S = 0.005
BLOCK_S = 0.005
PHASE_JUMP_DEG = 25.0
LEVEL_DIP = 0.5  # a block below half the median level
# A frame gone silent or concealed, not just quieter: a noise suppressor lowering a steady tone
# (it takes one for noise) dips its level too, but neither turns its phase nor silences it.
DROP_DIP = 0.1
GLITCH_GAP_BLOCKS = 4  # flagged blocks closer than this are one glitch


def click_train(clicks: int, spacing_s: float, hz: float) -> np.ndarray:
    """Hann-windowed tone bursts (a pure impulse would not survive G.711 and resampling)."""
    n = int(CLICK_S * RATE)
    burst = 0.5 * 32767 * np.hanning(n) * np.sin(2 * np.pi * hz * np.arange(n) / RATE)
    train = np.zeros(int((clicks * spacing_s + 0.5) * RATE))
    for k in range(clicks):
        start = int((0.25 + k * spacing_s) * RATE)
        train[start : start + n] = burst
    return np.rint(train).astype(np.int16)


def steady_tone(hz: float, seconds: float, level: float = 0.3) -> np.ndarray:
    t = np.arange(int(seconds * RATE)) / RATE
    return np.rint(level * 32767 * np.sin(2 * np.pi * hz * t)).astype(np.int16)


def click_delays_ms(stereo: np.ndarray, spacing_s: float) -> tuple[list[float], int]:
    """Per click found in the mouth (left): its delay to the ear (right); and the clicks lost."""
    mouth = stereo[:, 0].astype(np.float64)
    ear = stereo[:, 1].astype(np.float64)
    n = int(CLICK_S * RATE)
    window = int(spacing_s * RATE * 0.9)
    delays: list[float] = []
    lost = 0
    for start in click_onsets(mouth, spacing_s):
        ref = mouth[start : start + n]
        seg = ear[start : start + window + n]
        if seg.size < window + n:
            lost += 1
            continue
        corr = np.correlate(seg, ref, mode="valid")
        lag = int(np.argmax(np.abs(corr)))
        match = np.linalg.norm(ref) * np.linalg.norm(seg[lag : lag + n]) + 1.0
        if abs(corr[lag]) / match < 0.7:  # nothing click-shaped in the ear within the window
            lost += 1
            continue
        delays.append(1000 * lag / RATE)
    return delays, lost


def click_onsets(mouth: np.ndarray, spacing_s: float) -> list[int]:
    threshold = 0.3 * float(np.max(np.abs(mouth)) or 1.0)
    onsets: list[int] = []
    for index in np.flatnonzero(np.abs(mouth) > threshold):
        if not onsets or index - onsets[-1] > spacing_s * RATE / 2:
            onsets.append(int(index))
    # back up to the burst's start so that the reference holds the whole click
    half = int(CLICK_S * RATE / 2)
    return [max(0, i - half) for i in onsets]


def glitches(ear: np.ndarray, hz: float) -> int:
    """Abrupt phase jumps or level dips of a steady tone (see the module docstring)."""
    return len(glitch_times_s(ear, hz))


def glitch_times_s(ear: np.ndarray, hz: float, level_dip: float = LEVEL_DIP) -> list[float]:
    """When each glitch starts, in seconds from the start of `ear`; a dip is a block below
    `level_dip` of the median level."""
    n = int(BLOCK_S * RATE)
    blocks = ear.size // n
    if blocks < 3:
        return []
    t = np.arange(blocks * n) / RATE
    base = (ear[: blocks * n].astype(np.float64) * np.exp(-2j * np.pi * hz * t)).reshape(blocks, n)
    z = base.mean(axis=1)
    level = np.abs(z)
    jump = np.degrees(np.abs(np.angle(z[1:] * np.conj(z[:-1]))))
    flagged = np.zeros(blocks, dtype=bool)
    flagged[1:] |= jump > PHASE_JUMP_DEG
    flagged |= level < level_dip * float(np.median(level))
    starts: list[float] = []
    last = -GLITCH_GAP_BLOCKS
    for index in np.flatnonzero(flagged):
        if index - last >= GLITCH_GAP_BLOCKS:
            starts.append(float(index * BLOCK_S))
        last = int(index)
    return starts
