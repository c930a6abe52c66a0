"""coturn's `turnserver` in STUN-only mode: the lab's STUN server for the readiness NAT check.

It listens on UDP loopback only (no TLS, no CLI, no relay), in its own process group, and is
ready when it answers a binding request.
"""

from __future__ import annotations

import socket
import subprocess
from pathlib import Path

from softphone.devices.readiness.stun import ask
from tests.integration.lab.tools import free_port, require_tool, stop_process_group, wait_for


class StunServer:
    def __init__(self, workdir: Path) -> None:
        self.binary = require_tool("turnserver")
        self.workdir = workdir
        self.port = free_port()
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    def start(self) -> None:
        self.workdir.mkdir(parents=True, exist_ok=True)
        with open(self.workdir / "turnserver.log", "wb") as log:
            self.proc = subprocess.Popen(
                [
                    self.binary,
                    "--stun-only",
                    "--listening-ip=127.0.0.1",
                    f"--listening-port={self.port}",
                    f"--alt-listening-port={free_port()}",
                    f"--cli-port={free_port()}",
                    "--no-cli",
                    "--no-tls",
                    "--no-dtls",
                    "--no-auth",
                    "--simple-log",
                    "--log-file=stdout",
                    f"--pidfile={self.workdir / 'turnserver.pid'}",
                ],
                stdout=log,
                stderr=log,
                start_new_session=True,
            )
        wait_for(self._answers, 10, "the STUN server to answer")

    def _answers(self) -> bool:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
            sock.bind(("127.0.0.1", 0))
            return ask(sock, ("127.0.0.1", self.port), 0.3) is not None

    def stop(self) -> None:
        stop_process_group(self.proc)
        self.proc = None
