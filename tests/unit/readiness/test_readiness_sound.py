"""What the sound server says about a device, and how the speaker check finds its tone."""

import json

import numpy as np

from softphone.devices.readiness.sound_server import RATE, parse_devices
from softphone.devices.readiness.speaker import test_tone as make_tone
from softphone.devices.readiness.speaker import tone_band_dbfs


def test_sinks_are_read_with_mute_volume_and_monitor() -> None:
    text = json.dumps(
        [
            {
                "index": 3,
                "name": "alsa_output.usb-Jabra",
                "description": "Jabra Evolve2 65",
                "mute": True,
                "volume": {"front-left": {"value": 32768}, "front-right": {"value": 16384}},
                "monitor_source": "alsa_output.usb-Jabra.monitor",
            },
            {"index": "bad"},
        ]
    )
    [sink] = parse_devices(text, "output")
    assert sink.index == 3 and sink.description == "Jabra Evolve2 65"
    assert sink.muted and sink.volume_pct == 50
    assert sink.monitor == "alsa_output.usb-Jabra.monitor"


def test_garbage_from_the_server_reads_as_nothing() -> None:
    assert parse_devices("not json", "input") == []
    assert parse_devices("", "input") == []
    assert parse_devices('{"index": 1}', "input") == []


def test_the_tone_is_found_at_its_level_and_noise_is_not_the_tone() -> None:
    tone = make_tone(1.0)  # -20 dBFS peak: -23 dBFS RMS
    assert abs(tone_band_dbfs(tone) - -23.0) < 0.5
    other = np.rint(3000 * np.sin(2 * np.pi * 300 * np.arange(RATE) / RATE)).astype(np.int16)
    assert tone_band_dbfs(other) < -60
    assert tone_band_dbfs(np.zeros(RATE, dtype=np.int16)) == -120.0
    assert tone_band_dbfs(np.zeros(10, dtype=np.int16)) == -120.0
