"""What counts as a headset, and what a change of the device list added."""

import pytest

from softphone.devices.hotplug import DeviceList, looks_like_headset


@pytest.mark.parametrize(
    ("name", "form", "headset"),
    [
        ("Jabra Evolve2 65", "", True),
        ("alsa_output.usb-GN_Netcom_A_S_Jabra_EVOLVE_LINK", "", True),
        ("Poly Blackwire 3320", "", True),
        ("Headset Earphone (Realtek)", "", True),
        ("bluez_sink.AC_12_2F", "headset", True),
        ("Built-in Audio Analog Stereo", "", False),
        ("HDMI / DisplayPort", "speaker", False),
        ("Polymer Speakers", "", False),  # "poly" only as a word
    ],
)
def test_headsets_by_name_or_form_factor(name: str, form: str, headset: bool) -> None:
    assert looks_like_headset(name, form) is headset


def test_added_names_the_new_devices_only() -> None:
    before = DeviceList(inputs=("mic",), outputs=("speakers",))
    after = DeviceList(inputs=("mic", "jabra_mic"), outputs=("jabra",))
    assert after.added(before) == ["jabra_mic", "jabra"]
    assert before.added(before) == []
