"""Hot-plug on a real PulseAudio: the device list follows plugging and unplugging without a
restart, a headset plugged in mid-call takes the call over, and a configured headset that comes
back gets the call back — each time without the call's audio clock stopping.
"""

from __future__ import annotations

import queue
import threading
import time

import pytest

from softphone.devices.audio import CallAudio
from softphone.devices.hotplug import DeviceList, DeviceWatch, current_devices, follow_policy
from softphone.devices.readiness.sound_server import SoundServer
from tests.integration.peers.pulse import PulseServer, dominant_hz, rms_dbfs, tone
from tests.integration.test_audio_devices import MediaClock

pytestmark = pytest.mark.integration

RATE = 16000


def test_the_list_follows_plugging_without_a_restart(pulse_server: PulseServer) -> None:
    changes: queue.Queue[tuple[DeviceList, DeviceList]] = queue.Queue()
    watch = DeviceWatch(lambda old, new: changes.put((old, new)), interval=0.2)
    watch.start()
    try:
        assert watch.wait_first_look()
        first, same = changes.get(timeout=5)
        assert first == same and "agent_speaker" in first.outputs
        assert watch.devices.source == "sound-server"
        pulse_server.add_sink("usb_headset", "device.form_factor=headset")
        old, new = changes.get(timeout=5)
        assert new.added(old) == ["usb_headset"]
        assert new.headset_outputs == ("usb_headset",)
        pulse_server.remove_sink("usb_headset")
        _, after = changes.get(timeout=5)
        assert "usb_headset" not in after.outputs
    finally:
        watch.stop()
    assert "mic_feed.monitor" not in watch.devices.inputs  # monitors are not microphones


def test_a_headset_plugged_in_mid_call_takes_the_call(pulse_server: PulseServer) -> None:
    server = SoundServer()
    audio = CallAudio("", "")  # the agent chose no device: the policy may pick a headset
    with audio, MediaClock(audio, tone(700, 1.0)) as clock:
        time.sleep(0.5)
        before = current_devices(server)
        pulse_server.add_sink("usb_headset", "device.form_factor=headset")
        now = current_devices(server)
        assert before is not None and now is not None
        done = follow_policy(audio, ("", ""), before, now, server)
        assert done == ["output moved to usb_headset"]
        time.sleep(0.3)
        headset = pulse_server.start_recording("usb_headset.monitor")
        speakers = pulse_server.start_recording("lab_default.monitor")
        frames = len(clock.received)
        time.sleep(1.5)
        on_headset, on_speakers = headset.stop(), speakers.stop()
        assert len(clock.received) > frames + 50  # the call's clock never stopped
    assert abs(dominant_hz(on_headset[RATE // 2 :]) - 700) < 20
    assert rms_dbfs(on_speakers[RATE // 2 :]) == -120.0


def test_the_configured_headset_gets_the_call_back(pulse_server: PulseServer) -> None:
    server = SoundServer()
    lost: list[tuple[str, str, str]] = []
    audio = CallAudio("agent_mic", "agent_speaker", on_device_lost=lambda *n: lost.append(n))
    with audio, MediaClock(audio, tone(700, 1.0)):
        time.sleep(0.5)
        before = current_devices(server)
        pulse_server.remove_sink("agent_speaker")  # unplugged: the call goes to the default
        deadline = time.monotonic() + 5
        while audio.device_names[1] != "default" and time.monotonic() < deadline:
            time.sleep(0.05)
        assert audio.device_names == ("agent_mic", "default")
        gone = current_devices(server)
        assert before is not None and gone is not None
        assert follow_policy(audio, ("agent_mic", "agent_speaker"), before, gone, server) == []
        pulse_server.add_sink("agent_speaker")  # plugged back in
        back = current_devices(server)
        assert back is not None
        done = follow_policy(audio, ("agent_mic", "agent_speaker"), gone, back, server)
        assert done and audio.device_names == ("agent_mic", "agent_speaker")
        time.sleep(0.3)
        heard = pulse_server.record("agent_speaker.monitor", 1.5)
    assert abs(dominant_hz(heard[RATE // 2 :]) - 700) < 20
    assert lost == [("output", "agent_speaker", "default")]


def test_the_watch_stops_promptly(pulse_server: PulseServer) -> None:
    watch = DeviceWatch(lambda old, new: None, interval=0.2)
    watch.start()
    began = time.monotonic()
    watch.stop()
    assert time.monotonic() - began < 2.0
    assert not any(t.name == "device-watch" and t.is_alive() for t in threading.enumerate())


def test_the_headless_agent_tells_when_a_device_is_plugged_in(
    make_agent, pulse: PulseServer
) -> None:
    agent = make_agent("agent1", "secret1", env=pulse.child_env)
    agent.expect("registered", timeout=15)
    first = agent.expect("devices", timeout=10)  # the list as found at start
    assert "agent_speaker" in first["outputs"] and first["added"] == []
    pulse.add_sink("usb_headset", "device.form_factor=headset")
    event = agent.expect("devices", timeout=10)
    assert event["added"] == ["usb_headset"] and "usb_headset" in event["outputs"]
    pulse.remove_sink("usb_headset")
    event = agent.expect("devices", timeout=10)
    assert event["removed"] == ["usb_headset"]
    assert agent.stop() == 0
