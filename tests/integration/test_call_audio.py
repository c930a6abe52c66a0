"""Real call audio: PulseAudio null sinks as the agent's headset, a pjsua2 phone as the customer.

Measured, not assumed: the customer's tone is heard on the agent's speaker, the agent's voice
(a tone into the microphone) is recorded by the customer, mute silences it, and unplugging the
headset mid-call neither drops the call nor crashes the agent.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import numpy as np

from softphone.sip.media_clock import STOP_AFTER_S
from tests.integration.peers.pulse import PulseServer, dominant_hz, rms_dbfs, tone

HEADSET = {"input": "agent_mic", "output": "agent_speaker", "ring": "agent_ring"}


def in_call(make_agent, far_end_factory, pulse: PulseServer, **far: object):
    customer = far_end_factory("agent2", "secret2", auto_answer="200", **far)
    agent = make_agent("agent1", "secret1", audio=HEADSET, env=pulse.child_env)
    agent.expect("registered", timeout=15)
    agent.send("dial", number="agent2")
    call = agent.expect("call_state", state="confirmed", timeout=10)["call"]
    return agent, customer, call


def test_the_customer_is_heard_on_the_agents_headset(make_agent, far_end_factory, pulse) -> None:
    agent, _, call = in_call(make_agent, far_end_factory, pulse, tone_hz=1000)
    time.sleep(1.0)  # devices open, jitter buffer fills
    heard = pulse.record("agent_speaker.monitor", 2.0)
    assert rms_dbfs(heard) > -40, "the agent's speaker is silent"
    assert abs(dominant_hz(heard) - 1000) < 20
    agent.send("hangup", call=call)
    agent.expect("call_ended", call=call, timeout=10)


def test_a_call_after_a_quiet_spell_is_heard_too(make_agent, far_end_factory, pulse) -> None:
    # Between calls the agent stops pjmedia's clock (idle CPU); the next call must start it.
    agent, _, first = in_call(make_agent, far_end_factory, pulse, tone_hz=1000)
    agent.send("hangup", call=first)
    agent.expect("call_ended", call=first, timeout=10)
    agent.send("wrap_up_done")
    time.sleep(STOP_AFTER_S + 1.0)
    agent.send("dial", number="agent2")
    second = agent.expect("call_state", state="confirmed", timeout=10)["call"]
    time.sleep(1.0)
    heard = pulse.record("agent_speaker.monitor", 2.0)
    assert rms_dbfs(heard) > -40, "the second call is silent on the agent's speaker"
    assert abs(dominant_hz(heard) - 1000) < 20
    agent.send("hangup", call=second)
    agent.expect("call_ended", call=second, timeout=10)
    assert agent.stop() == 0


def test_the_agent_is_heard_by_the_customer_and_mute_silences_it(
    make_agent, far_end_factory, pulse, tmp_path: Path
) -> None:
    recording = tmp_path / "customer-hears.wav"
    agent, customer, call = in_call(make_agent, far_end_factory, pulse, record=str(recording))
    voice = pulse.play("mic_feed", tone(700, 8.0))
    time.sleep(3.0)
    agent.send("mute", call=call)
    time.sleep(2.5)
    agent.send("hangup", call=call)
    agent.expect("call_ended", call=call, timeout=10)
    customer.stop()  # closes the WAV
    voice.kill()
    samples = read_wav(recording)
    rate = 16000
    talking = samples[int(1.0 * rate) : int(2.8 * rate)]
    muted = samples[int(3.8 * rate) : int(5.0 * rate)]
    assert abs(dominant_hz(talking) - 700) < 20, "the customer does not hear the agent's voice"
    assert rms_dbfs(talking) > -40
    assert [e for e in agent.events if e["event"] == "error"] == []
    assert rms_dbfs(muted) < rms_dbfs(talking) - 30, "mute did not silence the agent"


def test_unplugging_the_headset_mid_call_keeps_the_call(make_agent, far_end_factory, pulse) -> None:
    agent, customer, call = in_call(make_agent, far_end_factory, pulse, tone_hz=440)
    time.sleep(1.0)
    pulse.remove_sink("agent_speaker")
    changed = agent.expect("device_changed", timeout=10)
    assert changed["role"] == "output"
    time.sleep(1.0)
    assert agent.proc.poll() is None
    assert customer.media_status() == "active"
    agent.send("hangup", call=call)
    ended = agent.expect("call_ended", call=call, timeout=10)
    assert ended["hung_up_by"] == "agent"
    assert agent.stop() == 0


def test_the_agents_voice_leaves_as_the_microphone_captures_it(
    make_agent, far_end_factory, pulse, tmp_path: Path
) -> None:
    # The microphone's own clock ticks the conference (conference_drive): each captured block
    # is sent at once, so the agent's voice waits one frame in our buffer, not a cushion of
    # 40-60 ms kept between two clocks (the delay the customer hears, tests/bench/audio_path).
    recording = tmp_path / "customer-hears.wav"
    customer = far_end_factory("agent2", "secret2", auto_answer="200", record=str(recording))
    env = {**pulse.child_env, "SOFTPHONE_LOG": "INFO"}
    agent = make_agent("agent1", "secret1", audio=HEADSET, env=env)
    agent.expect("registered", timeout=15)
    agent.send("dial", number="agent2")
    call = agent.expect("call_state", state="confirmed", timeout=10)["call"]
    voice = pulse.play("mic_feed", tone(700, 6.0))
    time.sleep(4.0)
    agent.send("hangup", call=call)
    agent.expect("call_ended", call=call, timeout=10)
    customer.stop()
    voice.kill()
    heard = read_wav(recording)[16000:48000]
    assert abs(dominant_hz(heard) - 700) < 20, "the customer does not hear the agent's voice"
    log = agent.stderr_tail(1_000_000)
    assert "the microphone drives the conference" in log
    waited = re.search(r"call audio: microphone .*?mean (\d+) ms", log)
    assert waited is not None, "the agent logged no figures for the call's audio"
    # One frame (20 ms), and the call's first moments on the null clock; it was 37-54 ms.
    assert int(waited.group(1)) < 30, f"the agent's voice waited {waited.group(1)} ms on average"


def read_wav(path: Path) -> np.ndarray:
    import wave

    with wave.open(str(path)) as wav:
        frames = wav.readframes(wav.getnframes())
        data = np.frombuffer(frames, dtype="<i2")
        if wav.getnchannels() > 1:
            data = data[:: wav.getnchannels()]
        if wav.getframerate() != 16000:
            raise AssertionError(f"unexpected WAV rate {wav.getframerate()}")
        return data
