"""Test signals for the voice-cleaning tests: speech-like sound, talk spurts, babble-free noise."""

from __future__ import annotations

import numpy as np

RATE = 16000


def speech_like(seconds: float, level_dbfs: float = -16.0, seed: int = 7) -> np.ndarray:
    """Syllable-rate bursts (≈ 4 Hz) of a gliding voiced sound with noise in it: varied in time
    and spectrum like speech, so an echo canceller has something real to converge on."""
    rng = np.random.default_rng(seed)
    t = np.arange(int(RATE * seconds)) / RATE
    pitch = 140 + 40 * np.sin(2 * np.pi * 0.7 * t) + 20 * np.sin(2 * np.pi * 2.3 * t)
    phase = 2 * np.pi * np.cumsum(pitch) / RATE
    voiced = sum(np.sin(k * phase) / k for k in range(1, 12))
    syllables = np.clip(np.sin(2 * np.pi * 3.7 * t + 2 * np.sin(2 * np.pi * 0.9 * t)), 0, None)
    signal = (voiced + 0.3 * rng.standard_normal(t.size)) * syllables
    return scaled(signal, level_dbfs)


def talk_spurts(hz: float, seconds: float, level_dbfs: float, on_s: float = 0.4) -> np.ndarray:
    """A tone that comes and goes like words (on, then off for as long): a noise suppressor must
    not take it for noise, as it could a steady tone."""
    t = np.arange(int(RATE * seconds)) / RATE
    gate = (np.floor(t / on_s) % 2 == 0).astype(np.float64)
    return scaled(np.sin(2 * np.pi * hz * t) * gate, level_dbfs, gated=gate)


def white_noise(seconds: float, level_dbfs: float, seed: int = 3) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return scaled(rng.standard_normal(int(RATE * seconds)), level_dbfs)


def scaled(signal: np.ndarray, level_dbfs: float, gated: np.ndarray | None = None) -> np.ndarray:
    """`signal` at `level_dbfs` RMS (measured where `gated` is on), as int16."""
    active = signal[gated > 0] if gated is not None else signal
    rms = float(np.sqrt(np.mean(np.square(active))))
    target = 32767 * 10 ** (level_dbfs / 20)
    return np.clip(np.rint(signal * target / rms), -32768, 32767).astype(np.int16)
