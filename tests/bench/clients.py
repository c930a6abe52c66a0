"""The three SIP clients the benchmark compares, each behind one small driver:
our headless agent, a raw pjsua2 script (tests/integration/lab/far_phone.py) and baresip.

Each driver starts its client registered at the lab's Kamailio, and reports, in time.time()
seconds: when the client said it was registered, when it said a call came in; and it can ask
the client to dial. The wire side of each figure comes from the packet capture.
"""

from __future__ import annotations

import contextlib
import json
import queue
import subprocess
import sys
import threading
import time
from datetime import datetime
from pathlib import Path
from typing import Any

from tests.integration.lab.tools import free_port, require_tool
from tests.integration.peers.agent_process import agent_env, store_password, write_profile

FAR_PHONE = Path(__file__).resolve().parents[1] / "integration" / "lab" / "far_phone.py"


def _iso_to_epoch(ts: str) -> float:
    return datetime.fromisoformat(ts.replace("Z", "+00:00")).timestamp()


class LineClient:
    """A subprocess whose stdout lines are stamped with time.time() as they arrive."""

    def __init__(
        self, args: list[str], env: dict[str, str] | None = None, cwd: Path | None = None
    ) -> None:
        self.proc = subprocess.Popen(
            args,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            bufsize=1,
            env=env,
            cwd=cwd,
        )
        self.lines: queue.Queue[tuple[float, str]] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.put((time.time(), line))

    def wait_line(self, needle: str, timeout: float = 15.0) -> tuple[float, str]:
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            try:
                stamp, line = self.lines.get(timeout=left)
            except queue.Empty:
                break
            if needle in line:
                return stamp, line
        raise TimeoutError(f"no line with {needle!r}")

    def write(self, text: str) -> float:
        assert self.proc.stdin is not None
        stamp = time.time()
        self.proc.stdin.write(text)
        self.proc.stdin.flush()
        return stamp

    def stop(self) -> None:
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.proc.wait(5)  # a client asked to quit unregisters first: let it
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


class OurAgent:
    name = "ours (headless agent)"

    def __init__(self, workdir: Path, server: str, user: str, password: str) -> None:
        home = workdir / f"home-{user}-{time.monotonic_ns()}"
        folder = write_profile(
            home / "profile", {"server": server, "user": user, "register_expires_s": 300}
        )
        env = agent_env(home, {"SOFTPHONE_LOG": "WARNING"})
        store_password(folder, password, env)
        self.client = LineClient(
            [sys.executable, "-m", "softphone", "agent", "--headless", "--profile", str(folder)],
            env=env,
        )

    def registered_at(self) -> float:
        return _iso_to_epoch(json.loads(self.client.wait_line('"registered"')[1])["ts"])

    def incoming_at(self) -> float:
        event = json.loads(self.client.wait_line('"incoming"')[1])
        self.client.write(json.dumps({"cmd": "reject", "call": event["call"]}) + "\n")
        return _iso_to_epoch(event["ts"])

    def dial(self, target: str) -> float:
        return self.client.write(json.dumps({"cmd": "dial", "number": target}) + "\n")

    @property
    def pid(self) -> int:
        return self.client.proc.pid

    def stop(self) -> None:
        self.client.write('{"cmd":"quit"}\n')
        self.client.stop()


class RawPjsua2:
    name = "raw pjsua2 script"

    def __init__(self, workdir: Path, server: str, user: str, password: str) -> None:
        self.client = LineClient(
            [
                sys.executable,
                str(FAR_PHONE),
                "--registrar",
                server,
                "--user",
                user,
                "--password",
                password,
                "--auto-answer",
                "486",
            ]
        )

    def registered_at(self) -> float:
        return float(json.loads(self.client.wait_line('"registered"')[1])["t"])

    def incoming_at(self) -> float:
        return float(json.loads(self.client.wait_line('"incoming"')[1])["t"])

    def dial(self, target: str) -> float:
        return self.client.write(json.dumps({"cmd": "call", "to": target}) + "\n")

    @property
    def pid(self) -> int:
        return self.client.proc.pid

    def stop(self) -> None:
        self.client.write('{"cmd":"quit"}\n')
        self.client.stop()


BARESIP_CONFIG = """poll_method epoll
sip_listen 127.0.0.1:{port}
audio_player aufile,/dev/null
audio_source aufile,/dev/null
audio_alert aufile,/dev/null
module_path /usr/lib/baresip/modules
module stdio.so
module g711.so
module aufile.so
module_app account.so
module_app menu.so
"""


class Baresip:
    name = "baresip"

    def __init__(self, workdir: Path, server: str, user: str, password: str) -> None:
        confdir = workdir / f"baresip-{time.monotonic_ns()}"
        confdir.mkdir()
        (confdir / "config").write_text(BARESIP_CONFIG.format(port=free_port()))
        (confdir / "accounts").write_text(
            f'<sip:{user}@127.0.0.1>;auth_pass={password};outbound="sip:{server}";'
            "regint=300;answermode=manual\n"
        )
        (confdir / "contacts").write_text("")
        self.client = LineClient([require_tool("baresip"), "-f", str(confdir)], cwd=confdir)

    def registered_at(self) -> float:
        return self.client.wait_line("200 OK")[0]

    def incoming_at(self) -> float:
        stamp, _ = self.client.wait_line("Incoming call")
        self.client.write("/hangup\n")
        return stamp

    def dial(self, target: str) -> float:
        return self.client.write(f"/dial {target}\n")

    @property
    def pid(self) -> int:
        return self.client.proc.pid

    def stop(self) -> None:
        self.client.write("/quit\n")
        self.client.stop()


CLIENTS: list[type[Any]] = [OurAgent, RawPjsua2, Baresip]
