"""Screenshots of what the agent sees, for a person to look at (not a test): the main window in
its everyday states, the wrap-up, the do-not-call dialog, the parked view, the damaged-journal
dialog, the inbound pop-up with our history with the caller and the line called, a blocked
number typed and the "cannot be saved" banner, the History tab, a call with its quality bars and
sparkline, an attended transfer (the consult call beside the held one), Help › Keyboard
shortcuts, the tray menu, a second call's pop-up while on a call, the readiness screen
(checking, "did you hear it?", done), the first-run screen and each Settings page
(settings_screenshots) and the demo's banner (demo_screenshots). Runs the real app's window on a
throwaway profile, in English or Simplified Chinese:

    xvfb-run -a -s "-screen 0 1280x800x24" \
        uv run python -m tests.gui.screenshots OUT [--language zh_CN]

Every state passes through `shoot`, which also hands it to the LOOKERS: the test that walks the
Chinese windows for English (tests/gui/test_chinese_everywhere.py) looks at each one there, so a
state added here is checked there too.
"""

from __future__ import annotations

import os
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor, QImage
from PySide6.QtMultimedia import QVideoFrame, QVideoFrameInput
from PySide6.QtWidgets import QApplication, QWidget

from softphone.config import SETTINGS_FILE
from softphone.devices.readiness.report import (
    ReadinessReport,
    passed,
    skipped,
    warned,
)
from softphone.events import (
    AudioLevels,
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
from softphone.gui.readiness_dialog import ReadinessDialog
from softphone.gui.status_panel import status_text
from softphone.gui.tray import StatusTray
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


LOOKERS: list[Callable[[QWidget, str], None]] = []  # each state's widget and name, for tests


def shoot(app: QApplication, widget: QWidget, path: Path) -> None:
    settle(app)
    widget.grab().save(str(path))
    print(path)
    for look in LOOKERS:
        look(widget, path.stem)


SAMPLE = {  # what the center's config and the agent's notes say, in the profile's language
    "en": {
        "dispositions": ["sale", "call back later", "not interested"],
        "remarks": "asked about the yearly plan; call back after the 15th",
        "notes": "wants the yearly plan",
        "do_not_call": "customer asked not to be called again",
        "not_a_number": "call mom",
    },
    "zh_CN": {
        "dispositions": ["成交", "稍后回电", "不感兴趣"],
        "remarks": "咨询了年度套餐；15号之后回电",
        "notes": "想要年度套餐",
        "do_not_call": "客户要求不再来电",
        "not_a_number": "打给妈妈",
    },
}


def publish(session: object, event: Event) -> None:
    worker = threading.Thread(target=session.bus.publish, args=(event,))  # type: ignore[attr-defined]
    worker.start()
    worker.join()


def levels_of_a_conversation(session: Any) -> None:
    """The staged calls carry no audio: the meter reads as in a conversation instead (the agent
    speaking, the customer a little quieter, every cleaning stage on)."""
    levels = AudioLevels(
        input_dbfs=-16.0, output_dbfs=-26.0, sent_dbfs=-20.0, processing=("aec", "ns", "agc", "hpf")
    )
    session.levels = lambda: session.bus.publish(levels)


def park_one(session: object) -> None:
    journal = session.desk.journal  # type: ignore[attr-defined]
    journal_a_refused_record(journal)
    outbox = Outbox(journal)
    ids = [e.id for e in outbox.take(1, 100) if e.kind.value == "call_record"]
    outbox.park(
        [(i, "payload.calling_number: String should have at most 64 characters") for i in ids]
    )


def shoot_pop_up(
    app: QApplication, session: object, window: object, out: Path, language: str = "en"
) -> None:
    """A Chinese mobile calls again: two earlier calls in the journal, one on the list."""
    writer = session.desk.writer  # type: ignore[attr-defined]
    caller = "sip:+8613800138000@pbx.example"
    start = datetime.now(timezone.utc) - timedelta(days=3)
    sample = SAMPLE[language]
    notes = {"disposition": sample["dispositions"][1], "remarks": sample["remarks"]}
    for n, fields in enumerate(PAST_CALLS):
        values = {**PAST_CALL, "call_id": f"shot-{n}", "start_time": start + timedelta(days=n)}
        if fields.get("disposition"):
            fields = {**fields, **notes}
        record = CallRecord(**{**values, **fields})
        name = "Li Wei" if record.direction == "inbound" else ""  # the From's display name
        writer.call_ended(record, party_name=name)
    publish(
        session,
        IncomingCall(
            call="c7",
            from_uri=caller,
            number="+8613800138000",
            display_name="Li Wei",
            called_number="+861058000000",
            skill_group="Billing",
        ),
    )
    settle(app, 1.0)
    popup = window.popups["c7"]  # type: ignore[attr-defined]
    shoot(app, popup, out / "7-pop-up-with-history.png")
    publish(session, CallEnded(call="c7", reason="Request Terminated", code=487, remote=caller))


def shoot_second_call(app: QApplication, session: object, window: object, out: Path) -> None:
    """A customer rings while the agent talks to another: Answer and hold current."""
    talking = "sip:+493012345678@pbx.example"
    for state in ("incoming", "confirmed"):
        publish(session, CallState(call="c8", state=state, direction="inbound", remote=talking))
    caller = "sip:+12125550123@pbx.example"
    publish(
        session,
        IncomingCall(
            call="c9",
            from_uri=f'"Dana Whitfield" <{caller}>',
            number="+12125550123",
            display_name="Dana Whitfield",
            called_number="+18005550100",
            skill_group="Support",
        ),
    )
    settle(app, 1.0)
    shoot(app, window.popups["c9"], out / "15-second-call-pop-up.png")  # type: ignore[attr-defined]
    publish(session, CallEnded(call="c9", reason="Request Terminated", code=487, remote=caller))
    publish(session, CallEnded(call="c8", reason="Normal", code=200, remote=talking))


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
    shoot(app, window, out / "19-consult-and-held-call.png")
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


def shoot_messages(app: QApplication, window: Any, out: Path, language: str) -> None:
    """The Messages tab: what the app told the agent (calls ended, a blocked number …)."""
    window.dial("+49 30 12345678")  # on the do-not-call list: refused, and the log says why
    window.dial(SAMPLE[language]["not_a_number"])  # no number at all
    settle(app, 1.0)
    window.ui.tabs.setCurrentWidget(window.ui.messages_tab)
    shoot(app, window, out / "14-messages.png")
    window.ui.tabs.setCurrentWidget(window.ui.phone_tab)


def a_readiness_report() -> ReadinessReport:
    """What a check finds on a desk with a working headset, a webcam, a slow-ish network and a
    center that does not answer (a warning: calls work without it)."""
    return ReadinessReport(
        (
            passed(
                "microphone",
                "agent_mic hears you (-21 dBFS)",
                device="agent_mic",
                value=-21.0,
                unit="dBFS",
            ),
            passed(
                "speaker",
                "agent_speaker plays sound (tone heard at -23 dBFS)",
                device="agent_speaker",
                value=-23.0,
                unit="dBFS",
            ),
            passed(
                "camera",
                "Integrated Webcam delivers a picture (1280x720)",
                device="Integrated Webcam",
                value="1280x720",
            ),
            passed(
                "sip_udp",
                "UDP to pbx.example:5060: 200 OK in 14 ms",
                device="pbx.example:5060",
                value=14.0,
                unit="ms",
            ),
            warned(
                "call_quality",
                "RTT 180 ms, jitter 24 ms, loss 3 % → MOS 3.4: MOS under 3.6",
                "Calls may sound choppy or delayed: use a cable instead of Wi-Fi, stop large "
                "downloads, or tell IT.",
                value=3.4,
                unit="MOS",
                details={"rtt_ms": 180.0, "jitter_ms": 24.0, "loss_pct": 2.5},
            ),
            skipped("nat", "not configured (no STUN server in [sip] stun_server)"),
            warned(
                "central",
                "cannot reach https://center.example: no answer (timed out)",
                "Supervisors will not see you until this works (your calls are not affected): "
                "check VPN/proxy, or ask IT whether the central service is up.",
                device="https://center.example",
                details={"error": "no answer (timed out)"},
            ),
            passed("registration", "registered at the SIP server", value=200),
        )
    )


def shoot_readiness(app: QApplication, window: object, out: Path) -> None:
    """The readiness screen while the microphone listens, asking about the tone, and done."""
    dialog = ReadinessDialog(window.session, window)  # type: ignore[attr-defined]
    dialog.running = True  # shown as the check runs, without running one here
    dialog.rows.reset()
    dialog.show()
    dialog._on_progress("microphone", None)
    dialog._on_progress("microphone", -18.0)
    dialog._overall(dialog.tr("Checking… keep your headset on."), "running")
    shoot(app, dialog, out / "16-readiness-checking.png")
    done: Future[ReadinessReport] = Future()
    done.set_result(a_readiness_report())
    dialog._on_checked(done)
    picture = QImage(640, 360, QImage.Format.Format_RGB32)
    picture.fill(QColor(70, 110, 140))
    source = QVideoFrameInput()
    dialog.preview.show_source(lambda session: session.setVideoFrameInput(source), source)
    for _ in range(5):
        source.sendVideoFrame(QVideoFrame(picture))
        settle(app, 0.1)
    shoot(app, dialog, out / "17-readiness-did-you-hear-it.png")
    dialog.answer_heard(True)
    shoot(app, dialog, out / "18-readiness-result.png")
    dialog.close()


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


def main(argv: list[str]) -> int:
    language = "en"
    if "--language" in argv:
        at = argv.index("--language")
        language = argv[at + 1]
        argv = argv[:at] + argv[at + 2 :]
    out = Path(argv[0] if argv else "screenshots")
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="softphone-shots-") as home:
        return shoot_all(out, Path(home), language)


