"""The recording policy in force: the profile's [recording] section, overridden by the center.

The center's config (`AgentConfig.recording`, pulled by the sync) wins key by key, as its other
settings do: a supervisor who turns recording on for a group does not depend on each desktop's
file. A value the center sends that this version does not know is ignored, not obeyed halfway.
"""

from __future__ import annotations

import logging
from dataclasses import fields, replace
from pathlib import Path
from typing import Any

import numpy as np

from softphone.config import ConfigError, RecordingSettings, check_recording

log = logging.getLogger(__name__)


def in_force(local: RecordingSettings, center: dict[str, Any] | None) -> RecordingSettings:
    if not center:
        return local
    known = {f.name: f.type for f in fields(RecordingSettings)}
    changes = {k: v for k, v in center.items() if k in known and k != "consent_prompt"}
    try:
        merged = replace(local, **changes)
        check_recording(merged)
    except (ConfigError, TypeError) as exc:
        log.warning("recording: the center's recording settings are not usable: %s", exc)
        return local
    return merged


def prompt_frames(path: str, rate: int, frame_samples: int) -> list[bytes]:
    """The consent prompt as the bridge's 20 ms frames (mono, 16-bit, `rate`); [] without one."""
    if not path:
        return []
    import soundfile as sf  # libsndfile loads with the first prompt, not at start

    try:
        data, file_rate = sf.read(Path(path).expanduser(), dtype="float32", always_2d=True)
    except (OSError, RuntimeError, sf.LibsndfileError) as exc:
        log.warning("recording: the consent prompt %s cannot be read: %s", path, exc)
        return []
    mono = data.mean(axis=1)
    if file_rate != rate and len(mono):
        length = int(len(mono) * rate / file_rate)
        mono = np.interp(np.linspace(0, len(mono) - 1, length), np.arange(len(mono)), mono)
    pcm = (np.clip(mono, -1.0, 1.0) * 32767).astype("<i2")
    pad = (-len(pcm)) % frame_samples
    pcm = np.concatenate((pcm, np.zeros(pad, dtype="<i2")))
    return [pcm[i : i + frame_samples].tobytes() for i in range(0, len(pcm), frame_samples)]
