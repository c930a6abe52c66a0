"""Our headless agent as a real subprocess, driven through its JSON-lines contract.

Each agent gets its own profile folder and its own keyring file (keyrings.alt's plaintext
backend, chosen with PYTHON_KEYRING_BACKEND exactly as README tells IT to), and the password is
stored with the real `softphone credentials set` command.
"""

from __future__ import annotations

import contextlib
import json
import os
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

AGENT_CMD = [sys.executable, "-m", "softphone"]
TEST_KEYRING = "keyrings.alt.file.PlaintextKeyring"
READY_S = 60.0
"""Start-up imports (phonenumbers' geodata) took over 20 s on the shared 2-core machine."""


def agent_env(home: Path, extra: dict[str, str] | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "PYTHON_KEYRING_BACKEND": TEST_KEYRING,
            "XDG_DATA_HOME": str(home / "data"),
            "XDG_CONFIG_HOME": str(home / "config"),
            "PYTHONUNBUFFERED": "1",
        }
    )
    env.update(extra or {})
    return env


def write_profile(
    folder: Path,
    sip: dict[str, Any],
    audio: dict[str, str] | None = None,
    **sections: dict[str, Any],
) -> Path:
    """softphone.toml with [sip], [audio] and any other section (central=…, journal=…)."""
    folder.mkdir(parents=True, exist_ok=True)
    lines: list[str] = []
    for name, values in {"sip": sip, "audio": audio or {}, **sections}.items():
        lines += [f"[{name}]", *(f"{key} = {json.dumps(value)}" for key, value in values.items())]
        lines.append("")
    (folder / "softphone.toml").write_text("\n".join(lines), encoding="utf-8")
    return folder


def store_password(folder: Path, password: str, env: dict[str, str], for_: str = "sip") -> None:
    """The password in the profile's keyring, as `softphone credentials set --for …` does."""
    subprocess.run(
        [*AGENT_CMD, "credentials", "set", "--profile", str(folder), "--for", for_],
        input=password + "\n",
        text=True,
        env=env,
        check=True,
        capture_output=True,
        timeout=30,
    )


class AgentProcess:
    """`softphone agent --headless --profile DIR`, its events collected on a reader thread."""

    def __init__(self, folder: Path, env: dict[str, str]) -> None:
        self.folder = folder
        self.env = env
        self.stderr_path = folder / "agent.stderr"
        self._stderr = open(self.stderr_path, "wb")  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen(
            [*AGENT_CMD, "agent", "--headless", "--profile", str(folder)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._stderr,
            env=env,
            text=True,
            bufsize=1,
        )
        self.events: list[dict[str, Any]] = []
        self.raw_lines: list[str] = []
        self._queue: queue.Queue[dict[str, Any]] = queue.Queue()
        self._reading = threading.Event()
        self._reading.set()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self.ready = self.expect("ready", timeout=READY_S)

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self._reading.wait()
            self.raw_lines.append(line)
            event = json.loads(line)  # a non-JSON line on stdout breaks the contract: fail loud
            self.events.append(event)
            self._queue.put(event)

    def pause_reading(self) -> None:
        """Stop reading the agent's stdout, as a stuck controller would (the pipe fills)."""
        self._reading.clear()

    def resume_reading(self) -> None:
        self._reading.set()

    def send(self, cmd: str, **fields: Any) -> None:
        self.send_raw(json.dumps({"cmd": cmd, **fields}))

    def send_raw(self, line: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()

    def send_bytes(self, data: bytes) -> None:
        """Bytes as they are, not UTF-8 text necessarily (a broken controller's)."""
        assert self.proc.stdin is not None
        self.proc.stdin.flush()
        self.proc.stdin.buffer.write(data)
        self.proc.stdin.buffer.flush()

    def expect(self, event: str, timeout: float = 10.0, **match: Any) -> dict[str, Any]:
        """The next event of that name whose fields match; fails listing what was seen."""
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                seen = [e for e in self.events if e.get("event") != "quality"][-30:]
                raise AssertionError(
                    f"no {event} {match} within {timeout}s; seen: {seen}\n"
                    f"stderr tail: {self.stderr_tail()}"
                )
            try:
                got = self._queue.get(timeout=left)
            except queue.Empty:
                continue
            if got.get("event") == event and all(got.get(k) == v for k, v in match.items()):
                return got

    def expect_first(self, events: tuple[str, ...], timeout: float = 10.0) -> dict[str, Any]:
        """The next event whose name is one of `events` (e.g. a call's first state or an error)."""
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            try:
                got = self._queue.get(timeout=left)
            except queue.Empty:
                break
            if got.get("event") in events:
                return got
        raise AssertionError(f"none of {events} within {timeout}s; seen: {self.events[-20:]}")

    def seen(self, event: str, timeout: float = 10.0, **match: Any) -> dict[str, Any]:
        """An event of that name with those fields, seen at any time (even one an earlier
        `expect` skipped over); waits for it up to `timeout`."""
        deadline = time.monotonic() + timeout
        while True:
            for got in list(self.events):
                if got.get("event") == event and all(got.get(k) == v for k, v in match.items()):
                    return got
            if time.monotonic() > deadline:
                raise AssertionError(f"never saw {event} {match}: {self.events[-20:]}")
            time.sleep(0.05)

    def stderr_tail(self, chars: int = 3000) -> str:
        if not self._stderr.closed:
            self._stderr.flush()
        return self.stderr_path.read_text(errors="replace")[-chars:]

    def stop(self, timeout: float = 20.0) -> int:
        """Quit (or close stdin), wait, and return the exit code; kill if it hangs."""
        self.resume_reading()
        if self.proc.poll() is None:
            with contextlib.suppress(BrokenPipeError, OSError):
                self.send("quit")
        try:
            code = self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            tail = self.stderr_tail()
            raise AssertionError(f"agent did not exit in {timeout}s: {tail}") from None
        self._reader.join(5)
        self._stderr.close()
        return code

    def __enter__(self) -> AgentProcess:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.proc.poll() is None:
            self.stop()
