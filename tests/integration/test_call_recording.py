"""Call recording on a real call: Kamailio, a pjsua2 customer playing a tone, the agent's headset
a PulseAudio null sink with another tone in its microphone.

What a quality team would notice: each party on its own channel, a killed agent's recording still
plays up to its last seconds (and says it is incomplete), a paused span (card details) is nowhere
in the file, and the file on disk is no audio at all without the profile's key.
"""

from __future__ import annotations

import io
import json
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import soundfile as sf

from tests.integration.agent_fixtures import stop_cleanly
from tests.integration.peers.agent_process import (
    AGENT_CMD,
    AgentProcess,
    agent_env,
    store_password,
    write_profile,
)
from tests.integration.peers.pulse import PulseServer, band_dbfs, dominant_hz, rms_dbfs, tone

HEADSET = {"input": "agent_mic", "output": "agent_speaker", "ring": "agent_ring"}
CUSTOMER_HZ = 1000
AGENT_HZ = 700
CARD_HZ = 1300  # what the agent's microphone hears while recording is paused


class RecordingAgent:
    """A headless agent whose profile records calls; restartable on the same profile."""

    def __init__(self, tmp_path: Path, kamailio: Any, pulse: PulseServer, **recording: Any):
        home = tmp_path / "home-agent1"
        sip = {"server": kamailio.server("udp"), "user": "agent1", "register_expires_s": 60}
        self.folder = write_profile(home / "profile", sip, HEADSET, recording=recording)
        self.env = agent_env(home, pulse.child_env)
        store_password(self.folder, "secret1", self.env)
        self.started: list[AgentProcess] = []

    def start(self) -> AgentProcess:
        agent = AgentProcess(self.folder, self.env)
        self.started.append(agent)
        return agent

    def export(self, key: str, out: Path) -> np.ndarray:
        done = subprocess.run(
            [*AGENT_CMD, "recordings", "export", "--profile", str(self.folder), key, str(out)],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.returncode == 0, done.stderr
        samples, rate = sf.read(out, dtype="int16", always_2d=True)
        assert rate == 16000
        return samples

    def listing(self) -> list[dict[str, Any]]:
        done = subprocess.run(
            [*AGENT_CMD, "recordings", "list", "--profile", str(self.folder)],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
        return [json.loads(line) for line in done.stdout.splitlines()]


@pytest.fixture
def recording_agent(tmp_path: Path, kamailio: Any, pulse: PulseServer) -> Iterator[Any]:
    made: list[RecordingAgent] = []

    def make(**recording: Any) -> RecordingAgent:
        made.append(RecordingAgent(tmp_path, kamailio, pulse, **recording))
        return made[-1]

    yield make
    for each in made:
        stop_cleanly([a for a in each.started if a.proc.poll() is None])


def dial_customer(agent: AgentProcess) -> str:
    agent.expect("registered", timeout=15)
    agent.send("dial", number="agent2")
    return str(agent.expect("call_state", state="confirmed", timeout=10)["call"])


def seconds(samples: np.ndarray, start: float, end: float) -> np.ndarray:
    return samples[int(start * 16000) : int(end * 16000)]


def test_each_party_is_recorded_on_its_own_channel(
    recording_agent, far_end_factory, pulse: PulseServer, tmp_path: Path
) -> None:
    far_end_factory("agent2", "secret2", auto_answer="200", tone_hz=CUSTOMER_HZ)
    profile = recording_agent(mode="always", channels="split")
    agent = profile.start()
    voice = pulse.play("mic_feed", tone(AGENT_HZ, 12.0))
    call = dial_customer(agent)
    assert agent.expect("recording", call=call, timeout=10)["state"] == "recording"
    time.sleep(4.0)
    agent.send("hangup", call=call)
    saved = agent.expect("recording_saved", call=call, timeout=20)
    voice.kill()
    assert saved["duration_s"] > 3.0 and len(saved["sha256"]) == 64

    audio = profile.export(call, tmp_path / "call.ogg")
    middle = seconds(audio, 1.0, saved["duration_s"] - 0.5)
    agent_side, customer_side = middle[:, 0], middle[:, 1]
    assert abs(dominant_hz(agent_side) - AGENT_HZ) < 20, "the agent's channel lacks the agent"
    assert abs(dominant_hz(customer_side) - CUSTOMER_HZ) < 20, "the customer's channel is wrong"
    # each tone on its own channel only, not leaked into the other
    assert band_dbfs(agent_side, 950, 1050) < band_dbfs(customer_side, 950, 1050) - 30
    assert band_dbfs(customer_side, 650, 750) < band_dbfs(agent_side, 650, 750) - 30
    exported = (tmp_path / "call.ogg").read_bytes()
    import hashlib

    assert hashlib.sha256(exported).hexdigest() == saved["sha256"]

    # At rest: no Ogg page, no audio a player can open, without the key.
    sealed = Path(saved["path"]).read_bytes()
    assert b"OggS" not in sealed and b"vorbis" not in sealed
    with pytest.raises(sf.LibsndfileError):
        sf.read(io.BytesIO(sealed))
    [row] = profile.listing()
    assert row["call"] == call and row["state"] == "saved" and row["incomplete"] is False


def sealed_seconds(profile: Any, call: str, tmp_path: Path, at_least: float) -> float:
    """Seconds of the call already sealed on disk (read as a person would export them), once
    there are `at_least`."""
    deadline = time.monotonic() + 60
    while True:
        try:
            seconds = len(profile.export(call, tmp_path / "so-far.ogg")) / 16000
        except AssertionError:  # not one record sealed yet
            seconds = 0.0
        if seconds >= at_least or time.monotonic() > deadline:
            return seconds
        time.sleep(0.5)


def test_a_killed_agent_leaves_a_playable_recording_marked_incomplete(
    recording_agent, far_end_factory, pulse: PulseServer, tmp_path: Path
) -> None:
    far_end_factory("agent2", "secret2", auto_answer="200", tone_hz=CUSTOMER_HZ)
    profile = recording_agent(mode="always")
    agent = profile.start()
    voice = pulse.play("mic_feed", tone(AGENT_HZ, 15.0))
    call = dial_customer(agent)
    agent.expect("recording", call=call, timeout=10)
    before = sealed_seconds(profile, call, tmp_path, at_least=4.0)  # the writer's pace varies
    agent.proc.kill()  # kill -9: no hang-up, no close, no journal update
    agent.proc.wait(10)
    voice.kill()
    [row] = profile.listing()
    assert row["state"] == "recording"

    again = profile.start()
    saved = again.expect("recording_saved", call=call, timeout=20)
    assert saved["incomplete"] is True
    audio = profile.export(call, tmp_path / "partial.ogg")
    # everything sealed before the kill survives it
    assert len(audio) / 16000 >= before, f"only {len(audio) / 16000:.1f} of {before:.1f} s survived"
    assert abs(dominant_hz(seconds(audio, 1.0, 3.0)[:, 1]) - CUSTOMER_HZ) < 20
    [row] = profile.listing()
    assert row["state"] == "saved" and row["incomplete"] is True and row["size"] > 0


def test_a_paused_span_is_left_out_of_the_recording(
    recording_agent, far_end_factory, pulse: PulseServer, tmp_path: Path
) -> None:
    far_end_factory("agent2", "secret2", auto_answer="200", tone_hz=CUSTOMER_HZ)
    profile = recording_agent(mode="on_demand")
    agent = profile.start()
    voice = pulse.play("mic_feed", tone(AGENT_HZ, 30.0))
    call = dial_customer(agent)
    agent.expect("recording", call=call, state="ready", timeout=10)  # the record button shows
    time.sleep(1.0)
    started = [e for e in agent.events if e["event"] == "recording" and e["state"] != "ready"]
    assert not started, "on demand started alone"
    agent.send("record", on=True)
    agent.expect("recording", call=call, state="recording", timeout=10)
    time.sleep(2.5)
    agent.send("record", on=False)
    agent.expect("recording", call=call, state="paused", timeout=10)
    voice.kill()
    card = pulse.play("mic_feed", tone(CARD_HZ, 30.0))  # the customer's card, read back
    time.sleep(3.0)
    card.kill()
    voice = pulse.play("mic_feed", tone(AGENT_HZ, 30.0))
    time.sleep(1.0)  # the card tone has left the device buffers
    agent.send("record", on=True)
    agent.expect("recording", call=call, state="recording", timeout=10)
    time.sleep(2.5)
    agent.send("hangup", call=call)
    saved = agent.expect("recording_saved", call=call, timeout=20)
    voice.kill()
    # 5 s recorded of a call that lasted 10: the paused span is not there, not even as silence
    assert 3.5 < saved["duration_s"] < 7.0, saved
    audio = profile.export(call, tmp_path / "paused.ogg")
    agent_side = audio[:, 0]
    assert band_dbfs(agent_side, CARD_HZ - 50, CARD_HZ + 50) < rms_dbfs(agent_side) - 30


def test_recording_refused_when_the_policy_says_never(
    recording_agent, far_end_factory, pulse: PulseServer
) -> None:
    far_end_factory("agent2", "secret2", auto_answer="200", tone_hz=CUSTOMER_HZ)
    agent = recording_agent(mode="never").start()
    call = dial_customer(agent)
    agent.send("record", on=True)
    error = agent.expect("error", cmd="record", timeout=10)
    assert "never" in error["message"]
    agent.send("hangup", call=call)
    agent.expect("call_ended", call=call, timeout=10)
    assert not [e for e in agent.events if e["event"].startswith("recording")]


def test_hold_leaves_its_span_out(recording_agent, far_end_factory, pulse: PulseServer) -> None:
    far_end_factory("agent2", "secret2", auto_answer="200", tone_hz=CUSTOMER_HZ)
    agent = recording_agent(mode="always").start()
    call = dial_customer(agent)
    agent.expect("recording", call=call, state="recording", timeout=10)
    time.sleep(2.5)
    agent.send("hold", call=call)
    agent.expect("recording", call=call, state="paused", timeout=10)
    time.sleep(4.0)
    agent.send("resume", call=call)
    agent.expect("recording", call=call, state="recording", timeout=10)
    time.sleep(2.5)
    agent.send("hangup", call=call)
    saved = agent.expect("recording_saved", call=call, timeout=20)
    assert 3.5 < saved["duration_s"] < 7.5, "the 4 s on hold are not in the recording"


def test_the_customer_hears_the_consent_prompt_before_recording_starts(
    recording_agent, far_end_factory, pulse: PulseServer, tmp_path: Path
) -> None:
    from tests.integration.test_call_audio import read_wav

    prompt = tmp_path / "consent.wav"
    sf.write(prompt, tone(500, 2.0), 16000, subtype="PCM_16")
    heard = tmp_path / "customer-hears.wav"
    customer = far_end_factory("agent2", "secret2", auto_answer="200", record=str(heard))
    profile = recording_agent(mode="always", consent_prompt=str(prompt))
    agent = profile.start()
    voice = pulse.play("mic_feed", tone(AGENT_HZ, 12.0))
    call = dial_customer(agent)
    agent.expect("recording", call=call, timeout=10)
    time.sleep(4.0)
    agent.send("hangup", call=call)
    saved = agent.expect("recording_saved", call=call, timeout=20)
    customer.stop()
    voice.kill()
    customer_heard = read_wav(heard)
    assert abs(dominant_hz(seconds(customer_heard, 0.3, 1.8)) - 500) < 20, "no prompt heard"
    assert abs(dominant_hz(seconds(customer_heard, 3.0, 5.0)) - AGENT_HZ) < 20
    audio = profile.export(call, tmp_path / "after-consent.ogg")
    agent_side = audio[:, 0]
    assert band_dbfs(agent_side, 450, 550) < band_dbfs(agent_side, 650, 750) - 30
    assert saved["duration_s"] < 6.0
