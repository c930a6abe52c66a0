"""The call card's level meter: dBFS → a 0-100 bar, the voice-cleaning stages in words, polling
only while a call is up, the silent-microphone hint; and, with the real core, a call to the far
phone through the lab's Kamailio with PulseAudio null sinks as the headset: the bars leave the
floor when the customer and the agent make sound, and the words say the cleaning the settings
asked for."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from softphone.config import SETTINGS_FILE
from softphone.events import AudioLevels, CallEnded, CallState
from softphone.gui.level_texts import bar_value, eased, stage_tooltip, stage_words
from tests.gui.helpers import CALLEE, lab_profile, publish_from_another_thread
from tests.integration.conftest import (  # noqa: F401 - fixtures
    far_end_factory,
    kamailio,
    pulse,
    pulse_server,
)
from tests.integration.peers.voice_signals import talk_spurts


@pytest.mark.parametrize(
    ("dbfs", "bar"),
    [(-120.0, 0), (-61.0, 0), (-60.0, 0), (-45.0, 25), (-30.0, 50), (-6.0, 90), (0.0, 100)],
)
def test_dbfs_to_the_bar(dbfs: float, bar: int) -> None:
    assert bar_value(dbfs) == bar
    assert bar_value(3.0) == 100  # a clipped frame fills the bar, no more


def test_the_bar_rises_at_once_and_falls_gently() -> None:
    assert eased(10, 80, 0.15) == 80  # a syllable shows as it is said
    assert eased(80, 0, 0.15) == 68  # silence: down by 80 a second, not at once
    assert eased(80, 70, 1.0) == 70  # never below what the core says
    assert eased(80, 0, 2.0) == 0


@pytest.mark.parametrize(
    ("processing", "words"),
    [
        ((), "Voice cleaning off"),
        (("aec",), "Echo cancellation"),
        (("ns",), "Noise suppression"),
        (("agc",), "Auto gain"),
        (("hpf",), "Rumble filter"),
        (("agc", "ns"), "Noise suppression · Auto gain"),  # always in the same order
        (
            ("aec", "ns", "agc", "hpf"),
            "Echo cancellation · Noise suppression · Auto gain · Rumble filter",
        ),
    ],
)
def test_the_cleaning_stages_in_words(processing: tuple[str, ...], words: str) -> None:
    assert stage_words(processing) == words
    tip = stage_tooltip(processing)
    for stage in words.split(" · ") if processing else ():
        assert f"{stage}:" in tip  # each stage on is explained
    assert ("Echo cancellation:" in tip) == ("aec" in processing)


def test_the_meter_polls_only_during_a_call_and_hints_at_a_silent_microphone(qtbot, window) -> None:
    session, main = window
    meter = main.card.levels
    assert not meter.poll.isActive() and not meter.isVisible()  # idle: no polling
    now = [1000.0]
    meter.clock = lambda: now[0]
    publish_from_another_thread(
        session, CallState(call="c1", state="confirmed", direction="inbound", remote=CALLEE)
    )
    qtbot.waitUntil(lambda: meter.isVisible() and meter.poll.isActive())
    main.card.on_event(AudioLevels(input_dbfs=-30, output_dbfs=-20, sent_dbfs=-33))
    assert (meter.mic.value(), meter.customer.value(), meter.voice.value()) == (50, 67, 45)
    assert meter.cleaning.text() == "Voice cleaning off"
    assert not meter.hint.isVisible()

    now[0] += 20.0  # the microphone falls silent while the agent listens, unmuted
    main.card.on_event(AudioLevels(input_dbfs=-120, output_dbfs=-20, sent_dbfs=-120))
    assert meter.hint.isVisible() and meter.hint.text() == "No sound from your microphone"
    qtbot.mouseClick(main.card.ui.mute, Qt.MouseButton.LeftButton)  # silent on purpose
    assert not meter.hint.isVisible()
    now[0] += 20.0
    main.card.on_event(AudioLevels(input_dbfs=-120, processing=("aec", "agc")))
    assert not meter.hint.isVisible()
    assert meter.cleaning.text() == "Echo cancellation · Auto gain"
    assert meter.cleaning.accessibleName() == "Voice cleaning: Echo cancellation · Auto gain"
    qtbot.mouseClick(main.card.ui.mute, Qt.MouseButton.LeftButton)  # unmuted: time again
    main.card.on_event(AudioLevels(input_dbfs=-120))
    assert not meter.hint.isVisible()

    publish_from_another_thread(session, CallEnded(call="c1", code=200, remote=CALLEE))
    qtbot.waitUntil(lambda: not meter.isVisible())
    assert not meter.poll.isActive()  # the call is gone: so is the polling
    assert {bar.value() for bar in meter.bars} == {0}


def headset_profile(folder: Path, server: str, echo: str) -> None:
    lab_profile(folder, server, "agent1", "secret1")
    with (folder / SETTINGS_FILE).open("a", encoding="utf-8") as settings:
        settings.write(
            '[audio]\ninput = "agent_mic"\noutput = "agent_speaker"\nring = "agent_ring"\n'
            f'echo_cancellation = "{echo}"\nauto_gain = {"true" if echo == "off" else "false"}\n'
        )


@pytest.mark.integration
@pytest.mark.parametrize(
    ("echo", "words"),
    [
        ("on", "Echo cancellation · Noise suppression · Rumble filter"),
        ("off", "Noise suppression · Auto gain · Rumble filter"),
    ],
)
def test_a_real_call_moves_the_meter_and_says_the_cleaning_on(
    qtbot,
    kamailio,  # noqa: F811
    pulse_server,  # noqa: F811
    far_end_factory,  # noqa: F811
    profile_folder: Path,
    open_window,
    echo: str,
    words: str,
) -> None:
    headset_profile(profile_folder, kamailio.server("udp"), echo)
    far_end_factory("agent2", "secret2", auto_answer="200", tone_hz=800)  # the customer talks
    session, main = open_window()
    meter = main.card.levels
    qtbot.waitUntil(lambda: session.snapshot().registration is not None, timeout=15000)
    assert not meter.poll.isActive()  # registered, no call: nothing polls
    peaks = {"voice": 0, "mic": 0, "customer": 0}
    for name in peaks:
        getattr(meter, name).valueChanged.connect(
            lambda value, name=name: peaks.__setitem__(name, max(peaks[name], value))
        )
    main.number.setText("agent2")
    qtbot.waitUntil(lambda: main.ui.call_button.isEnabled(), timeout=10000)
    qtbot.mouseClick(main.ui.call_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: meter.isVisible() and meter.poll.isActive(), timeout=15000)
    qtbot.waitUntil(lambda: peaks["customer"] > 30, timeout=15000)  # the customer's tone
    voice = pulse_server.play("mic_feed", talk_spurts(900, 20.0, -20.0))  # the agent speaks
    try:
        qtbot.waitUntil(lambda: peaks["mic"] > 30 and peaks["voice"] > 20, timeout=15000)
    finally:
        voice.kill()
    assert meter.cleaning.text() == words
    assert ("Echo cancellation" in meter.cleaning.toolTip()) == (echo == "on")
    qtbot.mouseClick(main.card.ui.hang_up, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: main.calls.count() == 0, timeout=10000)
    assert not meter.poll.isActive() and not meter.isVisible()
