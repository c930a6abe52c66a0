"""The agent's main window: registration, status and wrap-up, the dial line, current calls, the
call card (controls, quality, transfers, keypad), "do not call again", and sync health in the
status bar.

The layout is ui/main_window.ui (compiled into forms/); this module fills its slots with the
widgets that have a session of their own and wires the controls to the AgentSession façade.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMainWindow, QPushButton, QToolButton

from softphone.agent.session import AgentSession
from softphone.events import (
    AudioLevels,
    CallEnded,
    DialBlocked,
    ErrorEvent,
    Event,
    IncomingCall,
    NumberBlacklisted,
    Registered,
    RegistrationFailed,
    Unregistered,
)
from softphone.gui.bridge import QtBridge
from softphone.gui.call_card import CallCard
from softphone.gui.call_list import CallList
from softphone.gui.dial_line import DialLine
from softphone.gui.do_not_call import DoNotCallDialog
from softphone.gui.forms.ui_main_window import Ui_MainWindow
from softphone.gui.history_view import HistoryView
from softphone.gui.incoming_popup import IncomingPopup
from softphone.gui.journal_banner import JournalBanner
from softphone.gui.lookups import Lookups
from softphone.gui.readiness_entry import ReadinessEntry
from softphone.gui.reason_texts import engine_words, failure_text
from softphone.gui.settings_entry import add_settings_menu
from softphone.gui.shortcut_sheet import ShortcutSheet
from softphone.gui.shortcuts import configure, install, keys_of, with_keys
from softphone.gui.sip_texts import phrase_text
from softphone.gui.status_panel import StatusPanel
from softphone.gui.sync_indicator import SyncIndicator
from softphone.gui.texts import blocked_text, number_of
from softphone.gui.theme import set_tone
from softphone.gui.wrap_up_panel import WrapUpPanel

__all__ = ["MainWindow", "blocked_text"]


class MainWindow(QMainWindow):
    def __init__(self, session: AgentSession, notice: str = "") -> None:
        super().__init__()
        self.ui = Ui_MainWindow()
        self.ui.setupUi(self)
        self.session = session
        configure(session.profile.settings.gui.shortcuts)  # ConfigError names a bad key
        self.bridge = QtBridge(session.bus, self)
        self.lookups = Lookups(self)  # journal and gate reads, off the GUI thread
        self.popups: dict[str, IncomingPopup] = {}
        self.last_number = ""  # the last call's other party, for "do not call again"
        self.registration = self.ui.registration
        self.number = self.ui.number
        self.log = self.ui.log
        self.log.setMaximumBlockCount(200)
        self.calls = CallList(session.shown_number)
        self.dial_line = DialLine(
            self.number, self.ui.call_button, self.ui.verdict, session, self.lookups
        )
        self.status_panel = StatusPanel(session)
        self.wrap_up = WrapUpPanel(session)
        self.sync = SyncIndicator(session)
        self.journal_banner = JournalBanner()
        self.history = HistoryView(session, self.lookups)
        self.card = CallCard(session, self.calls)
        self.quality = self.card.quality
        self._fill_slots()
        self.follow_call()
        self._set_status(notice or self.tr("Not registered"), "idle")
        self._connect_controls()
        self.shortcuts = install(self, self._shortcut_actions())
        self.settings_action = add_settings_menu(self, session.profile.folder, self._note)
        self._help_menu()
        self.bridge.arrived.connect(self.on_event)
        self.bridge.arrived.connect(self.journal_banner.on_event)
        self.bridge.failure.connect(self.show_error)
        self.status_panel.refused.connect(self._note)
        self.readiness = ReadinessEntry(self, session)  # Tools › Readiness check; at sign-in
        self.status_panel.refused.connect(lambda _why: self.readiness.refused())
        self.wrap_up.failed.connect(self.show_error)
        self._render_present()

    def _render_present(self) -> None:
        """A view opened after the session started has missed its events (registration comes
        within milliseconds of the start): render the session's present, then follow events.
        The bridge subscribed above, before this snapshot, so nothing falls in between."""
        for event in self.session.snapshot().events():
            self.on_event(event)

    def _fill_slots(self) -> None:
        """The widgets with a session of their own go into the form's named slots; the top
        slot (`bannerSlot`) stays for banners (a damaged journal, an expired password)."""
        self.ui.bannerSlot.addWidget(self.journal_banner)
        self.ui.statusSlot.addWidget(self.status_panel)
        self.ui.wrapUpSlot.addWidget(self.wrap_up)
        self.ui.callsSlot.addWidget(self.calls)
        # The card is the call in hand; the list only says which calls there are: a few rows,
        # with the room left below the card, not between the list and the card.
        self.calls.setMaximumHeight(90)
        self.ui.phoneLayout.addStretch(1)
        self.ui.cardSlot.addWidget(self.card)
        self.ui.historySlot.addWidget(self.history)
        self.statusBar().addPermanentWidget(self.sync, 1)

    def _connect_controls(self) -> None:
        ui = self.ui
        self.dial_line.dial.connect(self.dial)
        self.dial_line.refused.connect(self._note)
        self.history.dial.connect(self.dial)
        ui.tabs.currentChanged.connect(self._tab_opened)
        self.number.textChanged.connect(self._number_put)
        self.calls.itemSelectionChanged.connect(self.follow_call)
        self.card.failed.connect(self.show_error)
        self.card.typed.connect(self.number.insert)
        ui.do_not_call.clicked.connect(self.do_not_call)

    # --- keyboard ----------------------------------------------------------------------------

    def _shortcut_actions(self) -> dict[str, Callable[[], object]]:
        """What each shortcut does: the same as the control it stands for (a toggle is clicked,
        so its state and text follow as for the mouse); nothing when the control is off."""
        ui = self.card.ui

        def click(button: QPushButton) -> Callable[[], None]:
            return lambda: button.click() if button.isEnabled() else None

        return {
            "answer": lambda: self._ringing_popup("answer"),
            "decline": lambda: self._ringing_popup("decline"),
            "hang_up": click(ui.hang_up),
            "mute": click(ui.mute),
            "hold": click(ui.hold),
            "transfer": click(ui.transfer),
            "focus_number": self.focus_number,
            "status_menu": self.status_panel.open_menu,
            "shortcut_sheet": self.show_shortcuts,
        }

    def _ringing_popup(self, choice: str) -> None:
        """Answer or decline the call that rang last (its pop-up says which)."""
        if self.popups:
            popup = list(self.popups.values())[-1]
            popup.answer() if choice == "answer" else popup.decline()

    def focus_number(self) -> None:
        self.ui.tabs.setCurrentWidget(self.ui.phone_tab)
        self.activateWindow()
        self.number.setFocus()
        self.number.selectAll()

    def show_shortcuts(self) -> ShortcutSheet:
        sheet = ShortcutSheet(self)
        sheet.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        sheet.show()
        return sheet

    def _help_menu(self) -> None:
        menu = self.menuBar().addMenu(self.tr("&Help"))
        self.menuBar().setAccessibleName(self.tr("Menu"))
        more = self.menuBar().findChild(QToolButton, "qt_menubar_ext_button")
        if more is not None:  # the menu bar's own "»" for menus that do not fit
            more.setAccessibleName(self.tr("More menus"))
        # The key is the QShortcut's (F1): shown after a tab, not set on the action twice.
        text = self.tr("&Keyboard shortcuts") + "\t" + keys_of("shortcut_sheet")
        self.shortcut_sheet_action = menu.addAction(text)
        self.shortcut_sheet_action.triggered.connect(self.show_shortcuts)
        self.number.setToolTip(with_keys(self.tr("Number to call"), "focus_number"))
        self.status_panel.choice.setToolTip(with_keys(self.tr("Pick your status"), "status_menu"))

    # --- actions ---------------------------------------------------------------------------

    def _run(self, action: Any, what: str) -> None:
        """Start a session command; its failure (now or later) is shown, never raised."""
        try:
            future = action() if callable(action) else action
        except Exception as exc:
            self.show_error(failure_text(what, exc))
            return
        if isinstance(future, Future):
            self.bridge.watch(future, what)

    def dial(self, number: str = "") -> None:
        """Dial through the session (the gate checks again there); the dial line's text by
        default, cleaned of what pasting brings along."""
        number = number or self.dial_line.text()
        self._run(lambda: self.session.dial(number), self.tr("Call {number}").format(number=number))

    def _tab_opened(self, index: int) -> None:
        if self.ui.tabs.widget(index) is self.ui.history_tab:
            self.history.refresh()

    def _number_put(self) -> None:
        """A number put on the dial line from elsewhere (a clicked tel: link) while another tab
        is shown: the Phone tab comes forward, so the agent sees it and Call."""
        if self.ui.tabs.currentWidget() is not self.ui.phone_tab:
            self.ui.tabs.setCurrentWidget(self.ui.phone_tab)

    def follow_call(self) -> None:
        """The call card follows the call the controls act on (see CallCard). The list of calls
        shows only with two or more, to pick one: a single call is all on its card, and an
        attended transfer shows both of its calls on the card."""
        several = len(self.calls.rows) > 1 and self.card.consultation is None
        self.calls.setVisible(several)
        self.ui.calls_title.setVisible(several)
        self.card.refresh()

    def do_not_call(self) -> None:
        dialog = DoNotCallDialog(self.do_not_call_candidates(), self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.mark_do_not_call(dialog.chosen_number(), dialog.chosen_reason())

    def do_not_call_candidates(self) -> list[str]:
        """The numbers the agent most likely means: the selected call, the other current
        calls, the last call, then what is on the dial line."""
        selected = self.calls.selected_call()
        rows = sorted(self.calls.rows.values(), key=lambda r: r.call != selected)
        found = [number_of(r.remote) for r in rows]
        return [*found, number_of(self.last_number), self.number.text().strip()]

    def mark_do_not_call(self, number: str, reason: str) -> None:
        """The session's do-not-call path; the `do_not_call` event brings the confirmation."""
        try:
            self.session.do_not_call(number, reason)
        except Exception as exc:  # not a phone number, or the list cannot be written
            self.show_error(
                self.tr("{number} is NOT on the do-not-call list: {error}").format(
                    number=number, error=exc
                )
            )

    # --- events (GUI thread) ---------------------------------------------------------------

    def on_event(self, event: Event) -> None:
        if isinstance(event, AudioLevels):  # the call card's meter asked for it, a few a second
            self.card.on_event(event)
            return
        had = set(self.calls.rows)
        self.calls.on_event(event)
        if set(self.calls.rows) - had:  # a new call: its card is on the Phone tab
            self.ui.tabs.setCurrentWidget(self.ui.phone_tab)
        self.history.on_event(event)
        self.card.on_event(event)
        self.follow_call()
        self._offer_hold()
        self.status_panel.on_event(event)
        self.wrap_up.on_event(event)
        self.sync.on_event(event)
        if isinstance(event, Registered):
            self._set_status(self.tr("Registered as {0}").format(event.account), "ok")
        elif isinstance(event, RegistrationFailed):
            self._registration_failed(event)
        elif isinstance(event, Unregistered):
            self._set_status(self.tr("Not registered"), "idle")
        elif isinstance(event, IncomingCall):
            self._pop_up(event)
        elif isinstance(event, CallEnded):
            self._call_ended(event)
        elif isinstance(event, ErrorEvent):
            self.show_error(engine_words(event.message))
        elif isinstance(event, DialBlocked):
            self.show_error(blocked_text(event))
        elif isinstance(event, NumberBlacklisted):
            self._note(
                self.tr(
                    "✓ {number} is on the do-not-call list: it will not be called again ({reason})"
                ).format(number=event.number_e164, reason=event.reason)
            )

    def _registration_failed(self, event: RegistrationFailed) -> None:
        text = self.tr("Registration failed: {code} {reason}").format(
            code=event.code, reason=phrase_text(event.code, event.reason)
        )
        if event.retry_in_s:
            text += self.tr(" — retrying in {0:.0f} s").format(event.retry_in_s)
        self._set_status(text, "bad")

    def _pop_up(self, event: IncomingCall) -> None:
        if event.call in self.popups:  # in the snapshot and then heard as it came in
            return
        # No parent: the pop-up shows on top even while the main window is minimised.
        popup = IncomingPopup(event, self.session, self.lookups)
        popup.answered.connect(lambda call: self._run(self.session.answer(call), self.tr("Answer")))
        popup.answered_holding.connect(
            lambda call: self._run(self.session.answer_holding_others(call), self.tr("Answer"))
        )
        popup.declined.connect(
            lambda call: self._run(self.session.reject(call, "decline"), self.tr("Decline"))
        )
        self.popups[event.call] = popup
        self._offer_hold()
        popup.show()
        popup.raise_()

    def _offer_hold(self) -> None:
        """A call ringing while the agent talks on another: its pop-up offers to hold that
        (not when the other is on hold already: plain Answer does)."""
        talking = any(r.talking and r.state != "held" for r in self.calls.rows.values())
        for popup in self.popups.values():
            popup.offer_hold(talking)

    def _call_ended(self, event: CallEnded) -> None:
        popup = self.popups.pop(event.call, None)
        if popup is not None:
            popup.done(0)
            # Deleted here, on the GUI thread: a dropped reference could leave it to the cycle
            # collector, which may run on the SIP thread (a QObject must die on its own).
            popup.deleteLater()
        self.last_number = event.remote or self.last_number
        mos = f", MOS {event.quality.mos:.1f}" if event.quality else ""
        self.log.appendPlainText(
            self.tr("Call {remote} ended: {code} {reason}, {seconds:.0f} s{mos}").format(
                remote=self.session.shown_number(event.remote) if event.remote else "",
                code=event.code,
                reason=phrase_text(event.code, event.reason),
                seconds=event.duration_s,
                mos=mos,
            )
        )

    def show_error(self, message: str) -> None:
        self._note(f"⚠ {message}")

    def _note(self, message: str) -> None:
        self.log.appendPlainText(message)
        self.statusBar().showMessage(message, 8000)

    def _set_status(self, text: str, tone: str) -> None:
        self.registration.setText(text)
        set_tone(self.registration, "tone", tone)

    def closeEvent(self, event: Any) -> None:
        self.sync.stop_counting()  # the session stops next and closes the journal
        self.bridge.close()
        self.readiness.close()
        self.lookups.close()
        for popup in self.popups.values():
            popup.done(0)  # not close(): that would decline the call as if the agent had
        super().closeEvent(event)
