"""CallAudio's behaviour on a fake PortAudio: falling back, surviving, converting, never blocking.

The fake stands in for sounddevice (no sound card here): the test drives each stream's callback
itself, ends streams as a vanished device would, and makes devices refuse 16 kHz.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

from softphone.devices import audio, audio_health, device_stream, portaudio
from softphone.devices.audio import AudioUnavailable, CallAudio, Ringer


class FakeStream:
    def __init__(self, kind: str, fake: FakeSoundDevice, **kw: Any) -> None:
        self.kind, self.fake, self.kw = kind, fake, kw
        self.device = kw["device"]
        self.callback: Callable[..., None] = kw["callback"]
        self.finished: Callable[[], None] = kw["finished_callback"]
        self.latency = kw.get("latency")  # as PortAudio grants it: what was asked here
        self.active = self.closed = False
        if fake.fail_open.get(self.device if kind != "duplex" else self.device[0]):
            raise RuntimeError("Device unavailable [PaErrorCode -9985]")

    def start(self) -> None:
        self.active = True
        self.fake.streams.append(self)

    def abort(self, ignore_errors: bool = True) -> None:
        if self.active:
            self.active = False
            self.finished()

    def close(self, ignore_errors: bool = True) -> None:
        self.closed = True

    def vanish(self) -> None:
        """What PortAudio does when the device is unplugged: the stream ends by itself."""
        self.active = False
        self.finished()

    def tick(self, signal: np.ndarray | None = None, status: Any = None) -> np.ndarray:
        frames = self.kw["blocksize"]
        indata = np.zeros((frames, 1), dtype=np.int16)
        if signal is not None:
            indata[:, 0] = signal[:frames]
        outdata = np.zeros((frames, 1), dtype=np.int16)
        if self.kind == "input":
            self.callback(indata, frames, None, status)
        elif self.kind == "output":
            self.callback(outdata, frames, None, status)
        else:
            self.callback(indata, outdata, frames, None, status)
        return outdata[:, 0].copy()


class FakeSoundDevice:
    """The parts of sounddevice that softphone.devices uses."""

    def __init__(self) -> None:
        self.devices = [
            {
                "name": "Headset",
                "hostapi": 0,
                "max_input_channels": 1,
                "max_output_channels": 2,
                "default_samplerate": 48000.0,
            },
            {
                "name": "Desk speaker",
                "hostapi": 0,
                "max_input_channels": 0,
                "max_output_channels": 2,
                "default_samplerate": 48000.0,
            },
            {
                "name": "default",
                "hostapi": 0,
                "max_input_channels": 2,
                "max_output_channels": 2,
                "default_samplerate": 44100.0,
            },
        ]
        self.streams: list[FakeStream] = []
        self.fail_open: dict[int, bool] = {}
        self.refuse_16k: set[int] = set()
        self.default = type("Default", (), {"device": [-1, -1]})()

    def query_hostapis(self, index: int | None = None) -> Any:
        api = {"name": "Fake", "default_input_device": 2, "default_output_device": 2}
        return api if index is not None else [api]

    @property
    def _lib(self) -> Any:
        return type("Lib", (), {"Pa_GetDefaultHostApi": staticmethod(lambda: 0)})()

    def query_devices(self) -> list[dict[str, Any]]:
        return self.devices

    def check_input_settings(self, device: int, samplerate: int, **_: Any) -> None:
        self._check(device, samplerate)

    def check_output_settings(self, device: int, samplerate: int, **_: Any) -> None:
        self._check(device, samplerate)

    def _check(self, device: int, samplerate: int) -> None:
        if device in self.refuse_16k and samplerate != 48000:
            raise ValueError("Invalid sample rate")

    def InputStream(self, **kw: Any) -> FakeStream:
        return FakeStream("input", self, **kw)

    def OutputStream(self, **kw: Any) -> FakeStream:
        return FakeStream("output", self, **kw)

    def Stream(self, **kw: Any) -> FakeStream:
        return FakeStream("duplex", self, **kw)

    def live(self, kind: str) -> FakeStream:
        return next(s for s in reversed(self.streams) if s.active and s.kind == kind)

    def get_portaudio_version(self) -> tuple[int, str]:
        return (1246720, "PortAudio V19.7.0-devel, revision unknown")


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> FakeSoundDevice:
    sd = FakeSoundDevice()
    monkeypatch.setattr(portaudio, "sd", lambda: sd)
    monkeypatch.setattr(audio, "sd", lambda: sd)
    monkeypatch.setattr(device_stream, "STALL_SECONDS", 0.3)
    return sd


def tone(hz: float, rate: int, count: int, start: int = 0) -> np.ndarray:
    t = (start + np.arange(count)) / rate
    return np.rint(8000 * np.sin(2 * np.pi * hz * t)).astype(np.int16)


def wait_until(predicate: Callable[[], bool], timeout: float = 3.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


def test_named_devices_open_as_separate_streams(fake: FakeSoundDevice) -> None:
    with CallAudio("headset", "Desk") as call:
        assert call.device_names == ("Headset", "Desk speaker")
        assert not call.duplex
        assert fake.live("input").kw["blocksize"] == 320
        assert fake.live("input").kw["samplerate"] == 16000
    assert all(s.closed for s in fake.streams)


def test_one_device_both_ways_is_one_duplex_stream(fake: FakeSoundDevice) -> None:
    with CallAudio("Headset", "Headset") as call:
        assert call.duplex and call.device_names == ("Headset", "Headset")
        duplex = fake.live("duplex")
        duplex.tick(tone(1000, 16000, 320))
        duplex.tick(tone(1000, 16000, 320, 320))
        assert np.frombuffer(call.read_frame(), "<i2").any()


def test_frames_flow_both_ways_after_the_cushion(fake: FakeSoundDevice) -> None:
    with CallAudio("Headset", "Desk speaker") as call:
        mic, speaker = fake.live("input"), fake.live("output")
        assert call.read_frame() == bytes(640)  # nothing captured yet: silence, no waiting
        sent = tone(1000, 16000, 640)
        mic.tick(sent[:320])
        mic.tick(sent[320:])
        assert np.array_equal(np.frombuffer(call.read_frame(), "<i2"), sent[:320])
        call.write_frame(tone(700, 16000, 320).tobytes())
        assert not speaker.tick().any()  # 20 ms is not the 40 ms cushion yet
        call.write_frame(tone(700, 16000, 320, 320).tobytes())
        assert np.array_equal(speaker.tick(), tone(700, 16000, 320))
        assert call.input_level_dbfs() > -20 and call.output_level_dbfs() > -20


class RanDry:
    """PortAudio's status flags (sounddevice.CallbackFlags) when the card played a gap."""

    output_underflow = True

    def __bool__(self) -> bool:
        return True


