"""What the agent sees in the main window when the core publishes events or a command fails."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton

from softphone.events import CallEnded, CallState, IncomingCall, Registered, RegistrationFailed
from softphone.gui.incoming_popup import IncomingPopup
from tests.gui.helpers import publish_from_another_thread


def test_a_fresh_profile_says_what_to_configure(window) -> None:
    _, main = window
    assert "No SIP server configured" in main.registration.text()
    assert "Softphone › Settings" in main.registration.text()  # not a file to edit


def test_registration_state_is_shown(qtbot, window) -> None:
    session, main = window
    publish_from_another_thread(session, Registered(account="agent7@pbx", expires_s=300))
    qtbot.waitUntil(lambda: main.registration.text() == "Registered as agent7@pbx")
    publish_from_another_thread(
        session, RegistrationFailed(account="agent7@pbx", code=403, reason="Forbidden")
    )
    qtbot.waitUntil(lambda: "403 Forbidden" in main.registration.text())


def test_an_incoming_call_pops_up_with_the_caller(qtbot, window) -> None:
    session, main = window
    publish_from_another_thread(
        session,
        IncomingCall(
            call="c9", from_uri="sip:+4930123@pbx", number="+4930123", display_name="Erika Muster"
        ),
    )
    qtbot.waitUntil(lambda: "c9" in main.popups)
    popup: IncomingPopup = main.popups["c9"]
    assert popup.isVisible()
    caller = popup.findChild(QLabel, "caller")
    qtbot.waitUntil(lambda: caller.text() == "030 123")  # as people write it (read off-thread)
    assert main.calls.item(0).text().startswith("← +49 30 123 — Erika Muster   ringing")
    # The caller gives up: the pop-up goes away and the call leaves the list.
    publish_from_another_thread(
        session, CallEnded(call="c9", reason="Request Terminated", code=487, remote="+4930123")
    )
    qtbot.waitUntil(lambda: "c9" not in main.popups)
    qtbot.waitUntil(lambda: not shiboken6.isValid(popup))  # gone, deleted on the GUI thread
    assert main.calls.count() == 0
    assert "487" in main.log.toPlainText()


def test_answering_a_call_that_is_gone_shows_why(qtbot, window) -> None:
    session, main = window
    publish_from_another_thread(session, IncomingCall(call="c5", number="1001"))
    qtbot.waitUntil(lambda: "c5" in main.popups)
    qtbot.mouseClick(main.popups["c5"].answer_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "no call c5" in main.log.toPlainText())


def test_enter_dials_and_a_refused_dial_is_explained(qtbot, window) -> None:
    _, main = window
    main.number.setText("call mom")
    qtbot.keyClick(main.number, Qt.Key.Key_Return)
    refusal = "Not dialled call mom: 'call mom' is not a phone number"  # the compliance gate
    qtbot.waitUntil(lambda: refusal in main.log.toPlainText())
    main.number.setText("1001")
    qtbot.keyClick(main.number, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: "domain" in main.log.toPlainText() or "account" in main.log.toPlainText()
    )


def test_the_call_list_follows_call_states(qtbot, window) -> None:
    session, main = window
    publish_from_another_thread(
        session, CallState(call="c2", state="calling", direction="outbound", remote="sip:1001@pbx")
    )
    qtbot.waitUntil(lambda: main.calls.count() == 1)
    publish_from_another_thread(
        session,
        CallState(call="c2", state="confirmed", direction="outbound", remote="sip:1001@pbx"),
    )
    qtbot.waitUntil(lambda: "connected  00:0" in main.calls.item(0).text())


def test_keypad_types_into_the_number_when_no_call(qtbot, window) -> None:
    _, main = window
    for key in ("key_1", "key_2", "key_hash"):
        qtbot.mouseClick(main.findChild(QPushButton, key), Qt.MouseButton.LeftButton)
    assert main.number.text() == "12#"


def test_the_app_icon_is_shipped_and_renders() -> None:
    from softphone.gui.resources import app_icon

    icon = app_icon()
    assert not icon.isNull()
    image = icon.pixmap(32, 32).toImage()
    assert image.width() == 32
    assert image.pixelColor(16, 4).blue() > 150  # the blue tile, not a blank square


def test_a_blocked_dial_says_when_in_the_callees_time() -> None:
    from softphone.events import DialBlocked
    from softphone.gui.main_window import blocked_text

    text = blocked_text(
        DialBlocked(
            number="+86 10 1234 5678",
            reasons=({"code": "rest_period", "text": "22:16 in Asia/Shanghai is a rest period"},),
            callee_zones=("Asia/Shanghai",),
            next_allowed_at="2026-11-26T00:00:00Z",
        )
    )
    assert text == (
        "Not dialled +86 10 1234 5678: 22:16 in Asia/Shanghai is a rest period."
        " It may be called from Thu 26 Nov 08:00 callee time (00:00 UTC)."
    )
