"""Choosing a device by the name the agent picked, on a made-up device list (no sound card)."""

from __future__ import annotations

from softphone.devices.portaudio import AudioDevice, find_device


def device(
    index: int, name: str, api: str = "ALSA", inputs: int = 2, outputs: int = 2, **flags: bool
) -> AudioDevice:
    return AudioDevice(index, name, api, inputs, outputs, 48000.0, **flags)


DEVICES = [
    device(0, "HDA Intel PCH: ALC257 Analog (hw:0,0)"),
    device(1, "Jabra Evolve2 65: USB Audio (hw:1,0)"),
    device(2, "Jabra Evolve2 65 Mic", inputs=1, outputs=0),
    device(3, "agent_speaker", inputs=0),
    device(4, "agent_speaker_hd", inputs=0),
    device(5, "pulse"),
    device(6, "default", is_default_input=True, is_default_output=True),
]


def name_of(found: AudioDevice | None) -> str | None:
    return found.name if found is not None else None


def test_an_exact_name_wins_over_a_longer_name_containing_it() -> None:
    assert name_of(find_device("agent_speaker", "output", DEVICES)) == "agent_speaker"


def test_a_part_of_the_name_in_any_case_finds_the_device() -> None:
    assert (
        name_of(find_device("jabra", "output", DEVICES)) == "Jabra Evolve2 65: USB Audio (hw:1,0)"
    )
    assert name_of(find_device("ALC257", "input", DEVICES)) == DEVICES[0].name


def test_only_devices_that_can_do_the_job_match() -> None:
    assert find_device("agent_speaker", "input", DEVICES) is None
    assert name_of(find_device("Jabra Evolve2 65 Mic", "input", DEVICES)) == "Jabra Evolve2 65 Mic"
    assert name_of(find_device("Mic", "output", DEVICES)) is None


def test_an_empty_name_is_the_system_default() -> None:
    assert name_of(find_device("", "input", DEVICES)) == "default"
    assert name_of(find_device("", "output", DEVICES)) == "default"
    assert find_device("", "output", DEVICES[:3]) is None  # no default at all


def test_unknown_names_find_nothing() -> None:
    assert find_device("Plantronics", "output", DEVICES) is None


def test_the_default_host_api_wins_among_equal_names() -> None:
    # Windows lists one headset under MME, DirectSound and WASAPI.
    devices = [
        device(0, "Headset (Jabra)", "MME"),
        device(1, "Headset (Jabra)", "Windows WASAPI"),
        device(2, "Speakers", "Windows WASAPI", is_default_output=True, is_default_input=True),
    ]
    assert find_device("Headset (Jabra)", "output", devices) == devices[1]
    assert find_device("jabra", "input", devices) == devices[1]