def test_a_speaker_that_ran_dry_does_not_leave_the_customer_later(fake: FakeSoundDevice) -> None:
    with CallAudio("Headset", "Desk speaker") as call:
        speaker = fake.live("output")
        customer = tone(700, 16000, 320 * 8)
        for n in range(2):
            call.write_frame(customer[n * 320 : (n + 1) * 320].tobytes())
        speaker.tick()  # the customer is heard
        for n in range(2, 8):  # the card's thread was held up: 120 ms piled up meanwhile
            call.write_frame(customer[n * 320 : (n + 1) * 320].tobytes())
        speaker.tick(status=RanDry())  # and PortAudio says the card played a gap
        assert len(call.buffers.speaker) < 2 * 320  # back to the cushion: no 120 ms more delay
        assert "output underflow 1" in call.gaps_and_skips()  # said in the call's log line


def test_a_speaker_callback_later_than_the_card_holds_catches_up(
    fake: FakeSoundDevice, monkeypatch: pytest.MonkeyPatch
) -> None:
    # ALSA's pulse plugin does not always report the gap its card played: the lateness says it.
    now = [100.0]
    monkeypatch.setattr(audio_health.time, "monotonic", lambda: now[0])
    with CallAudio("Headset", "Desk speaker") as call:
        speaker = fake.live("output")
        customer = tone(700, 16000, 320 * 8)
        for n in range(2):
            call.write_frame(customer[n * 320 : (n + 1) * 320].tobytes())
        speaker.tick()
        for n in range(2, 8):  # 120 ms of the customer pile up while the card's thread waits
            call.write_frame(customer[n * 320 : (n + 1) * 320].tobytes())
        now[0] += 0.12  # longer than the card's 40 ms and a block: it played a gap
        speaker.tick()
        assert len(call.buffers.speaker) < 2 * 320


def test_a_device_that_refuses_16khz_is_converted_here(fake: FakeSoundDevice) -> None:
    fake.refuse_16k = {0, 1}
    with CallAudio("Headset", "Desk speaker") as call:
        mic, speaker = fake.live("input"), fake.live("output")
        assert mic.kw["samplerate"] == 48000 and mic.kw["blocksize"] == 960
        for n in range(25):
            mic.tick(tone(1000, 48000, 960, n * 960))
        captured = np.frombuffer(b"".join(call.read_frame() for _ in range(20)), "<i2")
        spectrum = np.abs(np.fft.rfft(captured * np.hanning(captured.size)))
        assert abs(np.argmax(spectrum) * 16000 / captured.size - 1000) < 10
        for n in range(25):
            call.write_frame(tone(700, 16000, 320, n * 320).tobytes())
        played = np.concatenate([speaker.tick() for _ in range(20)])
        spectrum = np.abs(np.fft.rfft(played * np.hanning(played.size)))
        assert abs(np.argmax(spectrum) * 48000 / played.size - 700) < 10


