"""Screenshots of what the agent sees, for a person to look at (not a test): the main window in
its everyday states, the wrap-up, the do-not-call dialog, the parked view, the damaged-journal
dialog, the inbound pop-up with our history with the caller, a blocked number typed and the
"cannot be saved" banner, the History tab, a call with its quality bars and sparkline, an
attended transfer (the consult call beside the held one), Help › Keyboard shortcuts, and the
first-run screen and each Settings page (settings_screenshots). Runs the real app's window on a
throwaway profile:

    xvfb-run -s "-screen 0 1280x800x24" uv run python -m tests.gui.screenshots OUT_DIR
"""

from __future__ import annotations

import os
import sys
import tempfile
import threading
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

from softphone.config import SETTINGS_FILE
from softphone.events import (
    CallEnded,
    CallState,
    Event,
    IncomingCall,
    JournalTrouble,
    QualitySample,
    Registered,
)
from softphone.gui.app import build_window, delete_windows, ensure_profile
from softphone.gui.call_card import Consultation
from softphone.gui.do_not_call import DoNotCallDialog
from softphone.gui.journal_recovery import JournalRecoveryDialog
from softphone.journal.outbox import Outbox
from softphone.journal.store import JournalCorrupt
from softphone.protocol import CallRecord, WrapUpConfig
from softphone.secrets import store_secret
from tests.gui.demo_screenshots import shoot_demo
from tests.gui.helpers import a_call_that_ends, center_config, pick
from tests.gui.settings_screenshots import shoot_settings
from tests.sync.center_lab import journal_a_refused_record


def settle(app: QApplication, seconds: float = 0.3) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


def shoot(app: QApplication, widget: QWidget, path: Path) -> None:
    settle(app)
    widget.grab().save(str(path))
    print(path)


def publish(session: object, event: Event) -> None:
    worker = threading.Thread(target=session.bus.publish, args=(event,))  # type: ignore[attr-defined]
    worker.start()
    worker.join()


def park_one(session: object) -> None:
    journal = session.desk.journal  # type: ignore[attr-defined]
    journal_a_refused_record(journal)
    outbox = Outbox(journal)
    ids = [e.id for e in outbox.take(1, 100) if e.kind.value == "call_record"]
    outbox.park(
        [(i, "payload.calling_number: String should have at most 64 characters") for i in ids]
    )


def shoot_pop_up(app: QApplication, session: object, window: object, out: Path) -> None:
    """A Chinese mobile calls again: two earlier calls in the journal, one on the list."""
    writer = session.desk.writer  # type: ignore[attr-defined]
    caller = "sip:+8613800138000@pbx.example"
    start = datetime.now(timezone.utc) - timedelta(days=3)
    for n, fields in enumerate(PAST_CALLS):
        values = {**PAST_CALL, "call_id": f"shot-{n}", "start_time": start + timedelta(days=n)}
        writer.call_ended(CallRecord(**{**values, **fields}))
    publish(
        session,
        IncomingCall(
            call="c7",
            from_uri=caller,
            number="+8613800138000",
            display_name="Li Wei",
        ),
    )
    settle(app, 1.0)
    popup = window.popups["c7"]  # type: ignore[attr-defined]
    shoot(app, popup, out / "7-pop-up-with-history.png")
    publish(session, CallEnded(call="c7", reason="Request Terminated", code=487, remote=caller))


def shoot_consultation(app: QApplication, session: object, window: object, out: Path) -> None:
    """An attended transfer under way: the customer (c1) on hold, a colleague (c2) consulted."""
    colleague = "sip:+493055501234@pbx.example"
    card = window.card  # type: ignore[attr-defined]
    publish(session, CallState(call="c1", state="held", direction="outbound", remote=CUSTOMER))
    card.consultation = Consultation(held="c1")
    for state in ("calling", "confirmed"):
        publish(session, CallState(call="c2", state=state, direction="outbound", remote=colleague))
    card.consultation.consult = "c2"
    card.refresh()
    shoot(app, window, out / "13-consult-and-held-call.png")
    publish(
        session, CallEnded(call="c2", code=200, reason="Normal call clearing", remote=colleague)
    )
    publish(session, CallState(call="c1", state="confirmed", direction="outbound", remote=CUSTOMER))


def shoot_history(app: QApplication, window: object, out: Path) -> None:
    """The History tab with the calls above in it, the last one selected."""
    window.ui.tabs.setCurrentWidget(window.ui.history_tab)  # type: ignore[attr-defined]
    settle(app, 1.0)
    window.history.ui.calls.selectRow(0)  # type: ignore[attr-defined]
    shoot(app, window, out / "10-history.png")
    window.ui.tabs.setCurrentWidget(window.ui.phone_tab)  # type: ignore[attr-defined]