def shoot_all(out: Path, home: Path, language: str = "en") -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    session, window = open_shot_window(home, language)
    shoot_states(app, session, window, out, home, language)
    close_shot_window(session, window)
    shoot_demo(app, shoot, out, home, language)  # windows of their own, the demo's profile
    delete_windows()
    return 0


def open_shot_window(home: Path, language: str = "en") -> tuple[Any, Any]:
    """The window of a throwaway profile in `language`, registered, Offline."""
    os.environ["XDG_DATA_HOME"] = str(home / "data")
    os.environ["PYTHON_KEYRING_BACKEND"] = "keyrings.alt.file.PlaintextKeyring"
    folder = ensure_profile(home / "profile")
    settings = folder / SETTINGS_FILE  # a center nobody answers at: the "unreachable" look
    text = settings.read_text(encoding="utf-8")
    settings.write_text(
        text + '[central]\nurl = "http://127.0.0.1:9"\nuser = "ann"\n'
        f'[gui]\nlanguage = "{language}"\n'
    )
    store_secret(folder, "central", "not used: nobody answers")
    center_config(
        folder,
        wrap_up=WrapUpConfig(mode="timed_mandatory", seconds=45),
        quick_remarks=SAMPLE[language]["dispositions"],
        survey_number="8800",
    )
    session, window = build_window(folder)
    window.show()
    publish(session, Registered(account="ann@pbx.example", expires_s=300))
    return session, window


