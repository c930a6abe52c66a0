"""The dial line with the real session's compliance gate: the verdict shows as the agent types,
Call is disabled while the gate blocks, and pasted numbers in their usual dresses are read."""

from __future__ import annotations

from datetime import datetime, timezone

from PySide6.QtCore import Qt

from softphone.compliance.verdict import Reason, Verdict
from softphone.gui.texts import verdict_text

# The gate judges the callee's local time: pinned to a working morning in each place, so that the
# tests pass at any hour (a Berlin or Shanghai night is a rest period).
BERLIN_MORNING = datetime(2026, 12, 8, 10, 0, tzinfo=timezone.utc)  # Tuesday 11:00 in Berlin
SHANGHAI_MORNING = datetime(2026, 12, 8, 3, 0, tzinfo=timezone.utc)  # Tuesday 11:00 in Shanghai


def pin_clock(session, moment: datetime) -> None:
    session.outbound.gate.clock = lambda: moment


def test_a_blacklisted_number_typed_disables_call_with_the_reason(qtbot, window) -> None:
    session, main = window
    pin_clock(session, BERLIN_MORNING)
    session.do_not_call("+49 30 12345678", "said: never call me again")
    call = main.ui.call_button
    assert not call.isEnabled()  # nothing typed yet
    qtbot.keyClicks(main.number, "+49 (30) 1234-5678")
    qtbot.waitUntil(lambda: main.ui.verdict.isVisible() and not call.isEnabled())
    verdict = main.ui.verdict.text()
    assert verdict.startswith("✗ Blocked: +493012345678 is on the do-not-call list")
    assert "said: never call me again" in verdict
    assert " there (Europe/Berlin)" in verdict  # the callee's local time beside the reason
    assert main.ui.verdict.property("tone") == "bad"
    qtbot.keyClick(main.number, Qt.Key.Key_Return)  # Enter says why again; nothing dialled
    qtbot.waitUntil(lambda: "do-not-call list" in main.log.toPlainText())
    assert "Not dialled" not in main.log.toPlainText()  # the session was not even asked
    main.number.clear()
    qtbot.keyClicks(main.number, "+49 30 7654321")  # another number: allowed again
    qtbot.waitUntil(lambda: call.isEnabled() and main.ui.verdict.text().startswith("✓"))


def test_a_pasted_tel_link_is_read_as_its_number(qtbot, window) -> None:
    session, main = window
    pin_clock(session, SHANGHAI_MORNING)
    main.number.setText("tel:+86-138-0013-8000;phone-context=example")
    qtbot.waitUntil(lambda: main.ui.verdict.text().startswith("✓ May be called"))
    assert main.ui.verdict.text().endswith(" there (Asia/Shanghai)")
    assert main.ui.call_button.isEnabled()
    assert main.dial_line.text() == "+86-138-0013-8000"


def test_a_rest_period_says_the_callees_time_and_when_it_may_be_called() -> None:
    verdict = Verdict(
        allowed=False,
        target="+86 10 1234 5678",
        kind="number",
        reasons=(Reason("rest_period", "22:16 in Asia/Shanghai is a rest period"),),
        number_e164="+861012345678",
        zones=("Asia/Shanghai",),
        callee_local_times=("2026-11-25T22:16:00+08:00",),
        next_allowed_at=datetime(2026, 11, 26, 0, 0, tzinfo=timezone.utc),
    )
    assert verdict_text(verdict) == (
        "✗ Blocked: 22:16 in Asia/Shanghai is a rest period · 22:16 there (Asia/Shanghai)."
        " It may be called from Thu 26 Nov 08:00 callee time (00:00 UTC)",
        False,
    )
