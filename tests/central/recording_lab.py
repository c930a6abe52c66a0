"""Helpers of the recording tests: a recording's bytes and metadata, and the device's side of
the upload protocol (announce, send pieces from where the center stands)."""

from __future__ import annotations

import hashlib
import os
import uuid
from datetime import datetime, timezone
from typing import Any

import httpx


def audio_bytes(size: int) -> bytes:
    """Bytes like a compressed file's: random, NULs included (the guard must let them pass)."""
    return os.urandom(size // 2) + b"\x00" * 64 + os.urandom(size - size // 2 - 64)


def announcement(
    data: bytes, call_key: str = "c1", started_at: datetime | None = None, fmt: str = "flac"
) -> dict[str, Any]:
    return {
        "recording_id": str(uuid.uuid4()),
        "call_key": call_key,
        "started_at": (started_at or datetime.now(timezone.utc)).isoformat(),
        "duration_s": 12.5,
        "channels": 2,
        "format": fmt,
        "size": len(data),
        "sha256": hashlib.sha256(data).hexdigest(),
        "incomplete": False,
    }


def put_piece(agent: httpx.Client, key: str, data: bytes, start: int, end: int) -> httpx.Response:
    """Bytes start..end (inclusive) of `data`."""
    return agent.put(
        f"/recordings/{key}/content",
        content=data[start : end + 1],
        headers={
            "Content-Range": f"bytes {start}-{end}/{len(data)}",
            "Content-Type": "application/octet-stream",
        },
    )


def upload(agent: httpx.Client, meta: dict[str, Any], data: bytes, piece: int = 64 * 1024) -> None:
    """The whole file, announced first, from wherever the center stands."""
    answer = agent.post("/recordings", json=meta)
    assert answer.status_code in (200, 201), answer.text
    start = answer.json()["received"]
    while start < len(data):
        end = min(start + piece, len(data)) - 1
        sent = put_piece(agent, meta["recording_id"], data, start, end)
        assert sent.status_code == 200, sent.text
        start = sent.json()["received"]


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
