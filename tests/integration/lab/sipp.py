"""SIPp as the lab's far end: a UAS answering (or refusing) the agent's calls, a UAC calling it.

Scenario files live in tests/integration/scenarios; each one says in its first comment what the
far end does. Output goes to files in the test's folder so a failure can show what SIPp saw.
"""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

from tests.integration.lab.tools import free_port, require_tool

SCENARIOS = Path(__file__).resolve().parent.parent / "scenarios"


class Sipp:
    """One SIPp process; `wait()` gives its exit code (0 = every call passed)."""

    def __init__(self, args: list[str], workdir: Path, name: str) -> None:
        self.workdir = workdir
        self.out_path = workdir / f"sipp-{name}-{time.monotonic_ns()}.out"
        out = open(self.out_path, "wb")  # noqa: SIM115 - the child owns it
        self.proc = subprocess.Popen(
            [require_tool("sipp"), *args],
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            cwd=workdir,
        )
        out.close()

    def wait(self, timeout: float = 30.0) -> int:
        try:
            code = self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            raise AssertionError(f"SIPp still running after {timeout}s:\n{self.output()}") from None
        if code != 0:
            raise AssertionError(f"SIPp exited {code}:\n{self.output()}")
        return code

    def output(self) -> str:
        text = self.out_path.read_text(errors="replace")[-4000:]
        errors = sorted(self.workdir.glob("*_errors.log"))
        if errors:
            text += "\n--- errors ---\n" + errors[-1].read_text(errors="replace")[-3000:]
        return text

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


def _common(
    scenario: str, port: int, transport: str, timeout_s: int = 120, local_ip: str = "127.0.0.1"
) -> list[str]:
    mode = {"udp": "u1", "tcp": "t1"}[transport]
    return [
        "-sf",
        str(SCENARIOS / scenario),
        "-i",
        local_ip,
        "-p",
        str(port),
        "-t",
        mode,
        "-nostdin",
        "-trace_err",
        "-trace_msg",
        "-timeout",  # the whole run's limit, so a stuck test cannot hang CI
        f"{timeout_s}s",
        "-timeout_error",
        "-mp",
        str(free_port()),
        "-aa",
    ]


def start_uas(
    workdir: Path,
    scenario: str,
    port: int,
    calls: int = 1,
    transport: str = "udp",
    timeout_s: int = 120,
) -> Sipp:
    """A SIPp UAS on 127.0.0.1:port serving `calls` calls within `timeout_s`, then exiting."""
    args = [*_common(scenario, port, transport, timeout_s), "-m", str(calls)]
    sipp = Sipp(args, workdir, "uas")
    time.sleep(0.3)  # SIPp binds within milliseconds; give it a moment before the first INVITE
    if sipp.proc.poll() is not None:
        raise AssertionError(f"SIPp UAS did not start:\n{sipp.output()}")
    return sipp


def start_uac(
    workdir: Path,
    scenario: str,
    target: str,
    to_user: str,
    calls: int = 1,
    transport: str = "udp",
    keys: dict[str, str] | None = None,
    local_ip: str = "127.0.0.1",
) -> Sipp:
    """A SIPp UAC placing `calls` calls to sip:to_user@target, sending from local_ip; `keys`
    fill the scenario's [name] keywords (SIPp's -key)."""
    args = [
        *_common(scenario, free_port(), transport, local_ip=local_ip),
        *(arg for name, value in (keys or {}).items() for arg in ("-key", name, value)),
        "-s",
        to_user,
        "-m",
        str(calls),
        "-l",
        "1",
        "-r",
        "1",
        target,
    ]
    return Sipp(args, workdir, "uac")
