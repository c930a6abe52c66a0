"""Recordings for the upload tests: real sealed Ogg Vorbis files with journal rows, and a small
stand-in for the center's recordings API (`FakeRecordingsCenter`), used where a test needs the
center to misbehave on cue (drop a piece, fail the checksum once). The same client also runs
against the real center (test_recording_upload.py::test_against_the_real_center)."""

from __future__ import annotations

import hashlib
import json
import os
import re
import threading
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import numpy as np

from softphone.journal import recordings
from softphone.journal.recordings import RecordingRow
from softphone.journal.store import Journal
from softphone.recording.encoder import OggEncoder
from softphone.recording.sealed import SealedWriter

KEY = os.urandom(32)
TOKEN = "agent-token"


def sealed_recording(
    journal: Journal,
    folder: Path,
    seconds: float = 6.0,
    call: str = "call-1",
    remote: str = "sip:+493012345678@pbx.example",
    key: bytes = KEY,
) -> RecordingRow:
    """A two-channel recording of two tones, sealed as the writer does, saved in the journal."""
    recording_id = uuid.uuid4()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{recording_id}.sprec"
    encoder = OggEncoder(SealedWriter(path, key, recording_id), 2, 16000)
    t = np.arange(int(seconds * 16000)) / 16000
    noise = np.random.default_rng(7).normal(0, 0.05, (len(t), 2))  # not trivially compressible
    tones = np.column_stack((np.sin(2 * np.pi * 700 * t), np.sin(2 * np.pi * 1000 * t)))
    samples = (np.clip(0.3 * tones + noise, -1, 1) * 32767).astype(np.int16)
    for start in range(0, len(samples), 320):
        encoder.write(samples[start : start + 320])
        if start % 16000 == 0:
            encoder.seal()
    encoder.close()
    started = datetime.now(timezone.utc)
    recordings.begun(journal, str(recording_id), call, path, started, 2, "ogg", remote)
    recordings.saved(
        journal,
        str(recording_id),
        seconds,
        encoder.sealed.plain_size,
        encoder.sealed.sha256.hexdigest(),
        False,
    )
    row = recordings.find(journal, str(recording_id))
    assert row is not None
    return row


@dataclass
class Held:
    meta: dict[str, Any]
    data: bytearray = field(default_factory=bytearray)
    complete: bool = False


class FakeRecordingsCenter:
    """The recordings protocol of issue 17 (announce, PUT pieces, status), in memory."""

    def __init__(self) -> None:
        self.held: dict[str, Held] = {}
        self.puts: list[tuple[str, int, int]] = []
        self.fail_put_number: int | None = None  # that PUT (1-based) answers 503, once
        self.mismatch_once = False  # the first whole file "fails" its checksum
        self.deletion_requests: list[dict[str, Any]] = []
        self.deletion_asks: list[str] = []
        self._lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self) -> FakeRecordingsCenter:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        center = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def _answer(self, code: int, body: dict[str, Any]) -> None:
                data = json.dumps(body).encode()
                self.send_response(code)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _body(self) -> bytes:
                return self.rfile.read(int(self.headers.get("Content-Length", 0)))

            def _authorised(self) -> bool:
                if self.headers.get("Authorization") != f"Bearer {TOKEN}":
                    self._answer(401, {"detail": "no token"})
                    return False
                return True

            def do_POST(self) -> None:
                body = self._body()
                if self._authorised():
                    with center._lock:
                        self._answer(*center.announce(json.loads(body)))

            def do_PUT(self) -> None:
                body = self._body()
                match = re.fullmatch(r"/api/v1/recordings/([^/]+)/content", self.path)
                if self._authorised() and match:
                    with center._lock:
                        self._answer(*center.piece(match[1], self.headers, body))

            def do_GET(self) -> None:
                if self.path.startswith("/api/v1/deletion-requests") and self._authorised():
                    center.deletion_asks.append(self.path)
                    since = int(self.path.partition("since=")[2] or 0)
                    asked = [r for r in center.deletion_requests if r["id"] > since]
                    self.send_response(200)
                    data = json.dumps(asked).encode()
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                    return
                match = re.fullmatch(r"/api/v1/recordings/([^/]+)/status", self.path)
                if self._authorised() and match:
                    held = center.held[match[1]]
                    self._answer(200, {"received": len(held.data), "complete": held.complete})

        return Handler

    def announce(self, meta: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        known = self.held.get(meta["recording_id"])
        if known is not None:
            return 200, {"received": len(known.data)}
        self.held[meta["recording_id"]] = Held(meta)
        return 201, {"received": 0}

    def piece(self, key: str, headers: Any, body: bytes) -> tuple[int, dict[str, Any]]:
        held = self.held[key]
        start, end, total = map(int, re.findall(r"\d+", headers["Content-Range"]))
        self.puts.append((key, start, end))
        if self.fail_put_number == len(self.puts):
            self.fail_put_number = None
            return 503, {"detail": "the center is busy"}
        if start != len(held.data):
            return 409, {"received": len(held.data)}
        held.data += body
        if len(held.data) == total:
            if self.mismatch_once or hashlib.sha256(held.data).hexdigest() != held.meta["sha256"]:
                self.mismatch_once = False
                held.data.clear()
                return 422, {"detail": "checksum mismatch"}
            held.complete = True
        return 200, {"received": len(held.data), "complete": held.complete}
