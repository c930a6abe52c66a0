"""The settings the dialog shows, each tied to its control: "section.key" → a `Field` that shows
a value, gives back the one typed or picked, and turns read-only when IT locked the key. The
choice lists (transport, call encryption, language) are filled here with their words."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QWidget

from softphone.gui.forms.ui_settings_dialog import Ui_SettingsDialog
from softphone.gui.theme import set_tone
from softphone.provisioning import provisioning_path


def tr(text: str) -> str:
    return QCoreApplication.translate("SettingsDialog", text)


@dataclass
class Field:
    control: QWidget
    label: str  # how the page names it, for the "locked" line
    page_locks: QLabel  # the page's line that lists its locked settings

    def show(self, value: Any) -> None:
        control = self.control
        if isinstance(control, QLineEdit):
            control.setText(str(value))
        elif isinstance(control, QCheckBox):
            control.setChecked(bool(value))
        elif isinstance(control, QComboBox):
            index = control.findData(value)
            if index < 0:  # a device not plugged in, a value of a newer version: keep it
                control.addItem(str(value), value)
                index = control.count() - 1
            control.setCurrentIndex(index)

    def value(self) -> Any:
        control = self.control
        if isinstance(control, QLineEdit):
            return control.text().strip()
        if isinstance(control, QCheckBox):
            return control.isChecked()
        if isinstance(control, QComboBox):
            return control.currentData()
        raise TypeError(type(control).__name__)

    def lock(self, why: str) -> None:
        control = self.control
        if isinstance(control, QLineEdit):
            control.setReadOnly(True)  # still selectable and read by screen readers
        else:
            control.setEnabled(False)
        page = control.window()
        for browse in page.findChildren(QWidget, f"{control.objectName()}_browse"):
            browse.setEnabled(False)  # a locked file name has no "Browse…" either
        set_tone(control, "locked", "true")  # the theme greys it (and re-polishes)
        control.setToolTip(why)
        control.setAccessibleDescription(why)


def fields_of(ui: Ui_SettingsDialog) -> dict[str, Field]:
    account, audio, central = ui.account_locks, ui.audio_locks, ui.central_locks
    return {
        "sip.server": Field(ui.server, tr("Server"), account),
        "sip.user": Field(ui.user, tr("User"), account),
        "sip.domain": Field(ui.domain, tr("Domain"), account),
        "sip.transport": Field(ui.transport, tr("Transport"), account),
        "sip.srtp": Field(ui.srtp, tr("Call encryption"), account),
        "sip.outbound_proxy": Field(ui.outbound_proxy, tr("Outbound proxy"), account),
        "sip.ca_file": Field(ui.ca_file, tr("TLS CA certificate"), account),
        "audio.input": Field(ui.input, tr("Microphone"), audio),
        "audio.output": Field(ui.output, tr("Speaker"), audio),
        "audio.ring": Field(ui.ring, tr("Ring on"), audio),
        "central.url": Field(ui.central_url, tr("Address"), central),
        "central.user": Field(ui.central_user, tr("User"), central),
        "gui.language": Field(ui.language, tr("Language"), ui.language_locks),
        "gui.start_at_login": Field(ui.start_at_login, tr("Start at login"), ui.startup_locks),
        "gui.close_to_tray": Field(ui.close_to_tray, tr("Close to tray"), ui.startup_locks),
    }


def fill_choices(ui: Ui_SettingsDialog) -> None:
    for name, value in (("UDP", "udp"), ("TCP", "tcp"), ("TLS", "tls")):
        ui.transport.addItem(name, value)
    ui.srtp.addItem(tr("Off"), "off")
    ui.srtp.addItem(tr("When the other side offers it"), "optional")
    ui.srtp.addItem(tr("Always (calls without it fail)"), "mandatory")
    ui.language.addItem(tr("The system's language"), "auto")
    ui.language.addItem("English", "en")  # each language named in itself
    ui.language.addItem("简体中文", "zh_CN")


def locked_by() -> str:
    """Who locked settings: IT, through the machine's provisioning file."""
    return tr("your IT department ({file})").format(file=provisioning_path())
