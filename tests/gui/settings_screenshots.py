"""Screenshots of the first-run screen and each Settings page (part of tests.gui.screenshots):
what Test says when the account works, when the password is wrong, when TLS does not trust the
server; the audio page, the center signed in, language, start at login, and IT's locks."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

from softphone.agent.account_test import AccountTest
from softphone.agent.central_sign_in import SignIn
from softphone.gui.app import ensure_profile
from softphone.gui.settings_dialog import SettingsDialog

Shoot = Callable[[QApplication, QWidget, Path], None]
REGISTERED = AccountTest("registered", "udp", "pbx.example.com", 5060, 200)
WRONG = AccountTest("wrong_password", "udp", "pbx.example.com", 5060, 401, "Unauthorized")
UNTRUSTED = AccountTest(
    "tls_untrusted",
    "tls",
    "pbx.example.com",
    5061,
    503,
    certificate_subject="pbx.example.com",
    certificate_issuer="Example Corp Internal CA",
    problem="The certificate is untrusted",
)


def shoot_settings(app: QApplication, home: Path, out: Path, shoot: Shoot) -> None:
    folder = ensure_profile(home / "first-run")
    dialog = SettingsDialog(folder, first_run=True)
    dialog.show()
    _type(dialog)
    dialog._tested(REGISTERED, "ann")
    shoot(app, dialog, out / "20-first-run-registered.png")
    dialog._tested(WRONG, "ann")
    shoot(app, dialog, out / "21-first-run-wrong-password.png")
    dialog.ui.transport.setCurrentIndex(dialog.ui.transport.findData("tls"))
    dialog._tested(UNTRUSTED, "ann")
    shoot(app, dialog, out / "22-first-run-tls-untrusted.png")
    dialog.reject()
    _shoot_pages(app, folder, out, shoot)
    _shoot_locked(app, home, folder, out, shoot)


def _type(dialog: SettingsDialog) -> None:
    dialog.ui.server.setText("pbx.example.com")
    dialog.ui.user.setText("ann")
    dialog.ui.password.setText("not shown")


def _shoot_pages(app: QApplication, folder: Path, out: Path, shoot: Shoot) -> None:
    dialog = SettingsDialog(folder)
    dialog.show()
    _type(dialog)
    for row, name in ((1, "23-settings-audio"), (2, "24-settings-central")):
        dialog.ui.pages.setCurrentRow(row)
        if row == 2:
            dialog.ui.central_url.setText("https://center.example.com")
            dialog.ui.central_user.setText("ann")
            dialog._signed_in(SignIn("ok", role="agent"), "ann")
        shoot(app, dialog, out / f"{name}.png")
    dialog.ui.pages.setCurrentRow(3)
    shoot(app, dialog, out / "25-settings-language.png")
    dialog.ui.pages.setCurrentRow(4)
    shoot(app, dialog, out / "26-settings-start.png")
    dialog.reject()


def _shoot_locked(app: QApplication, home: Path, folder: Path, out: Path, shoot: Shoot) -> None:
    provisioning = home / "provisioning.toml"
    provisioning.write_text(
        'locked = ["sip.server", "sip.transport", "sip.srtp"]\n'
        '[sip]\nserver = "pbx.corp.example:5061"\ntransport = "tls"\nsrtp = "mandatory"\n'
    )
    before = os.environ.get("SOFTPHONE_PROVISIONING")
    os.environ["SOFTPHONE_PROVISIONING"] = str(provisioning)
    try:
        dialog = SettingsDialog(folder)
        dialog.show()
        shoot(app, dialog, out / "27-settings-locked-by-it.png")
        dialog.reject()
    finally:
        if before is None:
            os.environ.pop("SOFTPHONE_PROVISIONING", None)
        else:
            os.environ["SOFTPHONE_PROVISIONING"] = before
