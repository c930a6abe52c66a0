"""What crossed the wire, and when: tshark on the loopback interface, one line per SIP message."""

from __future__ import annotations

import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tests.integration.lab.tools import require_tool

FIELDS = (
    "frame.time_epoch",
    "udp.srcport",
    "udp.dstport",
    "sip.Method",
    "sip.Status-Code",
    "sip.from.user",
    "sip.to.user",
    "sip.Call-ID",
)


@dataclass(frozen=True)
class Frame:
    time: float
    src: int
    dst: int
    method: str
    status: str
    from_user: str
    to_user: str
    call_id: str


class Capture:
    def __init__(self, workdir: Path, port: int, probe: Callable[[], object]) -> None:
        self.path = workdir / "sip-capture.txt"
        args = [
            require_tool("tshark"),
            "-i",
            "lo",
            "-f",
            f"udp port {port}",
            "-l",
            "-n",
            "-Y",
            "sip",
            "-T",
            "fields",
            "-E",
            "separator=|",
        ]
        for field in FIELDS:
            args += ["-e", field]
        self._out = open(self.path, "w")  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen(args, stdout=self._out, stderr=subprocess.DEVNULL)
        # tshark takes seconds to start capturing: poke the server until the capture shows it.
        deadline = time.monotonic() + 30
        while not self.frames() and time.monotonic() < deadline:
            probe()

    def frames(self) -> list[Frame]:
        self._out.flush()
        time.sleep(0.3)  # let tshark write what it has
        frames = []
        for line in self.path.read_text().splitlines():
            parts = line.split("|")
            if len(parts) != len(FIELDS) or not parts[0]:
                continue
            frames.append(
                Frame(float(parts[0]), int(parts[1] or 0), int(parts[2] or 0), *parts[3:])
            )
        return frames

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(10)
        self._out.close()
