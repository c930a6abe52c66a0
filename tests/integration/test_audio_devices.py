"""The agent's audio devices for real: PulseAudio null sinks as headset, microphone and ringer.

What a user would notice, measured on the audio itself: their voice reaches the call, the
customer is heard in the headset, unplugging the headset keeps the call going on the default
device (and says so), moving the call to other devices works, and the phone rings on the ring
device only. Devices are chosen by name ("agent_mic", "agent_speaker", "agent_ring"), see
peers/pulse.py for how those names reach PortAudio.
"""

from __future__ import annotations

import queue
import threading
import time

import numpy as np
import pytest

from softphone.devices.audio import (
    CallAudio,
    Ringer,
    find_device,
    list_devices,
    portaudio_version,
)
from tests.integration.peers.pulse import PulseServer, band_dbfs, dominant_hz, rms_dbfs, tone

pytestmark = pytest.mark.integration

RATE = 16000
FRAME = 320  # 20 ms at 16 kHz


class MediaClock:
    """Stands in for pjmedia's clock thread: every 20 ms, one frame out and one frame in."""

    def __init__(self, audio: CallAudio, outgoing: np.ndarray | None = None) -> None:
        self.audio = audio
        self.outgoing = outgoing
        self.received: list[bytes] = []
        self.slowest_call = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> MediaClock:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join(2)

    def _run(self) -> None:
        due, n = time.monotonic(), 0
        while not self._stop.is_set():
            began = time.monotonic()
            self.received.append(self.audio.read_frame())
            if self.outgoing is not None:
                start = (n * FRAME) % (self.outgoing.size - FRAME)
                self.audio.write_frame(self.outgoing[start : start + FRAME].tobytes())
            self.slowest_call = max(self.slowest_call, time.monotonic() - began)
            n += 1
            due += 0.02
            self._stop.wait(max(0.0, due - time.monotonic()))

    def last_seconds(self, seconds: float) -> np.ndarray:
        frames = self.received[-int(seconds * 50) :]
        return np.frombuffer(b"".join(frames), dtype="<i2")


def test_the_lab_devices_are_listed_and_found_by_name(pulse_server: PulseServer) -> None:
    names = {d.name for d in list_devices()}
    assert {"agent_mic", "agent_speaker", "agent_ring", "default"} <= names
    ring = find_device("AGENT_RING", "output")
    assert ring is not None and ring.name == "agent_ring"
    default = find_device("", "output")
    assert default is not None and default.name == "default"
    assert find_device("no such headset", "input") is None
    assert "PortAudio" in portaudio_version()


def test_a_tone_into_the_microphone_reaches_the_call(pulse_server: PulseServer) -> None:
    voice = pulse_server.play_tone("mic_feed", 1000, 4.0)
    try:
        with CallAudio("agent_mic", "agent_speaker") as audio, MediaClock(audio) as clock:
            assert audio.device_names == ("agent_mic", "agent_speaker")
            time.sleep(2.0)
            level = audio.input_level_dbfs()
        heard = clock.last_seconds(1.0)
    finally:
        voice.kill()
    assert all(len(frame) == FRAME * 2 for frame in clock.received)
    assert abs(dominant_hz(heard) - 1000) < 20
    assert rms_dbfs(heard) > -20  # the tone is -13 dBFS RMS
    assert -20 < level < -5
    # Never blocks: well inside one frame period (a GIL hand-over alone can take 5 ms).
    assert clock.slowest_call < 0.015


def test_silence_reads_as_silence(pulse_server: PulseServer) -> None:
    with CallAudio("agent_mic", "agent_speaker") as audio, MediaClock(audio) as clock:
        time.sleep(1.0)
        level = audio.input_level_dbfs()
    assert not clock.last_seconds(0.8).any()
    assert level == -120.0