CUSTOMER = "sip:+493012345678@pbx.example"
PAST_CALL = {
    "direction": "inbound",
    "terminal": "ann@pbx.example",
    "calling_number": "+8613800138000",
    "called_number": "ann",
    "connected": False,
    "end_reason": "487 Request Terminated",
}
PAST_CALLS: list[dict[str, object]] = [
    {},
    {
        "direction": "outbound",
        "calling_number": "ann",
        "called_number": "+8613800138000",
        "connected": True,
        "duration_s": 245,
        "end_reason": "200 Normal call clearing",
        "disposition": "call back later",
        "remarks": "asked about the yearly plan; call back after the 15th",
    },
]


def main(out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="softphone-shots-") as home:
        return shoot_all(out, Path(home))


def shoot_all(out: Path, home: Path) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    os.environ["XDG_DATA_HOME"] = str(home / "data")
    os.environ["PYTHON_KEYRING_BACKEND"] = "keyrings.alt.file.PlaintextKeyring"
    folder = ensure_profile(home / "profile")
    settings = folder / SETTINGS_FILE  # a center nobody answers at: the "unreachable" look
    text = settings.read_text(encoding="utf-8")
    settings.write_text(text + '[central]\nurl = "http://127.0.0.1:9"\nuser = "ann"\n')
    store_secret(folder, "central", "not used: nobody answers")
    center_config(
        folder,
        wrap_up=WrapUpConfig(mode="timed_mandatory", seconds=45),
        quick_remarks=["sale", "call back later", "not interested"],
        survey_number="8800",
    )
    session, window = build_window(folder)
    window.show()
    publish(session, Registered(account="ann@pbx.example", expires_s=300))
    shoot(app, window, out / "1-offline.png")
    pick(window, "Available")
    publish(
        session,
        CallState(
            call="c1", state="calling", direction="outbound", remote="sip:+493012345678@pbx.example"
        ),
    )
    publish(
        session,
        CallState(
            call="c1",
            state="confirmed",
            direction="outbound",
            remote="sip:+493012345678@pbx.example",
        ),
    )
    pick(window, "Break — lunch")  # refused: on a call
    shoot(app, window, out / "2-on-call-refused.png")
    for mos in (4.4, 4.4, 4.3, 4.3, 4.1, 3.7, 3.5, 3.6):  # a line getting worse
        publish(session, QualitySample(call="c1", mos=mos, loss_pct=1.1, jitter_ms=12, rtt_ms=80))
    publish(
        session,
        QualitySample(call="c1", mos=3.8, loss_pct=2.4, jitter_ms=18, rtt_ms=95, codec="PCMA"),
    )
    shoot(app, window, out / "11-call-with-quality.png")
    shoot_consultation(app, session, window, out)
    a_call_that_ends(session, "c1")
    park_one(session)
    settle(app, 1.5)
    window.sync.parked = 1  # the worker counts parked rows when the center refuses one
    window.sync.refresh()
    window.wrap_up.remarks.setText("wants the yearly plan")
    window.wrap_up.disposition.setCurrentText("sale")
    shoot(app, window, out / "3-wrap-up-mandatory.png")
    window.sync.show_parked()
    assert window.sync.view is not None
    shoot(app, window.sync.view, out / "4-parked.png")
    dialog = DoNotCallDialog(window.do_not_call_candidates(), window)
    dialog.reason.setCurrentText("customer asked not to be called again")
    dialog.show()
    shoot(app, dialog, out / "5-do-not-call.png")
    dialog.close()
    recovery = JournalRecoveryDialog(
        JournalCorrupt(home / "data/softphone/default/journal.sqlite", "file is not a database")
    )
    recovery.show()
    shoot(app, recovery, out / "6-damaged-journal.png")
    recovery.close()
    shoot_pop_up(app, session, window, out)
    session.do_not_call("+49 30 12345678", "customer asked not to be called again")
    window.number.setText("+49 (30) 1234-5678")
    settle(app, 1.0)
    shoot(app, window, out / "8-typing-a-blocked-number.png")
    publish(
        session,
        JournalTrouble(message="disk I/O error", path=str(session.desk.journal.path), waiting=3),
    )
    shoot(app, window, out / "9-journal-cannot-be-saved.png")
    shoot_history(app, window, out)
    sheet = window.show_shortcuts()
    shoot(app, sheet, out / "12-keyboard-shortcuts.png")
    sheet.close()
    shoot_settings(app, home, out, shoot)
    window.close()
    session.stop()
    shoot_demo(app, shoot, out, home)
    delete_windows()  # as the app does on quit: nothing left for the interpreter's exit
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "screenshots")))