def test_a_missing_device_opens_the_default_and_says_so(fake: FakeSoundDevice) -> None:
    lost: list[tuple[str, str, str]] = []
    with CallAudio("Plantronics", "Desk speaker", on_device_lost=lambda *n: lost.append(n)) as call:
        assert call.device_names == ("default", "Desk speaker")
    assert lost == [("input", "Plantronics", "default")]


def test_unplugging_moves_the_side_to_the_default_and_tells(fake: FakeSoundDevice) -> None:
    lost: list[tuple[str, str, str]] = []
    with CallAudio("Headset", "Desk speaker", on_device_lost=lambda *n: lost.append(n)) as call:
        fake.fail_open[1] = True  # the speaker is gone for good: reopening it fails
        fake.live("output").vanish()
        wait_until(lambda: bool(lost))
        assert lost == [("output", "Desk speaker", "default")]
        assert call.device_names == ("Headset", "default")
        call.write_frame(bytes(640))  # still takes frames


def test_a_glitch_reopens_the_same_device_without_alarm(fake: FakeSoundDevice) -> None:
    lost: list[tuple[str, str, str]] = []
    with CallAudio("Headset", "Desk speaker", on_device_lost=lambda *n: lost.append(n)) as call:
        first = fake.live("output")
        first.vanish()
        wait_until(lambda: any(s.active and s.kind == "output" for s in fake.streams))
        assert fake.live("output") is not first
        assert call.device_names == ("Headset", "Desk speaker")
    assert lost == []


def test_a_stalled_device_is_replaced(fake: FakeSoundDevice) -> None:
    lost: list[tuple[str, str, str]] = []
    with CallAudio("Headset", "Desk speaker", on_device_lost=lambda *n: lost.append(n)) as call:
        # Nobody ticks the streams: after the stall time the watchdog gives up on them, tries
        # each device once more, then goes to the default (one duplex stream, both ways).
        wait_until(lambda: len(lost) >= 2, timeout=5)
        assert sorted(lost) == [
            ("input", "Headset", "default"),
            ("output", "Desk speaker", "default"),
        ]
        assert call.device_names == ("default", "default")


def test_with_no_device_at_all_the_call_goes_on_silent(fake: FakeSoundDevice) -> None:
    fake.fail_open = {0: True, 1: True, 2: True}
    lost: list[tuple[str, str, str]] = []
    with CallAudio("Headset", "", on_device_lost=lambda *n: lost.append(n)) as call:
        assert call.device_names == ("", "")
        assert call.read_frame() == bytes(640)
        call.write_frame(bytes(640))
    assert ("input", "Headset", "") in lost and ("output", "", "") in lost


def test_stop_is_idempotent_and_safe_from_the_device_lost_callback(
    fake: FakeSoundDevice,
) -> None:
    done = threading.Event()
    call: CallAudio

    def on_lost(role: str, old: str, new: str) -> None:
        call.stop()
        done.set()

    call = CallAudio("Headset", "Desk speaker", on_device_lost=on_lost)
    call.start()
    fake.fail_open[1] = True
    fake.live("output").vanish()
    assert done.wait(3)
    call.stop()
    assert call.device_names == ("", "")


def test_restart_on_moves_a_running_call(fake: FakeSoundDevice) -> None:
    with CallAudio("Headset", "Headset") as call:
        call.write_frame(tone(700, 16000, 320).tobytes())
        call.restart_on("Headset", "Desk speaker")
        assert call.device_names == ("Headset", "Desk speaker") and not call.duplex
        call.write_frame(tone(700, 16000, 320, 320).tobytes())
        assert fake.live("output").tick().any()  # the frames buffered before the move play


def test_without_portaudio_start_says_audio_is_unavailable(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken() -> Any:
        raise AudioUnavailable("audio system unavailable: PortAudio library not found")

    monkeypatch.setattr(audio, "sd", broken)
    with pytest.raises(AudioUnavailable):
        CallAudio("", "").start()


def test_the_ringer_loops_the_cadence_on_its_device(fake: FakeSoundDevice) -> None:
    ringer = Ringer("desk")
    ringer.start()
    ringer.start()  # already ringing: nothing more
    stream = fake.live("output")
    assert ringer.device == "Desk speaker" and stream.kw["samplerate"] == 16000
    first = stream.tick()
    assert first.any()
    ringer.stop()
    ringer.stop()
    assert not ringer.ringing and stream.closed


def test_a_ring_device_that_is_missing_rings_on_the_default(fake: FakeSoundDevice) -> None:
    ringer = Ringer("Bluetooth speaker")
    ringer.start()
    assert ringer.device == "default"
    ringer.stop()


def test_the_portaudio_version_is_reported(fake: FakeSoundDevice) -> None:
    assert audio.portaudio_version().startswith("PortAudio V19")
