"""Transfers through the call card, against the lab's Kamailio and real far phones (pjsua2): an
attended transfer connects the two far ends; a consultation cancelled gives the caller back; the
Survey button transfers the caller to the center's survey number and the call record says how it
went (the REFER's NOTIFY: completed, or failed)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog

from softphone.agent.session import AgentSession
from softphone.config import load_profile
from softphone.gui.main_window import MainWindow
from tests.gui.helpers import center_config, lab_profile
from tests.gui.lab_fixtures import (  # noqa: F401 - fixtures
    far_end_factory,
    kamailio,
    lab_session,
    open_late,
    registered,
)

pytestmark = pytest.mark.integration
CLICK = Qt.MouseButton.LeftButton


def call_customer(qtbot, main: MainWindow, who: str = "agent2") -> None:
    """The agent dials the customer from the window; the card shows the connected call."""
    main.number.setText(who)
    qtbot.waitUntil(lambda: main.ui.call_button.isEnabled() and main.ui.verdict.isVisible())
    qtbot.mouseClick(main.ui.call_button, CLICK)
    qtbot.waitUntil(lambda: main.card.ui.state.text() == "connected", timeout=15000)


def consult(qtbot, main: MainWindow, monkeypatch, colleague: str) -> None:
    """Consult…, the colleague's number typed into the dialog that asks for it."""
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (colleague, True))
    qtbot.mouseClick(main.card.ui.consult, CLICK)


def test_an_attended_transfer_through_the_window_connects_the_two_far_ends(
    qtbot,
    registered,  # noqa: F811
    open_late,  # noqa: F811
    far_end_factory,  # noqa: F811
    monkeypatch,
) -> None:
    customer = far_end_factory("agent2", "secret2", auto_answer="200")
    colleague = far_end_factory("agent3", "secret3", auto_answer="200")
    main = open_late()
    card = main.card
    call_customer(qtbot, main)
    assert not card.ui.consult_bar.isVisible()

    consult(qtbot, main, monkeypatch, "agent3")
    # The consult call beside the held one; Complete once the colleague is on the line.
    qtbot.waitUntil(lambda: card.ui.complete_transfer.isEnabled(), timeout=15000)
    assert card.ui.consult_bar.isVisible()
    assert card.ui.held_call.text().startswith("agent2")
    assert card.ui.consult_call.text().startswith("agent3")
    assert card.ui.who.text() == "agent3" and card.ui.state.text() == "connected"
    qtbot.waitUntil(lambda: main.calls.rows[card.consultation.held].state == "held", timeout=10000)
    customer.wait_media_status("remote_hold")
    colleague.expect("incoming", timeout=5)
    assert not card.ui.transfer.isEnabled() and not card.ui.consult.isEnabled()

    qtbot.mouseClick(card.ui.complete_transfer, CLICK)
    assert card.ui.state.text() == "transferring…"
    # The customer calls the colleague with Replaces; both our calls end.
    customer.expect("transfer_request", timeout=10)
    qtbot.waitUntil(lambda: main.calls.count() == 0, timeout=20000)
    # The customer's INVITE to agent3 (with Replaces) is answered: the colleague's phone swaps
    # our leg (ended with 410 on its side) for the customer, and they talk.
    talking = customer.expect("call_state", state="CONFIRMED", timeout=10)["call"]
    assert any(e.get("code") == 410 for e in colleague.events)
    assert not [e for e in customer.events if e["event"] == "call_ended" and e["call"] == talking]
    assert not card.ui.consult_bar.isVisible() and card.ui.who.text() == "No call"
    assert "⚠" not in main.log.toPlainText()


def test_a_cancelled_consultation_gives_the_caller_back(
    qtbot,
    registered,  # noqa: F811
    open_late,  # noqa: F811
    far_end_factory,  # noqa: F811
    monkeypatch,
) -> None:
    customer = far_end_factory("agent2", "secret2", auto_answer="200")
    colleague = far_end_factory("agent3", "secret3", auto_answer="200")
    main = open_late()
    card = main.card
    call_customer(qtbot, main)
    consult(qtbot, main, monkeypatch, "agent3")
    qtbot.waitUntil(lambda: card.ui.complete_transfer.isEnabled(), timeout=15000)
    customer.wait_media_status("remote_hold")

    qtbot.mouseClick(card.ui.cancel_consult, CLICK)
    colleague.expect("call_ended", timeout=10)
    customer.wait_media_status("active")
    qtbot.waitUntil(lambda: main.calls.count() == 1 and card.ui.state.text() == "connected")
    assert card.ui.who.text() == "agent2" and not card.ui.consult_bar.isVisible()
    assert card.ui.transfer.isEnabled() and card.ui.consult.isEnabled()
    qtbot.mouseClick(card.ui.hang_up, CLICK)
    qtbot.waitUntil(lambda: main.calls.count() == 0, timeout=10000)


@pytest.fixture
def survey_session(kamailio, profile_folder: Path) -> Iterator[AgentSession]:  # noqa: F811
    """agent1, with the center's survey number (agent3) in its pulled config."""
    lab_profile(profile_folder, kamailio.server("udp"), "agent1", "secret1")
    center_config(profile_folder, survey_number="agent3")
    session = AgentSession(load_profile(profile_folder), "secret1")
    session.start()
    yield session
    session.stop()


@pytest.mark.parametrize(
    ("survey_answers", "noted"),
    [("200", "survey transfer to agent3: completed (200 OK)"), ("486", "failed (486 Busy Here)")],
)
def test_the_survey_button_transfers_the_caller_and_the_record_says_how_it_went(
    qtbot,
    survey_session: AgentSession,
    far_end_factory,  # noqa: F811
    survey_answers: str,
    noted: str,
) -> None:
    customer = far_end_factory("agent2", "secret2", auto_answer="200")
    survey = far_end_factory("agent3", "secret3", auto_answer=survey_answers)
    main = MainWindow(survey_session)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitUntil(lambda: "Registered" in main.registration.text(), timeout=15000)
    card = main.card
    assert not card.ui.survey.isEnabled()  # no call yet
    call_customer(qtbot, main)
    assert card.ui.survey.isEnabled() and "agent3" in card.ui.survey.toolTip()

    qtbot.mouseClick(card.ui.survey, CLICK)
    customer.expect("transfer_request", timeout=10)
    survey.expect("incoming", timeout=10)
    if survey_answers == "200":
        qtbot.waitUntil(lambda: main.calls.count() == 0, timeout=20000)  # the caller is gone
        customer.expect("call_state", state="CONFIRMED", timeout=10)  # customer ↔ survey
    else:  # the caller stays with the agent, who is told
        qtbot.waitUntil(lambda: "Transfer failed: 486" in main.log.toPlainText(), timeout=15000)
        assert main.calls.count() == 1 and card.ui.state.text() == "connected"
        assert card.ui.survey.isEnabled()
        qtbot.mouseClick(card.ui.hang_up, CLICK)
        qtbot.waitUntil(lambda: main.calls.count() == 0, timeout=10000)
    main.close()
    records = survey_session.recent_calls(5)
    assert noted in records[0].end_reason, records[0].end_reason
