"""Asking the sound server (PulseAudio, or PipeWire's pulse server) through `pactl`.

One place runs the tool and reads its JSON, so the stream watch and the readiness checks agree on
what "the server did not answer" means: None, never an exception.
"""

from __future__ import annotations

import json
import logging
import subprocess
from typing import Any

log = logging.getLogger(__name__)

TIMEOUT_S = 3.0


def run(pactl: str | None, *args: str, timeout_s: float = TIMEOUT_S) -> str | None:
    """`pactl ARGS`' output, or None when the tool is absent, fails or does not answer in time."""
    if pactl is None:
        return None
    try:
        done = subprocess.run(
            [pactl, *args], capture_output=True, text=True, timeout=timeout_s, check=False
        )
    except (OSError, subprocess.SubprocessError) as exc:
        log.debug("pactl did not answer: %s", exc)
        return None
    return done.stdout if done.returncode == 0 else None


def json_entries(text: str) -> list[Any]:
    """The entries of a `pactl -f json list …` answer; [] for anything that is not a JSON list."""
    try:
        entries = json.loads(text) if text.strip() else []
    except json.JSONDecodeError:
        return []
    return entries if isinstance(entries, list) else []
