"""The first-run screen and the Settings dialog: one dialog (ui/settings_dialog.ui), the same
pages. It shows the profile's settings as a start reads them (IT's locked keys read-only, with
who locked them), tests the SIP account with a real registration and signs in to the center off
the GUI thread, and on Save writes `softphone.toml` (settings_file), the passwords to the OS
keyring and start-at-login to the OS (autostart).

`open_settings(parent, folder, first_run=…)` is the one entry point (the window's menu, the demo
banner's "Set up my account"); `saved` says when the file was written. The window reaches it
through softphone.gui.settings_entry, which loads this module when Settings first opens.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QWidget,
)

from softphone.agent.account_test import AccountTest, try_account
from softphone.agent.central_sign_in import SignIn, sign_in
from softphone.autostart import set_start_at_login
from softphone.config import ConfigError, Profile, Settings, SipSettings, load_profile
from softphone.gui.account_test_text import account_test_text, sign_in_text
from softphone.gui.audio_page import AudioPage
from softphone.gui.forms.ui_settings_dialog import Ui_SettingsDialog
from softphone.gui.settings_fields import Field, fields_of, fill_choices, locked_by
from softphone.gui.theme import apply_theme, set_tone
from softphone.secrets import SecretError, load_secret, store_secret


def tr(text: str) -> str:
    return QCoreApplication.translate("SettingsDialog", text)


POLL_MS = 100  # how often the dialog looks whether a test or a sign-in has finished
PAGE_AUDIO = 1


class SettingsDialog(QDialog):
    saved = Signal(object)  # the Settings now in the file

    def __init__(
        self, folder: Path, first_run: bool = False, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.folder = Path(folder)
        self.first_run = first_run
        self.profile: Profile = load_profile(self.folder)
        self.ui = Ui_SettingsDialog()
        self.ui.setupUi(self)
        self.fields: dict[str, Field] = fields_of(self.ui)
        self._workers = ThreadPoolExecutor(max_workers=2, thread_name_prefix="settings")
        self._waiting: list[tuple[Future[Any], Callable[[Any], None]]] = []
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._collect)
        fill_choices(self.ui)
        self._show_settings(self.profile.settings)
        self._show_locks()
        self.audio = AudioPage(self.ui, self.profile.settings.audio, self)
        self._wire()
        self._dress(first_run)

    # --- building -------------------------------------------------------------------------

    def _dress(self, first_run: bool) -> None:
        self.setWindowTitle(tr("Set up the softphone") if first_run else tr("Settings"))
        self.ui.welcome.setVisible(first_run)
        save = self.ui.buttons.button(QDialogButtonBox.StandardButton.Save)
        cancel = self.ui.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        save.setText(tr("Save and start") if first_run else tr("Save"))
        # Before any window, closing the first-run screen quits the app; over a window (the
        # demo's "Set up my account") it only closes the screen.
        cancel.setText(tr("Quit") if first_run and self.parent() is None else tr("Cancel"))
        for button in (save, cancel):
            button.setAccessibleName(button.text().replace("&", ""))
        self.ui.pages.setCurrentRow(0)
        self.ui.pages.setMaximumWidth(self.ui.pages.sizeHintForColumn(0) + 24)
        for label in (self.ui.test_result, self.ui.sign_in_result, self.ui.save_error):
            label.setVisible(False)
        self.resize(760, 560)

    def _wire(self) -> None:
        self.ui.pages.currentRowChanged.connect(self._page_changed)
        self.ui.buttons.accepted.connect(self.save)
        self.ui.buttons.rejected.connect(self.reject)
        self.ui.test_button.clicked.connect(self.test_account)
        self.ui.sign_in.clicked.connect(self.sign_in)
        self.ui.ca_file_browse.clicked.connect(self._choose_ca_file)

    def _show_settings(self, settings: Settings) -> None:
        for key, field in self.fields.items():
            section, name = key.split(".", 1)
            field.show(getattr(getattr(settings, section), name))

    def _show_locks(self) -> None:
        """Locked keys are shown read-only, each page saying which and who locked them."""
        who = locked_by()
        by_page: dict[QWidget, list[str]] = {}
        for key, field in self.fields.items():
            if key in self.profile.locked:
                field.lock(tr("Locked by {who}").format(who=who))
                by_page.setdefault(field.page_locks, []).append(field.label)
        for label in (
            self.ui.account_locks,
            self.ui.audio_locks,
            self.ui.central_locks,
            self.ui.language_locks,
            self.ui.startup_locks,
        ):
            names = by_page.get(label, [])
            label.setVisible(bool(names))
            label.setText(
                tr("Set by {who}, not changeable here: {names}").format(
                    who=who,
                    names=tr(", ").join(names),  # Chinese lists with 、
                )
            )

    def _choose_ca_file(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self,
            tr("The TLS CA certificate IT gave you"),
            self.ui.ca_file.text(),
            tr("Certificates (*.pem *.crt *.cer);;All files (*)"),
        )
        if chosen:
            self.ui.ca_file.setText(chosen)

    def _page_changed(self, row: int) -> None:
        self.ui.stack.setCurrentIndex(row)
        self.audio.shown(row == PAGE_AUDIO)

    # --- what the agent typed -------------------------------------------------------------

    def changes(self) -> dict[str, dict[str, Any]]:
        """Every shown setting that is not locked, section → key → value."""
        changed: dict[str, dict[str, Any]] = {}
        for key, field in self.fields.items():
            if key not in self.profile.locked:
                section, name = key.split(".", 1)
                changed.setdefault(section, {})[name] = field.value()
        return changed

    def sip_as_typed(self) -> SipSettings:
        return replace(self.profile.settings.sip, **self.changes().get("sip", {}))

    def _sip_password(self) -> str | None:
        return self.ui.password.text() or load_secret(self.folder, "sip")

    # --- Test, Sign in (off the GUI thread) --------------------------------------------------

    def test_account(self) -> None:
        sip = self.sip_as_typed()
        if not sip.server or not sip.user:
            self._say(self.ui.test_result, tr("Enter the server and the user first."), "bad")
            return
        password = self._sip_password()
        if not password:
            self._say(self.ui.test_result, tr("Enter the password first."), "bad")
            return
        self.ui.test_button.setEnabled(False)
        self._say(self.ui.test_result, tr("Registering with {server}…").format(server=sip.server))
        self._run(lambda: try_account(sip, password), lambda r: self._tested(r, sip.user))

    def _tested(self, result: AccountTest, user: str) -> None:
        self.ui.test_button.setEnabled(True)
        text, works = account_test_text(result, user)
        self._say(self.ui.test_result, text, "ok" if works else "bad")

    def sign_in(self) -> None:
        url, user = self.ui.central_url.text().strip(), self.ui.central_user.text().strip()
        password = self.ui.central_password.text()
        if not (url and user and password):
            self._say(
                self.ui.sign_in_result, tr("Enter the address, user and password first."), "bad"
            )
            return
        self.ui.sign_in.setEnabled(False)
        self._say(self.ui.sign_in_result, tr("Signing in to {url}…").format(url=url))
        folder = self.folder
        self._run(lambda: sign_in(folder, url, user, password), lambda r: self._signed_in(r, user))

    def _signed_in(self, result: SignIn, user: str) -> None:
        self.ui.sign_in.setEnabled(True)
        text, ok = sign_in_text(result, user)
        self._say(self.ui.sign_in_result, text, "ok" if ok else "bad")

    def _run(self, work: Callable[[], Any], then: Callable[[Any], None]) -> None:
        self._waiting.append((self._workers.submit(work), then))
        self._poll.start()

    def _collect(self) -> None:
        done = [(f, then) for f, then in self._waiting if f.done()]
        self._waiting = [w for w in self._waiting if not w[0].done()]
        if not self._waiting:
            self._poll.stop()
        for future, then in done:
            error = future.exception()
            if error is None:
                then(future.result())
            else:
                self._say(self.ui.save_error, str(error), "bad")

    @property
    def busy(self) -> bool:
        return bool(self._waiting)

    # --- Save ---------------------------------------------------------------------------------

    def save(self) -> None:
        if self.first_run and not self.ui.server.text().strip():
            self._say(self.ui.save_error, tr("Enter your SIP server to start."), "bad")
            return
        try:
            settings = self._write()
        except (ConfigError, SecretError, OSError) as exc:
            self._say(self.ui.save_error, tr("Not saved: {why}").format(why=exc), "bad")
            return
        self.saved.emit(settings)
        self.accept()

    def _write(self) -> Settings:
        from softphone.settings_file import save_settings

        was = self.profile.settings.gui.start_at_login
        settings = save_settings(self.folder, self.changes(), self.profile.locked)
        if self.ui.password.text():
            store_secret(self.folder, "sip", self.ui.password.text())
        if self.ui.central_password.text():
            store_secret(self.folder, "central", self.ui.central_password.text())
        if settings.gui.start_at_login != was or settings.gui.start_at_login:
            set_start_at_login(settings.gui.start_at_login)
        return settings

    def _say(self, label: Any, text: str, tone: str = "idle") -> None:
        label.setText(text)
        label.setVisible(True)
        set_tone(label, "tone", tone)

    def done(self, result: int) -> None:
        self.audio.close()
        self._poll.stop()
        self._workers.shutdown(wait=False, cancel_futures=True)
        super().done(result)


def run_first_run(folder: Path) -> bool:
    """The first-run screen, before any window; True once the agent saved an account."""
    app = QApplication.instance()
    if isinstance(app, QApplication):
        apply_theme(app)
    dialog = SettingsDialog(folder, first_run=True)
    return dialog.exec() == QDialog.DialogCode.Accepted


def open_settings(parent: QWidget | None, folder: Path, first_run: bool = False) -> SettingsDialog:
    """Show Settings (or the first-run screen) for the profile in `folder`, window-modal over
    `parent`; connect to `saved` to act on what was written."""
    dialog = SettingsDialog(folder, first_run, parent)
    dialog.setModal(True)
    dialog.show()
    return dialog
