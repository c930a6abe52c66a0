"""The microphone and speaker checks on real devices: PulseAudio null sinks through PortAudio.

What an agent would notice: a voice into the microphone passes with its level, silence and a
muted microphone fail with the fix to apply, the speaker's own tone is heard back through the
sink's monitor, a muted speaker fails, and pulling the headset mid-check ends the check on time
with that reason. Devices are named as in peers/pulse.py ("agent_mic" hears "mic_feed").
"""

from __future__ import annotations

import re
import threading
import time

import pytest

from softphone.devices.readiness.microphone import check_microphone
from softphone.devices.readiness.report import Check
from softphone.devices.readiness.sound_server import SoundServer
from softphone.devices.readiness.speaker import check_speaker
from tests.integration.lab.tools import wait_for
from tests.integration.peers.pulse import PulseServer

pytestmark = pytest.mark.integration


def test_a_voice_into_the_microphone_passes_with_its_level(pulse_server: PulseServer) -> None:
    check = _microphone_hearing(pulse_server, level_dbfs=-10)
    assert check.status == "pass", check
    assert check.device == "agent_mic"
    assert isinstance(check.value, float) and -18 < check.value < -10  # the tone: -13 dBFS RMS
    assert check.details["clipped_pct"] == 0


def test_a_silent_microphone_fails_and_says_what_to_check(pulse_server: PulseServer) -> None:
    check = check_microphone("agent_mic")
    assert check.status == "fail"
    assert "silent" in check.summary
    assert "muted or unplugged" in check.fix
    assert check.value == -120.0


def test_a_microphone_muted_in_the_system_is_named_as_such(pulse_server: PulseServer) -> None:
    pulse_server.pactl_run("set-source-mute", "mic_feed.monitor", "1")
    voice = pulse_server.play_tone("mic_feed", 1000, 5.0)
    try:
        check = check_microphone("agent_mic")
    finally:
        voice.kill()
    assert check.status == "fail"
    assert "muted in the system settings" in check.fix


def test_a_clipping_microphone_is_a_warning(pulse_server: PulseServer) -> None:
    check = _microphone_hearing(pulse_server, level_dbfs=0)  # peaks at full scale
    assert check.status == "warn"
    assert "too loud" in check.summary and "down" in check.fix


def test_a_missing_microphone_checks_the_default_and_says_so(pulse_server: PulseServer) -> None:
    # The default source is the default sink's monitor: play the "voice" there.
    voice = pulse_server.play_tone("lab_default", 1000, 5.0)
    try:
        time.sleep(0.3)
        check = check_microphone("Jabra Evolve")
    finally:
        voice.kill()
    assert check.status == "warn"
    assert "'Jabra Evolve' is not connected" in check.summary
    assert check.details["fell_back_from"] == "Jabra Evolve"


def test_the_speaker_hears_its_own_tone_through_the_monitor(pulse_server: PulseServer) -> None:
    check = check_speaker("agent_speaker")
    assert check.status == "pass", check
    assert check.details["verified"] is True and check.ask == ""
    assert isinstance(check.value, float) and -30 < check.value < -18  # -23 dBFS RMS played


def test_the_ring_device_is_checked_on_its_own_sink(pulse_server: PulseServer) -> None:
    speaker = pulse_server.start_recording("agent_speaker.monitor")
    check = check_speaker("agent_ring", name="ring")
    on_speaker = speaker.stop()
    assert check.status == "pass" and check.name == "ring" and check.device == "agent_ring"
    assert not on_speaker.any()  # the headset stayed quiet


def test_a_muted_speaker_fails_with_the_setting_to_change(pulse_server: PulseServer) -> None:
    pulse_server.pactl_run("set-sink-mute", "agent_speaker", "1")
    check = check_speaker("agent_speaker")
    assert check.status == "fail"
    assert "muted in the system settings" in check.fix


def test_without_a_sound_server_the_agent_is_asked(pulse_server: PulseServer) -> None:
    check = check_speaker("agent_speaker", server=SoundServer(enabled=False))
    assert check.status == "pass"
    assert check.ask == "Did you hear the test tone?"
    assert check.details["verified"] is False


def test_unplugging_the_headset_mid_check_fails_on_time(pulse_server: PulseServer) -> None:
    unplug = threading.Timer(0.6, pulse_server.remove_sink, args=("agent_speaker",))
    began = time.monotonic()
    unplug.start()
    try:
        check = check_speaker("agent_speaker", seconds=3.0)
    finally:
        unplug.join()
    assert time.monotonic() - began < 6.0
    assert check.status == "fail"
    # "was disconnected" when the server moved our stream first, "stopped" when PortAudio's
    # stream died first: which one wins is a race on a loaded machine; both fail the check.
    assert re.search(r"(was disconnected|stopped) during the test", check.summary), check


def test_losing_the_microphone_mid_check_fails_on_time(pulse_server: PulseServer) -> None:
    voice = pulse_server.play_tone("mic_feed", 1000, 5.0)
    unplug = threading.Timer(0.6, pulse_server.remove_sink, args=("mic_feed",))
    began = time.monotonic()
    unplug.start()
    try:
        check = check_microphone("agent_mic", seconds=3.0)
    finally:
        unplug.join()
        voice.kill()
    assert time.monotonic() - began < 6.0
    assert check.status == "fail"
    assert "during the test" in check.summary


def test_a_speaker_turned_down_low_warns(pulse_server: PulseServer) -> None:
    pulse_server.pactl_run("set-sink-volume", "agent_speaker", "10%")
    check = check_speaker("agent_speaker")
    assert check.status == "warn"
    assert "turned down to 10 %" in check.summary and "volume up" in check.fix


def test_a_microphone_turned_down_low_warns(pulse_server: PulseServer) -> None:
    pulse_server.pactl_run("set-source-volume", "mic_feed.monitor", "10%")
    check = _microphone_hearing(pulse_server)
    assert check.status == "warn"
    assert "input volume is at 10 %" in check.summary and "up" in check.fix


def _microphone_hearing(pulse_server: PulseServer, **tone: float) -> Check:
    """The microphone check while a 1 kHz voice plays into the agent's microphone."""
    voice = pulse_server.play_tone("mic_feed", 1000, 5.0, **tone)
    try:
        time.sleep(0.3)
        return check_microphone("agent_mic")
    finally:
        voice.kill()


def test_another_app_playing_to_the_speaker_does_not_fail_the_check(
    pulse_server: PulseServer,
) -> None:
    # A media player (or a colleague's softphone) already plays into the agent's sink, which —
    # like a real headset's sink — nobody records from. The speaker works: the check must say
    # so, not "stopped during the test — check that the headset is plugged in" (issue 15).
    pulse_server.stop_keeper("agent_speaker")
    music = pulse_server.play_tone("agent_speaker", 440, 20.0, level_dbfs=-20)
    try:
        wait_for(lambda: _playing_into(pulse_server, "agent_speaker"), 10, "the other app")
        checks = [check_speaker("agent_speaker") for _ in range(2)]
    finally:
        music.kill()
        music.wait()
    for check in checks:
        assert check.status == "pass", check
        assert "during the test" not in check.summary
        assert check.details["verified"] is True


def _playing_into(pulse: PulseServer, sink: str) -> bool:
    """A stream plays into `sink` (the sink is RUNNING)."""
    lines = pulse.pactl_run("list", "short", "sinks").splitlines()
    return any(line.split("\t")[1:2] == [sink] and "RUNNING" in line for line in lines)