def close_shot_window(session: Any, window: Any) -> None:
    window.close()
    session.stop()
    delete_windows()  # as the app does on quit: nothing left for the interpreter's exit


def shoot_states(
    app: QApplication, session: Any, window: Any, out: Path, home: Path, language: str = "en"
) -> None:
    """Every state, one after the other, each through `shoot`."""
    sample = SAMPLE[language]
    shoot(app, window, out / "1-offline.png")
    pick(window, status_text("available", None))
    levels_of_a_conversation(session)
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
    pick(window, status_text("break", "lunch"))  # refused: on a call
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
    window.wrap_up.remarks.setText(sample["notes"])
    window.wrap_up.disposition.setCurrentText(sample["dispositions"][0])
    shoot(app, window, out / "3-wrap-up-mandatory.png")
    window.sync.show_parked()
    assert window.sync.view is not None
    shoot(app, window.sync.view, out / "4-parked.png")
    dialog = DoNotCallDialog(window.do_not_call_candidates(), window)
    dialog.reason.setCurrentText(sample["do_not_call"])
    dialog.show()
    shoot(app, dialog, out / "5-do-not-call.png")
    dialog.close()
    recovery = JournalRecoveryDialog(
        JournalCorrupt(home / "data/softphone/default/journal.sqlite", "file is not a database")
    )
    recovery.show()
    shoot(app, recovery, out / "6-damaged-journal.png")
    recovery.close()
    shoot_pop_up(app, session, window, out, language)
    session.do_not_call("+49 30 12345678", sample["do_not_call"])
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
    shoot_messages(app, window, out, language)
    shoot_tray_menu(app, session, window, out)
    shoot_readiness(app, window, out)
    shoot_second_call(app, session, window, out)
    shoot_settings(app, home, out, shoot)


def shoot_tray_menu(app: QApplication, session: Any, window: Any, out: Path) -> None:
    """The tray icon's menu, open (an offscreen or Xvfb desktop has no tray to click)."""
    tray = StatusTray(session, window, tray_available=False)
    tray.menu.popup(window.mapToGlobal(QPoint(40, 40)))
    shoot(app, tray.menu, out / "13-tray-menu.png")
    tray.menu.hide()
    tray.close()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
