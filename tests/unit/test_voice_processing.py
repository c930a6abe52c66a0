"""The agent's voice cleaned by the voice processing we put in the bridge (WebRTC's APM through
livekit), driven frame by frame as pjmedia's clock thread drives it: 20 ms frames, far end first.

The room is simulated in numbers here (the far end's voice coming back from the speakers with a
delay and reflections); tests/integration/test_voice_cleaning.py does it with real devices."""

from __future__ import annotations

import numpy as np

from softphone.devices.pulse_watch import headset_device
from softphone.devices.voice_cleaning import Stages, VoiceCleaner, VoiceProcessing
from tests.integration.peers.pulse import band_dbfs, rms_dbfs
from tests.integration.peers.voice_signals import RATE, speech_like, talk_spurts, white_noise

FRAME = RATE * 20 // 1000
ECHO_ONLY = Stages(True, False, False, False)
NOTHING = Stages(False, False, False, False)


def through_the_bridge(
    stages: Stages, mic: np.ndarray, far: np.ndarray | None = None
) -> np.ndarray:
    cleaner = VoiceCleaner(stages, RATE, stream_delay_ms=60)
    sent = []
    for start in range(0, mic.size - FRAME + 1, FRAME):
        if far is not None:
            cleaner.far(far[start : start + FRAME])
        sent.append(cleaner.near(mic[start : start + FRAME]))
    return np.concatenate(sent)


def room_echo(far: np.ndarray) -> np.ndarray:
    """What a laptop's microphone hears of its own speakers: 40 ms later, -8 dB, two walls."""
    response = np.zeros(int(0.09 * RATE))
    response[int(0.040 * RATE)] = 0.4
    response[int(0.055 * RATE)] = 0.2
    response[int(0.085 * RATE)] = 0.08
    return np.convolve(far.astype(np.float64), response)[: far.size]


def mixed(*signals: np.ndarray) -> np.ndarray:
    return np.clip(np.sum([s.astype(np.float64) for s in signals], axis=0), -32768, 32767).astype(
        np.int16
    )


def without_band(samples: np.ndarray, low: float, high: float) -> float:
    spectrum = np.fft.rfft(samples.astype(np.float64))
    freqs = np.fft.rfftfreq(samples.size, 1 / RATE)
    spectrum[(freqs >= low) & (freqs <= high)] = 0
    return rms_dbfs(np.fft.irfft(spectrum, samples.size))


def test_the_customer_does_not_hear_their_own_voice_back_and_the_agent_still_talks() -> None:
    far = speech_like(14.0)
    agent = np.zeros(far.size, dtype=np.int16)
    talk = slice(10 * RATE, 13 * RATE)  # double talk: the agent speaks over the customer
    agent[talk] = talk_spurts(900, 3.0, -22.0)
    mic = mixed(room_echo(far), agent)
    plain = through_the_bridge(NOTHING, mic, far)
    cleaned = through_the_bridge(ECHO_ONLY, mic, far)
    converged = slice(4 * RATE, 10 * RATE)
    erle = rms_dbfs(plain[converged]) - rms_dbfs(cleaned[converged])
    assert erle >= 25, f"echo return loss enhancement {erle:.1f} dB"
    gate = agent[talk] != 0
    voice_in = band_dbfs(plain[talk][gate], 850, 950)
    voice_out = band_dbfs(cleaned[talk][gate], 850, 950)
    assert voice_out > voice_in - 6, (
        f"the agent's voice fell from {voice_in:.1f} to {voice_out:.1f}"
    )


def test_background_noise_is_suppressed_and_the_voice_kept() -> None:
    voice = talk_spurts(700, 20.0, -20.0)
    mic = mixed(voice, white_noise(20.0, -30.0))
    later = slice(10 * RATE, None)  # after the suppressor has learnt the noise
    snr = {}
    for name, stages in (("off", NOTHING), ("on", Stages(False, True, False, True))):
        sent = through_the_bridge(stages, mic)[later]
        gate = voice[later][: sent.size] != 0
        snr[name] = band_dbfs(sent[gate], 650, 750) - without_band(sent, 600, 800)
    assert snr["on"] - snr["off"] >= 10, f"SNR {snr['off']:.1f} → {snr['on']:.1f} dB"


def test_a_headset_turns_echo_cancellation_off_unless_forced() -> None:
    auto = VoiceProcessing()
    assert auto.stages(headset=False).echo_cancellation
    assert not auto.stages(headset=True).echo_cancellation
    assert VoiceProcessing("on").stages(headset=True).echo_cancellation
    assert not VoiceProcessing("off").stages(headset=False).echo_cancellation
    assert auto.stages(headset=True).names() == ("ns", "agc", "hpf")


def test_the_sound_server_says_which_output_is_a_headset() -> None:
    sinks = """[
      {"index": 1, "active_port": "analog-output-speaker", "properties": {}},
      {"index": 2, "active_port": "headset-output", "properties": {}},
      {"index": 3, "properties": {"device.form_factor": "headphone"}}
    ]"""
    assert [headset_device(sinks, i) for i in (1, 2, 3, 4)] == [False, True, True, False]
    assert headset_device("not json", 1) is False


def test_a_quiet_agent_reaches_the_customer_at_a_normal_level() -> None:
    quiet = speech_like(30.0, level_dbfs=-40.0)
    sent = through_the_bridge(Stages(False, False, True, False), quiet)
    settled = slice(20 * RATE, None)
    assert abs(rms_dbfs(sent[settled]) - -20.0) <= 6, f"{rms_dbfs(sent[settled]):.1f} dBFS"


def test_the_centers_voice_settings_win_key_by_key_and_bad_ones_are_ignored() -> None:
    from softphone.devices.voice_cleaning import in_force

    desk = VoiceProcessing("auto", noise_suppression=True)
    assert in_force(desk, None) == desk
    assert in_force(desk, {"echo_cancellation": "off"}) == VoiceProcessing("off")
    assert in_force(desk, {"auto_gain": False, "unknown": 1}).auto_gain is False
    assert in_force(desk, {"echo_cancellation": "loud"}) == desk
    assert in_force(desk, {"noise_suppression": "yes"}) == desk
