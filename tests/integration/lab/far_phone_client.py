"""Drives lab/far_phone.py as a subprocess: send commands, wait for its events."""

from __future__ import annotations

import json
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

SCRIPT = Path(__file__).with_name("far_phone.py")


class FarPhone:
    def __init__(
        self,
        workdir: Path,
        registrar: str,
        user: str,
        password: str,
        auto_answer: str = "200",
        tone_hz: float = 0.0,
        record: str = "",
        srtp: str = "off",
        play: str = "",
    ) -> None:
        self.stderr_path = workdir / f"far-{user}-{time.monotonic_ns()}.stderr"
        err = open(self.stderr_path, "wb")  # noqa: SIM115 - the child owns it
        args = [
            sys.executable,
            str(SCRIPT),
            "--registrar",
            registrar,
            "--user",
            user,
            "--password",
            password,
            "--auto-answer",
            auto_answer,
            "--srtp",
            srtp,
        ]
        if tone_hz:
            args += ["--tone-hz", str(tone_hz)]
        if record:
            args += ["--record", record]
        if play:
            args += ["--play", play]
        self.proc = subprocess.Popen(
            args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=err, text=True, bufsize=1
        )
        err.close()
        self.events: list[dict[str, Any]] = []
        self._queue: queue.Queue[dict[str, Any]] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        self.expect("registered", timeout=15)

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            event = json.loads(line)
            self.events.append(event)
            self._queue.put(event)

    def send(self, cmd: str, **fields: Any) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(json.dumps({"cmd": cmd, **fields}) + "\n")
        self.proc.stdin.flush()

    def expect(self, event: str, timeout: float = 10.0, **match: Any) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            try:
                got = self._queue.get(timeout=left)
            except queue.Empty:
                break
            if got["event"] == event and all(got.get(k) == v for k, v in match.items()):
                return got
        raise AssertionError(
            f"far phone: no {event} {match}; seen {self.events[-20:]}; "
            f"stderr: {self.stderr_path.read_text(errors='replace')[-2000:]}"
        )

    def media_status(self) -> str:
        """The far end's own view of the call's audio: active, remote_hold, …"""
        self.send("media_status")
        return str(self.expect("media_status")["audio"])

    def wait_media_status(self, wanted: str, timeout: float = 10.0) -> None:
        deadline = time.monotonic() + timeout
        while (status := self.media_status()) != wanted:
            if time.monotonic() > deadline:
                raise AssertionError(f"far phone audio is {status}, not {wanted}")
            time.sleep(0.2)

    def stop(self) -> None:
        if self.proc.poll() is None:
            try:
                self.send("quit")
                self.proc.wait(15)
            except (OSError, subprocess.TimeoutExpired):
                self.proc.kill()
                self.proc.wait()
