"""The call card follows the call's state: who and for how long, ringing / connected / on hold /
transferring in words, the controls each state allows, the sparkline once two samples are in,
a refused transfer said in the window, and "No call" when the call is gone; the list of calls
shows only when there are two to pick from."""

from __future__ import annotations

from softphone.events import CallEnded, CallState, IncomingCall, QualitySample, TransferStatus
from tests.gui.helpers import CALLEE, publish_from_another_thread


def enabled(card) -> set[str]:
    ui = card.ui
    buttons = (ui.mute, ui.hold, ui.hang_up, ui.transfer, ui.consult, ui.survey)
    return {b.objectName() for b in buttons if b.isEnabled()}


def test_the_card_follows_the_call_from_ringing_to_its_end(qtbot, window) -> None:
    session, main = window
    card = main.card
    assert card.ui.who.text() == "No call" and enabled(card) == set()
    assert card.ui.key_5.isEnabled()  # the keypad dials without a call

    publish_from_another_thread(
        session, IncomingCall(call="c1", number="+493012345678", display_name="Li Wei")
    )
    qtbot.waitUntil(lambda: card.ui.state.text() == "ringing")
    assert card.ui.who.text() == "+49 30 12345678 — Li Wei"
    assert enabled(card) == {"hang_up"} and card.ui.timer.text() == ""
    assert not main.calls.isVisible()  # one call: all of it is on the card
    other = "sip:+493099999999@pbx.example"
    publish_from_another_thread(
        session, CallState(call="c2", state="calling", direction="outbound", remote=other)
    )
    qtbot.waitUntil(lambda: main.calls.isVisible())  # two: the list to pick one from
    publish_from_another_thread(session, CallEnded(call="c2", code=487, remote=other))
    qtbot.waitUntil(lambda: not main.calls.isVisible())

    publish_from_another_thread(
        session, CallState(call="c1", state="confirmed", direction="inbound", remote=CALLEE)
    )
    qtbot.waitUntil(lambda: card.ui.state.text() == "connected")
    assert card.ui.timer.text().startswith("00:0")
    # No survey number from the center: the Survey button says why it is off.
    assert enabled(card) == {"mute", "hold", "hang_up", "transfer", "consult"}
    assert card.ui.survey.toolTip() == "The center has set no survey number"
    assert card.ui.state.property("tone") == "ok"

    publish_from_another_thread(
        session, CallState(call="c1", state="held", direction="inbound", remote=CALLEE)
    )
    qtbot.waitUntil(lambda: card.ui.state.text() == "on hold")
    assert card.ui.hold.isChecked() and card.ui.hold.text() == "On hold — Resume"

    publish_from_another_thread(
        session, CallState(call="c1", state="confirmed", direction="inbound", remote=CALLEE)
    )
    publish_from_another_thread(session, TransferStatus(call="c1", code=100, reason="Trying"))
    qtbot.waitUntil(lambda: card.ui.state.text() == "transferring…")
    assert enabled(card) == {"mute", "hold", "hang_up"}  # no second transfer meanwhile
    publish_from_another_thread(
        session, TransferStatus(call="c1", code=486, reason="Busy Here", final=True)
    )
    qtbot.waitUntil(lambda: card.ui.state.text() == "connected")
    assert "Transfer failed: 486 Busy Here" in main.log.toPlainText()
    assert "transfer" in enabled(card)

    assert not card.sparkline.isVisible()
    for mos in (4.4, 4.1, 3.5):
        publish_from_another_thread(session, QualitySample(call="c1", mos=mos, codec="PCMA"))
    qtbot.waitUntil(lambda: card.sparkline.isVisible() and len(card.sparkline.points) == 3)
    assert card.quality.lit == 2  # the latest sample: 3.5
    assert "4.4 → 3.5, lowest 3.5" in card.sparkline.toolTip()

    publish_from_another_thread(session, CallEnded(call="c1", code=200, remote=CALLEE))
    qtbot.waitUntil(lambda: card.ui.who.text() == "No call")
    assert enabled(card) == set() and not card.quality.isVisible()
    assert not card.sparkline.isVisible() and not card.ui.consult_bar.isVisible()
