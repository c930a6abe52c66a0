"""`softphone check` and the headless agent's `{"cmd":"check"}`, end to end with real peers:
PulseAudio null sinks as the headset, Kamailio as the SIP server, the real keyring-backed
password and the real SIP engine registering.

What the agent or IT would notice: the report names each check with its verdict, the exit code
says whether anything failed, a wrong password fails registration with the fix, `--json` is one
parseable object, and the headless agent answers `check` with a `readiness` event.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest

from tests.integration.lab.kamailio import Kamailio
from tests.integration.peers.agent_process import AGENT_CMD, agent_env, store_password
from tests.integration.peers.pulse import PulseServer

pytestmark = pytest.mark.integration

HEADSET = {"input": "agent_mic", "output": "agent_speaker", "ring": "agent_ring"}


def write_profile(folder: Path, kamailio: Kamailio, extra: str = "") -> Path:
    folder.mkdir(parents=True)
    (folder / "softphone.toml").write_text(
        f'[sip]\nserver = "{kamailio.server("udp")}"\nuser = "agent1"\nregister_expires_s = 60\n'
        f'[audio]\ninput = "agent_mic"\noutput = "agent_speaker"\nring = "agent_ring"\n'
        f"[readiness]\nprobe_packets = 10\n{extra}"
    )
    return folder


def run_check(
    tmp_path: Path, kamailio: Kamailio, pulse: PulseServer, password: str, *flags: str
) -> tuple[int, str, str]:
    home = tmp_path / "home"
    folder = write_profile(home / "profile", kamailio)
    env = agent_env(home, pulse.child_env)
    store_password(folder, password, env)
    done = subprocess.run(
        [*AGENT_CMD, "check", "--profile", str(folder), *flags],
        env=env,
        capture_output=True,
        text=True,
        timeout=90,
    )
    return done.returncode, done.stdout, done.stderr


def by_name(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {c["name"]: c for c in report["checks"]}


def test_a_ready_agent_passes_and_exits_0(tmp_path: Path, kamailio: Kamailio, pulse) -> None:
    voice = pulse.play_tone("mic_feed", 1000, 30.0)  # the agent speaks into the headset
    try:
        code, out, err = run_check(tmp_path, kamailio, pulse, "secret1", "--json")
    finally:
        voice.kill()
    report = json.loads(out)  # one JSON object, nothing else on stdout
    checks = by_name(report)
    assert code == 0, (out, err[-2000:])
    assert report["overall"] in ("pass", "warn")
    for name in ("microphone", "speaker", "ring", "sip_udp", "registration", "call_quality"):
        assert checks[name]["status"] == "pass", checks[name]
    assert checks["camera"]["status"] == "skip"  # no Qt in the CLI
    assert checks["nat"]["summary"].startswith("not configured")
    assert checks["speaker"]["details"]["verified"] is True


def test_a_wrong_password_and_a_silent_mic_fail_with_their_fixes(
    tmp_path: Path, kamailio: Kamailio, pulse
) -> None:
    code, out, _ = run_check(tmp_path, kamailio, pulse, "wrong")
    assert code == 1
    assert "FAIL registration" in out and "credentials set" in out
    assert "FAIL microphone" in out and "muted or unplugged" in out
    assert out.rstrip().endswith("Overall: FAIL")


def test_unusable_settings_exit_2_without_a_traceback(tmp_path: Path) -> None:
    folder = tmp_path / "profile"
    folder.mkdir()
    (folder / "softphone.toml").write_text("[readiness]\nmax_rtt_ms = 'fast'\n")
    done = subprocess.run(
        [*AGENT_CMD, "check", "--profile", str(folder)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert "max_rtt_ms must be a float" in done.stderr
    assert "Traceback" not in done.stderr


def test_the_headless_agent_answers_check_with_a_readiness_event(
    make_agent, pulse: PulseServer
) -> None:
    agent = make_agent("agent1", "secret1", audio=HEADSET, env=pulse.child_env)
    agent.expect("registered", timeout=15)
    voice = pulse.play_tone("mic_feed", 1000, 30.0)
    try:
        began = time.monotonic()
        agent.send("check")
        event = agent.expect("readiness", timeout=30)
    finally:
        voice.kill()
    assert time.monotonic() - began < 15
    checks = by_name(event)
    assert event["overall"] in ("pass", "warn"), event
    assert checks["registration"]["status"] == "pass"
    assert checks["microphone"]["status"] == "pass"
    assert checks["speaker"]["details"]["verified"] is True
    assert checks["camera"]["summary"].startswith("not checked")
    assert agent.stop() == 0
    # journaled, so it reaches the center (which shows each agent's last readiness)
    with sqlite3.connect(agent.folder / "journal.sqlite") as journal:
        kept = journal.execute("SELECT overall FROM readiness_reports").fetchall()
        queued = journal.execute("SELECT count(*) FROM outbox WHERE kind = 'readiness'").fetchone()
    assert kept == [(event["overall"],)]
    assert queued == (1,)
