"""The demo's customer line as a caller in a queue: it rings the agent, and when nobody answers
it gives up after a while (the agent then sees a missed call) and calls again only after its
interval — a demo left alone does not ring for ever, nor every few seconds."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.integration.lab.sipp import start_uas
from tests.integration.lab.tools import free_port

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
SPEECH = ROOT / "resources" / "demo" / "customer.wav"


def test_an_unanswered_line_call_gives_up_and_waits_for_its_interval(tmp_path: Path) -> None:
    agent_port = free_port()
    agent = start_uas(tmp_path, "uas_no_answer.xml", agent_port)  # rings, never answers
    line = subprocess.Popen(
        [
            *(sys.executable, "-m", "softphone", "demo", "line"),
            *("--port", str(free_port()), "--agent", f"sip:agent@127.0.0.1:{agent_port}"),
            *("--speech", str(SPEECH), "--first-call-s", "0.5", "--ring-s", "2"),
            *("--interval-s", "600"),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    events: list[dict[str, object]] = []
    try:
        assert line.stdout is not None
        for raw in line.stdout:
            events.append(json.loads(raw))
            if events[-1]["event"] == "next_call":
                break
        assert agent.wait(30) == 0  # the agent's phone rang, then got the CANCEL
    finally:
        if line.stdin is not None:
            line.stdin.close()  # the app that started the line is gone: it quits
        line.wait(15)
        agent.stop()
    said = [e["event"] for e in events]
    assert said.count("calling") == 1 and "gave_up" in said, said
    ended = next(e for e in events if e["event"] == "call_ended")
    assert ended["code"] == 487  # Request Terminated: the caller hung up while it rang
    assert events[-1]["in_s"] == 600  # the agent's phone rang: not again in 5 s
    assert line.returncode == 0