def test_the_customer_is_heard_in_the_headset(pulse_server: PulseServer) -> None:
    customer = tone(700, 1.0)
    with CallAudio("agent_mic", "agent_speaker") as audio, MediaClock(audio, customer):
        time.sleep(0.3)
        heard = pulse_server.record("agent_speaker.monitor", 2.0)
        level = audio.output_level_dbfs()
    assert abs(dominant_hz(heard[RATE // 2 :]) - 700) < 20
    assert rms_dbfs(heard[RATE // 2 :]) > -20
    assert -20 < level < -5


def test_unplugging_the_headset_moves_the_call_to_the_default_device(
    pulse_server: PulseServer,
) -> None:
    lost: queue.Queue[tuple[str, str, str]] = queue.Queue()
    audio = CallAudio("agent_mic", "agent_speaker", on_device_lost=lambda *n: lost.put(n))
    with audio, MediaClock(audio, tone(700, 1.0)) as clock:
        time.sleep(0.5)
        pulse_server.remove_sink("agent_speaker")
        assert lost.get(timeout=5) == ("output", "agent_speaker", "default")
        assert audio.device_names == ("agent_mic", "default")
        time.sleep(0.3)
        heard = pulse_server.record("lab_default.monitor", 1.5)
        frames_before = len(clock.received)
        time.sleep(0.2)
        assert len(clock.received) > frames_before  # the call's clock never stopped
    assert lost.empty()
    assert abs(dominant_hz(heard[RATE // 2 :]) - 700) < 20
    assert rms_dbfs(heard[RATE // 2 :]) > -20


def test_a_call_moves_to_other_devices_without_dropping(pulse_server: PulseServer) -> None:
    lost: list[tuple[str, str, str]] = []
    audio = CallAudio("agent_mic", "agent_speaker", on_device_lost=lambda *n: lost.append(n))
    with audio, MediaClock(audio, tone(700, 1.0)):
        time.sleep(0.5)
        audio.restart_on("agent_mic", "agent_ring")
        assert audio.device_names == ("agent_mic", "agent_ring")
        time.sleep(0.3)
        ring = pulse_server.start_recording("agent_ring.monitor")
        speaker = pulse_server.start_recording("agent_speaker.monitor")
        time.sleep(1.5)
        on_ring, on_speaker = ring.stop(), speaker.stop()
    assert lost == []
    assert abs(dominant_hz(on_ring[RATE // 2 :]) - 700) < 20
    assert rms_dbfs(on_speaker) == -120.0


def test_a_missing_device_falls_back_to_the_default_and_says_so(
    pulse_server: PulseServer,
) -> None:
    lost: list[tuple[str, str, str]] = []
    audio = CallAudio("Jabra Evolve", "agent_speaker", on_device_lost=lambda *n: lost.append(n))
    with audio:
        assert audio.device_names == ("default", "agent_speaker")
    assert lost == [("input", "Jabra Evolve", "default")]


def test_the_default_devices_share_one_duplex_stream(pulse_server: PulseServer) -> None:
    # The default source is the default sink's monitor: what the call plays comes back in.
    with CallAudio("", "") as audio, MediaClock(audio, tone(700, 1.0)) as clock:
        assert audio.duplex and audio.device_names == ("default", "default")
        time.sleep(2.0)
    assert abs(dominant_hz(clock.last_seconds(1.0)) - 700) < 20


def test_the_phone_rings_on_the_ring_device_only(pulse_server: PulseServer) -> None:
    ringer = Ringer("agent_ring")
    ringer.start()
    try:
        assert ringer.ringing and ringer.device == "agent_ring"
        ring = pulse_server.start_recording("agent_ring.monitor")
        speaker = pulse_server.start_recording("agent_speaker.monitor")
        time.sleep(1.5)  # within the first 2 s "on" of the cadence
        on_ring, on_speaker = ring.stop(), speaker.stop()
    finally:
        ringer.stop()
    ringer.stop()  # idempotent
    assert band_dbfs(on_ring[RATE // 4 :], 420, 500) > -30
    assert round(dominant_hz(on_ring[RATE // 4 :]) / 40) * 40 in (440, 480)
    assert rms_dbfs(on_speaker) == -120.0
    assert not ringer.ringing
    time.sleep(0.2)
    assert rms_dbfs(pulse_server.record("agent_ring.monitor", 0.5)) == -120.0
