"""The readiness screen against the real core: the lab's Kamailio as the registrar, PulseAudio
null sinks as the headset (peers/pulse.py: "agent_mic" hears what plays into "mic_feed"), the
real microphone, speaker, network and Qt Multimedia camera checks run off the GUI thread.

What the agent notices: with `required_for_available`, Available is refused until the check
passes; the screen opens by itself at sign-in, the microphone's meter moves while they speak,
the tone plays and they are asked whether they heard it; the answer is journaled with the
report, and "Go Available" then makes them Available.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from softphone.config import SETTINGS_FILE, load_profile
from softphone.events import ReadinessChecked, Registered
from softphone.journal.store import journal_path
from tests.gui.helpers import heard, lab_profile, pick
from tests.integration.conftest import kamailio, pulse, pulse_server  # noqa: F401 - fixtures

pytestmark = pytest.mark.integration

HEADSET = (
    '[audio]\ninput = "agent_mic"\noutput = "agent_speaker"\nring = "agent_ring"\n'
    "[readiness]\nprobe_packets = 5\nrequired_for_available = true\n"
)


def required_profile(folder: Path, server: str) -> None:
    lab_profile(folder, server, "agent1", "secret1")
    with (folder / SETTINGS_FILE).open("a", encoding="utf-8") as settings:
        settings.write(HEADSET)


def test_passing_the_check_in_the_window_is_how_the_agent_goes_available(
    qtbot,
    kamailio,  # noqa: F811
    pulse_server,  # noqa: F811
    profile_folder: Path,
    open_window,
) -> None:
    required_profile(profile_folder, kamailio.server("udp"))
    voice = pulse_server.play_tone("mic_feed", 300, 60.0, level_dbfs=-20)  # the agent speaks
    try:
        session, main = open_window()
        events = heard(session)
        qtbot.waitUntil(lambda: session.snapshot().registration is not None, timeout=15000)
        assert isinstance(session.snapshot().registration, Registered)

        # Before any check: Available is refused, in words, and the screen comes up.
        pick(main, "Available")
        assert session.agent_state.status.value != "available"
        assert "readiness check is required" in main.status_panel.refusal.text()
        dialog = main.readiness.dialog
        assert dialog is not None and dialog.isVisible()

        levels: list[int] = []
        dialog.ui.micLevel.valueChanged.connect(levels.append)
        qtbot.waitUntil(lambda: dialog.ui.heardYes.isVisible(), timeout=60000)
        assert max(levels, default=0) > 40  # the meter moved while the agent spoke
        assert dialog.rows.verdict("microphone") == "pass"
        assert dialog.rows.verdict("speaker") == "pass"
        assert dialog.rows.verdict("registration") == "pass"
        assert dialog.rows.verdict("camera") == "skip"  # no camera here, none configured
        assert not dialog.ui.goAvailable.isEnabled()  # the question comes first

        qtbot.mouseClick(dialog.ui.heardYes, qtbot_left())
        qtbot.waitUntil(lambda: dialog.ui.goAvailable.isEnabled(), timeout=5000)
        assert dialog.ui.overall.property("tone") in ("pass", "warn")
        qtbot.mouseClick(dialog.ui.goAvailable, qtbot_left())
        qtbot.waitUntil(lambda: session.agent_state.status.value == "available", timeout=5000)
        qtbot.waitUntil(lambda: main.status_panel.status == "available", timeout=5000)

        # The report the center gets carries the agent's answer.
        published = [e for e in events if isinstance(e, ReadinessChecked)]
        assert len(published) == 1
        speaker = next(c for c in published[0].checks if c["name"] == "speaker")
        assert speaker["details"]["agent_answer"] == "yes"
        qtbot.waitUntil(lambda: journaled_answer(profile_folder) == "yes", timeout=5000)
    finally:
        voice.kill()
        voice.wait()


def test_not_hearing_the_tone_fails_and_available_stays_refused(
    qtbot,
    kamailio,  # noqa: F811
    pulse_server,  # noqa: F811
    profile_folder: Path,
    open_window,
) -> None:
    required_profile(profile_folder, kamailio.server("udp"))
    voice = pulse_server.play_tone("mic_feed", 300, 60.0, level_dbfs=-20)
    try:
        session, main = open_window()
        qtbot.waitUntil(lambda: main.readiness.dialog is not None, timeout=15000)
        dialog = main.readiness.dialog
        qtbot.waitUntil(lambda: dialog.ui.heardNo.isVisible(), timeout=60000)
        qtbot.mouseClick(dialog.ui.heardNo, qtbot_left())
        qtbot.waitUntil(lambda: dialog.ui.overall.property("tone") == "fail", timeout=5000)
        assert dialog.rows.verdict("speaker") == "fail"
        assert "did not hear it" in dialog.rows.rows["speaker"].text.text()
        assert not dialog.ui.goAvailable.isEnabled()
        pick(main, "Available")
        assert session.agent_state.status.value != "available"
        assert "failed" in main.status_panel.refusal.text()
    finally:
        voice.kill()
        voice.wait()


def journaled_answer(folder: Path) -> str:
    """The agent's answer in the journal's last readiness report ("" when none yet)."""
    path = journal_path(load_profile(folder).data_dir)
    with sqlite3.connect(path) as db:
        row = db.execute("SELECT checks FROM readiness_reports ORDER BY at DESC LIMIT 1").fetchone()
    if row is None:
        return ""
    speaker = next(c for c in json.loads(row[0]) if c["name"] == "speaker")
    return str(speaker["details"].get("agent_answer", ""))


def qtbot_left():
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton
