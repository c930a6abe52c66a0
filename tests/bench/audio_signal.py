"""The signals of the audio-path benchmark and what it reads from them: click trains → per-click
delays (mouth channel vs ear channel of one recording), tones → glitches.

A glitch is a frame dropped, inserted or replaced by silence/concealment somewhere on the path.
It shows on a tone as a jump of its phase (a dropped or inserted 10 ms at 1025 Hz turns the
phase by 90°, 20 ms by 180°) or a dip of its level, in 5 ms blocks of the ear's signal
demodulated at the tone's frequency. A slow phase drift (two clocks a little apart) is not a
glitch; an abrupt change between neighbouring blocks is.

The tone hops between two frequencies every `HOP_S` (`hopping_tone`). A steady tone is what a
noise suppressor is built to remove — WebRTC's lowers one by 6–19 dB within seconds, each step
of its gain read as a glitch — while a hopping one is, in each frequency band, present half the
time, as a voice is: the agent's voice cleaning passes it within a dB
(tests/bench/test_audio_path_smoke.py). Each frequency is demodulated against the absolute time,
so its phase stays put across the other's segments, and a slip anywhere turns it.
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
HOP_S = 0.15  # each of a hopping tone's two frequencies sounds this long in turn
FADE_S = 0.03  # the cross-fade at each hop
DOMINANT = 4.0  # a block is one frequency's when its level is this many times the other's
SETTLED_BLOCKS = 4  # blocks into a segment before its level is judged (20 ms)


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


def hopping_tone(pair: tuple[float, float], seconds: float, level: float = 0.3) -> np.ndarray:
    """`pair[0]` and `pair[1]` in turn, `HOP_S` each; each keeps the phase of its own sine."""
    t = np.arange(int(seconds * RATE)) / RATE
    # The weight of the first frequency: 1 in its segments, 0 in the other's, a raised cosine
    # over FADE_S at each hop (at an abrupt one a noise suppressor dips the new band 10 ms).
    into = (t % HOP_S) / FADE_S
    ramp = 0.5 - 0.5 * np.cos(np.pi * np.clip(into, 0.0, 1.0))
    first_segment = (t // HOP_S).astype(np.int64) % 2 == 0
    weight = np.where(first_segment, ramp, 1.0 - ramp)
    wave = weight * np.sin(2 * np.pi * pair[0] * t) + (1 - weight) * np.sin(2 * np.pi * pair[1] * t)
    return np.rint(level * 32767 * wave).astype(np.int16)


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
    return _starts(flagged)


def hop_glitch_times_s(
    ear: np.ndarray, pair: tuple[float, float], level_dip: float = LEVEL_DIP
) -> list[float]:
    """When each glitch of a `hopping_tone` starts, in seconds from the start of `ear`.

    A block belongs to the frequency that dominates it and its neighbours; the blocks at each
    hop, which hold part of both, are neither's. A block is flagged when its frequency's phase
    has turned since that frequency's last block (the one before, or the last of its previous
    segment), or when it has gone nearly silent (`DROP_DIP` of the median power). Its level
    below `level_dip` of the frequency's median counts only `SETTLED_BLOCKS` into a segment: a
    noise suppressor lets a band that was quiet for a segment in over 10–20 ms, as it does a
    voice's onsets. A slip turns both frequencies; the one heard next is re-based, not flagged
    again."""
    n = int(BLOCK_S * RATE)
    blocks = ear.size // n
    if blocks < 3:
        return []
    t = np.arange(blocks * n) / RATE
    samples = ear[: blocks * n].astype(np.float64)
    z = np.stack([(samples * np.exp(-2j * np.pi * hz * t)).reshape(blocks, n).mean(axis=1)
                  for hz in pair])  # fmt: skip
    owner, clean, settled = _segments(np.abs(z))
    ours = z[owner, np.arange(blocks)]
    medians = [_median(np.abs(ours[settled & (owner == k)])) for k in (0, 1)]
    power = np.sqrt((samples.reshape(blocks, n) ** 2).mean(axis=1))
    flagged = power < DROP_DIP * float(np.median(power))
    last: list[complex | None] = [None, None]
    for index in np.flatnonzero(clean | flagged):
        if flagged[index]:  # gone silent: whatever follows is measured afresh
            last = [None, None]
            continue
        k, here = int(owner[index]), complex(ours[index])
        if settled[index] and abs(here) < level_dip * medians[k]:
            flagged[index] = True
        before = last[k]
        if before is not None and _turned(here, before):
            flagged[index] = True
            last[1 - k] = None
        last[k] = here
    return _starts(flagged)


def _segments(level: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per block of a hopping tone's two levels: which frequency it belongs to, whether it is
    clean (that frequency dominates it and both neighbours) and settled (that many blocks on)."""
    owner = np.where(level[0] >= level[1], 0, 1)
    index = np.arange(level.shape[1])
    dominant = level[owner, index] >= DOMINANT * level[1 - owner, index]
    clean = dominant.copy()
    clean[1:] &= dominant[:-1] & (owner[1:] == owner[:-1])
    clean[:-1] &= dominant[1:] & (owner[:-1] == owner[1:])
    settled = clean.copy()
    run = 0
    for i, ok in enumerate(dominant):
        run = run + 1 if ok and (i == 0 or owner[i] == owner[i - 1]) else 0
        settled[i] &= run > SETTLED_BLOCKS
    return owner, clean, settled


def _median(levels: np.ndarray) -> float:
    return float(np.median(levels)) if levels.size else 0.0


def _turned(here: complex, before: complex) -> bool:
    return bool(np.degrees(abs(np.angle(here * before.conjugate()))) > PHASE_JUMP_DEG)


def _starts(flagged: np.ndarray) -> list[float]:
    starts: list[float] = []
    last = -GLITCH_GAP_BLOCKS
    for index in np.flatnonzero(flagged):
        if index - last >= GLITCH_GAP_BLOCKS:
            starts.append(float(index * BLOCK_S))
        last = int(index)
    return starts
