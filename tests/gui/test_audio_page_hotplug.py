"""Settings' audio page follows headsets plugged in and out while it is open (issue 15), on a
real PulseAudio: a headset plugged in appears in the lists, one unplugged stays chosen marked
"(not connected)" with the page saying so, and closing Settings stops the device watch.

A USB headset is plugged the way the machine sees one: a card that ALSA (so PortAudio) names —
here an ALSA PCM of type pulse added to the lab's asound.conf — and a sink on the sound server.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from softphone.gui.settings_dialog import SettingsDialog
from tests.gui.test_settings_dialog import no_provisioning  # noqa: F401 - fixture
from tests.integration.conftest import pulse, pulse_server  # noqa: F401 - fixtures
from tests.integration.peers.pulse import PulseServer, alsa_config

pytestmark = pytest.mark.integration

WAIT_MS = 15000  # pactl's event, the watch's settle, a PortAudio re-scan: seconds when busy
HEADSET = "usb_headset"


def plug(server: PulseServer, name: str) -> None:
    with server.alsa_conf.open("a") as conf:
        conf.write(alsa_config({name: name}))
    server.add_sink(name, "device.form_factor=headset")


def unplug(server: PulseServer, name: str) -> None:
    lines = server.alsa_conf.read_text().splitlines(keepends=True)
    server.alsa_conf.write_text("".join(x for x in lines if not x.startswith(f"pcm.{name} ")))
    server.remove_sink(name)


def items(combo) -> list[str]:
    return [combo.itemText(i) for i in range(combo.count())]


@pytest.fixture
def open_audio_page(
    qtbot,
    pulse_server: PulseServer,  # noqa: F811
    profile_folder: Path,
    no_provisioning: Path,  # noqa: F811
) -> Iterator[Callable[[], SettingsDialog]]:
    """Opens the first-run screen (no session) on the audio page; closed before the sound server
    stops (a stream left open on a server that went away makes PortAudio spin)."""
    opened: list[SettingsDialog] = []

    def open_page() -> SettingsDialog:
        dialog = SettingsDialog(profile_folder, first_run=True)
        qtbot.addWidget(dialog)
        opened.append(dialog)
        dialog.show()
        dialog.ui.pages.setCurrentRow(1)
        # Plugging before the watch's first look would not be seen as a change (the old page,
        # with no watch, fails on what follows rather than here).
        watch = getattr(dialog.audio, "watch", None)
        qtbot.waitUntil(lambda: getattr(watch, "looked", True), timeout=WAIT_MS)
        return dialog

    yield open_page
    for dialog in opened:
        dialog.reject()


def watchers_left() -> list[str]:
    """This process's device-watch threads and `pactl subscribe` children."""
    left = [t.name for t in threading.enumerate() if t.name == "device-watch" and t.is_alive()]
    for entry in Path("/proc").iterdir():
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except (OSError, ValueError):
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        if parent == os.getpid() and "pactl" in cmdline and "subscribe" in cmdline:
            left.append(cmdline.strip())
    return left


def test_a_headset_plugged_in_appears_in_the_lists(
    qtbot,
    pulse_server: PulseServer,  # noqa: F811
    open_audio_page,
) -> None:
    dialog = open_audio_page()
    ui = dialog.ui
    ui.output.setCurrentIndex(ui.output.findData("agent_speaker"))
    assert ui.output.findData(HEADSET) < 0
    plug(pulse_server, HEADSET)
    qtbot.waitUntil(
        lambda: ui.output.findData(HEADSET) >= 0 and ui.ring.findData(HEADSET) >= 0,
        timeout=WAIT_MS,
    )
    assert ui.output.currentData() == "agent_speaker"  # the agent's choice stays
    assert items(ui.output)[0] == "System default" and ui.ring.currentData() == ""
    assert dialog.audio.devices_note.isVisible()
    assert dialog.audio.devices_note.text() == f"Plugged in: {HEADSET}"


def test_the_chosen_headset_unplugged_stays_chosen_marked_not_connected(
    qtbot,
    pulse_server: PulseServer,  # noqa: F811
    open_audio_page,
) -> None:
    dialog = open_audio_page()
    ui = dialog.ui
    plug(pulse_server, HEADSET)
    qtbot.waitUntil(lambda: ui.input.findData(HEADSET) >= 0, timeout=WAIT_MS)
    for combo in (ui.input, ui.output):
        combo.setCurrentIndex(combo.findData(HEADSET))
    unplug(pulse_server, HEADSET)
    qtbot.waitUntil(
        lambda: dialog.audio.devices_note.text().startswith("Unplugged"), timeout=WAIT_MS
    )
    assert dialog.audio.devices_note.text() == f"Unplugged: {HEADSET}"
    for combo in (ui.input, ui.output):
        assert combo.currentData() == HEADSET  # not silently switched
        assert combo.currentText() == f"{HEADSET} (not connected)"
    assert "agent_speaker" in items(ui.ring) and "System default" in items(ui.ring)
    # The microphone meter was on the headset: the page says it is gone, and nothing is open.
    assert ui.audio_trouble.text().startswith(f"{HEADSET} is not connected")
    assert ui.input_meter.value() == 0
    ui.pages.setCurrentRow(0)
    ui.pages.setCurrentRow(1)  # back on the page: still chosen, still said
    assert ui.input.currentData() == HEADSET
    assert ui.audio_trouble.text().startswith(f"{HEADSET} is not connected")


def test_closing_settings_stops_the_device_watch(qtbot, open_audio_page) -> None:
    dialog = open_audio_page()
    qtbot.waitUntil(lambda: len(watchers_left()) == 2, timeout=WAIT_MS)  # thread + pactl
    dialog.reject()
    assert watchers_left() == []


def test_without_a_sound_server_the_page_looks_again(
    qtbot,
    pulse_server: PulseServer,  # noqa: F811
    open_audio_page,
    monkeypatch,
) -> None:
    """Windows and macOS have no sound server to tell of a plug (here: pactl made to find no
    server; PortAudio still plays through the lab's ALSA names): the page re-reads PortAudio."""
    from softphone.devices.readiness.sound_server import SoundServer
    from softphone.gui import audio_page

    monkeypatch.setattr(SoundServer, "devices", lambda self, kind: None)
    monkeypatch.setattr(audio_page, "PORTAUDIO_REREAD_MS", 300, raising=False)
    dialog = open_audio_page()
    ui = dialog.ui
    plug(pulse_server, HEADSET)
    qtbot.waitUntil(lambda: ui.output.findData(HEADSET) >= 0, timeout=WAIT_MS)
    assert dialog.audio.devices_note.text() == f"Plugged in: {HEADSET}"
    ui.output.setCurrentIndex(ui.output.findData(HEADSET))
    unplug(pulse_server, HEADSET)
    qtbot.waitUntil(lambda: "not connected" in ui.output.currentText(), timeout=WAIT_MS)
    assert dialog.audio.devices_note.text() == f"Unplugged: {HEADSET}"
