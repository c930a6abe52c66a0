"""The first-run screen and Settings against the real core: "Test" registers on the lab's
Kamailio (digest auth) and says in words what happened, Save writes the profile and the keyring,
and the window then opened registers; IT's locked keys are read-only with who locked them;
language and start at login are saved (the autostart entry for real, in a temporary XDG folder).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from softphone.config import SETTINGS_FILE, load_profile
from softphone.gui.settings_dialog import SettingsDialog
from softphone.secrets import load_secret
from tests.gui.lab_fixtures import kamailio  # noqa: F401 - fixture
from tests.gui.test_accessible_names import nameless
from tests.integration.conftest import pulse, pulse_server  # noqa: F401 - fixtures
from tests.integration.lab.tools import free_port

TEST_TIMEOUT_MS = 40000  # a child process starts pjsua2 and registers: seconds on a busy machine


@pytest.fixture
def no_provisioning(tmp_path: Path, monkeypatch) -> Path:
    path = tmp_path / "provisioning.toml"
    monkeypatch.setenv("SOFTPHONE_PROVISIONING", str(path))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    return path


def first_run(qtbot, folder: Path) -> SettingsDialog:
    dialog = SettingsDialog(folder, first_run=True)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def type_account(dialog: SettingsDialog, server: str, user: str, password: str, how: str = "udp"):
    dialog.ui.server.setText(server)
    dialog.ui.user.setText(user)
    dialog.ui.password.setText(password)
    dialog.ui.transport.setCurrentIndex(dialog.ui.transport.findData(how))


def result_of_test(qtbot, dialog: SettingsDialog) -> str:
    dialog.ui.test_button.click()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=TEST_TIMEOUT_MS)
    assert dialog.ui.test_result.isVisible()
    return dialog.ui.test_result.text()


@pytest.mark.integration
def test_first_run_saves_the_account_and_the_window_registers(
    qtbot,
    kamailio,  # noqa: F811
    profile_folder: Path,
    no_provisioning: Path,
    open_window,
) -> None:
    dialog = first_run(qtbot, profile_folder)
    assert dialog.windowTitle() == "Set up the softphone" and dialog.ui.welcome.isVisible()
    type_account(dialog, kamailio.server("udp"), "agent1", "secret1")
    said = result_of_test(qtbot, dialog)
    assert said == "Registered: 127.0.0.1 accepted agent1 over UDP."
    dialog.ui.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.result() == SettingsDialog.DialogCode.Accepted
    sip = load_profile(profile_folder).settings.sip
    assert (sip.server, sip.user, sip.transport) == (kamailio.server("udp"), "agent1", "udp")
    assert load_secret(profile_folder, "sip") == "secret1"
    assert "secret1" not in (profile_folder / SETTINGS_FILE).read_text()
    _, main = open_window()
    qtbot.waitUntil(lambda: main.registration.property("tone") == "ok", timeout=20000)
    assert "agent1" in main.registration.text()


@pytest.mark.integration
def test_a_wrong_password_is_said_in_words(
    qtbot,
    kamailio,  # noqa: F811
    profile_folder: Path,
    no_provisioning: Path,
) -> None:
    dialog = first_run(qtbot, profile_folder)
    type_account(dialog, kamailio.server("udp"), "agent1", "not-the-password")
    said = result_of_test(qtbot, dialog)
    assert said.startswith("Wrong password: the server refused agent1 (401")
    assert dialog.ui.test_result.property("tone") == "bad"


@pytest.mark.integration
@pytest.mark.parametrize("transport", ["udp", "tcp"])
def test_an_unreachable_port_names_the_transport_and_the_port(
    qtbot, profile_folder: Path, no_provisioning: Path, transport: str
) -> None:
    port = free_port()
    dialog = first_run(qtbot, profile_folder)
    type_account(dialog, f"127.0.0.1:{port}", "agent1", "secret1", transport)
    said = result_of_test(qtbot, dialog)
    over = transport.upper()
    where = f"127.0.0.1 port {port} over {over}"
    assert said.startswith(f"Server unreachable: nothing answers on {where}")
    assert f"ask IT for the SIP server's {over} port" in said


@pytest.mark.integration
def test_an_untrusted_tls_certificate_says_whose_and_what_to_do(
    qtbot,
    kamailio,  # noqa: F811
    profile_folder: Path,
    no_provisioning: Path,
) -> None:
    dialog = first_run(qtbot, profile_folder)
    type_account(dialog, kamailio.server("tls"), "agent1", "secret1", "tls")
    said = result_of_test(qtbot, dialog)
    assert said.startswith("TLS certificate not trusted: 127.0.0.1 showed a certificate")
    assert "issued by Softphone Lab CA" in said and "Ask IT for the certificate" in said
    dialog.ui.ca_file.setText(kamailio.ca_file)  # what IT hands over, as the text says
    said = result_of_test(qtbot, dialog)
    assert said.startswith("Registered: 127.0.0.1 accepted agent1 over TLS")


def test_keys_it_locked_are_read_only_and_say_who(
    qtbot, profile_folder: Path, no_provisioning: Path
) -> None:
    no_provisioning.write_text(
        'locked = ["sip.server", "sip.transport"]\n[sip]\nserver = "pbx.corp"\ntransport = "tls"\n'
    )
    dialog = SettingsDialog(profile_folder)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.ui.server.text() == "pbx.corp" and dialog.ui.server.isReadOnly()
    assert not dialog.ui.transport.isEnabled() and dialog.ui.transport.currentData() == "tls"
    assert str(no_provisioning) in dialog.ui.server.toolTip()
    assert dialog.ui.account_locks.isVisible()
    assert dialog.ui.account_locks.text() == (
        f"Set by your IT department ({no_provisioning}), not changeable here: Server, Transport"
    )
    assert dialog.ui.user.isEnabled() and not dialog.ui.user.isReadOnly()
    dialog.ui.user.setText("ann")
    dialog.save()
    assert "pbx.corp" not in (profile_folder / SETTINGS_FILE).read_text()  # IT's, not ours
    assert load_profile(profile_folder).settings.sip.user == "ann"


def test_language_and_start_at_login_are_saved(
    qtbot, profile_folder: Path, no_provisioning: Path, tmp_path: Path
) -> None:
    dialog = SettingsDialog(profile_folder)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.windowTitle() == "Settings" and not dialog.ui.welcome.isVisible()
    dialog.ui.language.setCurrentIndex(dialog.ui.language.findData("zh_CN"))
    dialog.ui.start_at_login.setChecked(True)
    dialog.save()
    gui = load_profile(profile_folder).settings.gui
    assert gui.language == "zh_CN" and gui.start_at_login
    entry = tmp_path / "config" / "autostart" / "softphone.desktop"
    assert "Exec=" in entry.read_text()
    again = SettingsDialog(profile_folder)
    qtbot.addWidget(again)
    assert again.ui.language.currentData() == "zh_CN" and again.ui.start_at_login.isChecked()
    again.ui.start_at_login.setChecked(False)
    again.save()
    assert not entry.exists()


def test_first_run_needs_a_server(qtbot, profile_folder: Path, no_provisioning: Path) -> None:
    dialog = first_run(qtbot, profile_folder)
    dialog.save()
    assert dialog.isVisible() and dialog.ui.save_error.text() == "Enter your SIP server to start."


def test_every_control_of_settings_has_an_accessible_name(
    qtbot, profile_folder: Path, no_provisioning: Path
) -> None:
    dialog = first_run(qtbot, profile_folder)
    assert nameless(dialog) == []


def test_a_fresh_profile_opens_the_first_run_screen_before_any_window(
    qtbot, profile_folder: Path, no_provisioning: Path
) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from softphone.gui.app import run_app

    seen: list[str] = []
    waited = [0]

    def quit_the_screen() -> None:  # the agent closes the first-run screen with Quit
        dialog = QApplication.activeModalWidget()
        waited[0] += 1
        if isinstance(dialog, SettingsDialog):
            seen.append(dialog.windowTitle())
            dialog.reject()
        elif waited[0] > 150:  # 15 s and still no first-run screen: give up
            QApplication.quit()

    poll = QTimer()
    poll.timeout.connect(quit_the_screen)
    poll.start(100)
    try:
        assert run_app(profile_folder) == 0
    finally:
        poll.stop()
    assert seen == ["Set up the softphone"]
    assert QApplication.topLevelWidgets() == [] or not any(
        w.isVisible() for w in QApplication.topLevelWidgets()
    )


def test_the_window_menu_opens_settings_and_notes_a_save(qtbot, window) -> None:
    _, main = window
    main.settings_action.trigger()
    dialog = main.findChild(SettingsDialog)
    assert dialog is not None and dialog.isVisible() and dialog.windowTitle() == "Settings"
    dialog.ui.user.setText("ann")
    dialog.save()
    qtbot.waitUntil(lambda: "Settings saved" in main.log.toPlainText())


@pytest.fixture
def started_center(tmp_path: Path):
    from tests.sync.center_lab import make_center

    center = make_center(f"sqlite:///{tmp_path / 'central.sqlite3'}")
    center.start()
    yield center
    center.close()


def sign_in_as(qtbot, dialog: SettingsDialog, url: str, user: str, password: str) -> str:
    dialog.ui.pages.setCurrentRow(2)
    dialog.ui.central_url.setText(url)
    dialog.ui.central_user.setText(user)
    dialog.ui.central_password.setText(password)
    dialog.ui.sign_in.click()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=20000)
    return dialog.ui.sign_in_result.text()


def test_signing_in_to_the_center_keeps_the_token_in_the_keyring(
    qtbot, started_center, profile_folder: Path, no_provisioning: Path
) -> None:
    from tests.central.server import PASSWORD

    dialog = SettingsDialog(profile_folder)
    qtbot.addWidget(dialog)
    dialog.show()
    said = sign_in_as(qtbot, dialog, started_center.url, "ann", "not-it")
    assert said == "The center refused ann: check the user name and password."
    assert load_secret(profile_folder, "central-token") is None
    said = sign_in_as(qtbot, dialog, started_center.url, "ann", PASSWORD)
    assert said == "Signed in as ann (agent)."
    assert load_secret(profile_folder, "central-token")
    dialog.save()
    central = load_profile(profile_folder).settings.central
    assert (central.url, central.user) == (started_center.url, "ann")
    text = (profile_folder / SETTINGS_FILE).read_text()
    assert PASSWORD not in text and load_secret(profile_folder, "central-token") not in text


def test_an_unreachable_center_is_said_so(
    qtbot, profile_folder: Path, no_provisioning: Path
) -> None:
    dialog = SettingsDialog(profile_folder)
    qtbot.addWidget(dialog)
    dialog.show()
    said = sign_in_as(qtbot, dialog, f"http://127.0.0.1:{free_port()}", "ann", "pw")
    assert said.startswith("The center cannot be reached:")


@pytest.mark.integration
def test_the_audio_page_meters_the_microphone_and_plays_on_the_ring_device(
    qtbot,
    pulse_server,  # noqa: F811
    profile_folder: Path,
    no_provisioning: Path,
) -> None:
    from tests.integration.peers.pulse import band_dbfs

    dialog = SettingsDialog(profile_folder)
    qtbot.addWidget(dialog)
    dialog.show()
    ui = dialog.ui
    for combo, device in ((ui.input, "agent_mic"), (ui.ring, "agent_ring")):
        assert combo.findData(device) >= 0, [combo.itemText(i) for i in range(combo.count())]
        combo.setCurrentIndex(combo.findData(device))
    voice = pulse_server.play_tone("mic_feed", 1000, 30.0)
    try:
        ui.pages.setCurrentRow(1)  # the page opens the microphone while it shows
        qtbot.waitUntil(lambda: ui.input_meter.value() > 30, timeout=10000)  # above -30 dBFS
    finally:
        voice.kill()
    ring = pulse_server.start_recording("agent_ring.monitor")
    ui.play_ring.click()
    qtbot.waitUntil(lambda: ui.ring_meter.value() > 30, timeout=10000)
    qtbot.waitUntil(lambda: not dialog.audio.trial.playing, timeout=10000)
    heard = ring.stop()
    assert band_dbfs(heard, 420, 500) > -30  # the test sound came out of the ring device
    ui.pages.setCurrentRow(0)  # leaving the page lets go of the devices
    assert ui.input_meter.value() == 0 and not dialog.audio.trial.playing
    dialog.ui.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    audio = load_profile(profile_folder).settings.audio
    assert (audio.input, audio.ring) == ("agent_mic", "agent_ring")


@pytest.mark.integration
def test_a_server_that_never_answers_is_said_to_be_blocked(
    qtbot, profile_folder: Path, no_provisioning: Path
) -> None:
    import socket

    silent = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)  # swallows what it gets: a firewall
    silent.bind(("127.0.0.1", 0))
    port = silent.getsockname()[1]
    try:
        dialog = first_run(qtbot, profile_folder)
        type_account(dialog, f"127.0.0.1:{port}", "agent1", "secret1")
        said = result_of_test(qtbot, dialog)
    finally:
        silent.close()
    assert said.startswith(f"Server unreachable: no answer from 127.0.0.1 port {port} over UDP")
    assert f"ask IT to open port {port}/udp" in said


@pytest.mark.integration
def test_a_test_leaves_the_running_phone_registered(
    qtbot,
    kamailio,  # noqa: F811
    profile_folder: Path,
    no_provisioning: Path,
) -> None:
    """Settings opened over a registered window: a Test of another account over TCP (its
    connection opened and closed) must not read as the agent's own registration lost."""
    from softphone.agent.session import AgentSession
    from softphone.events import Registered, RegistrationFailed, Unregistered
    from tests.gui.helpers import heard, lab_profile

    lab_profile(profile_folder, kamailio.server("tcp"), "agent1", "secret1")
    text = (profile_folder / SETTINGS_FILE).read_text().replace('"udp"', '"tcp"')
    (profile_folder / SETTINGS_FILE).write_text(text)
    session = AgentSession(load_profile(profile_folder), "secret1")
    events = heard(session)
    session.start()
    try:
        qtbot.waitUntil(lambda: any(isinstance(e, Registered) for e in events), timeout=15000)
        dialog = SettingsDialog(profile_folder)
        qtbot.addWidget(dialog)
        dialog.show()
        type_account(dialog, kamailio.server("tcp"), "agent2", "secret2", "tcp")
        assert result_of_test(qtbot, dialog).startswith("Registered: 127.0.0.1 accepted agent2")
        dialog.reject()
        troubles = [e for e in events if isinstance(e, RegistrationFailed | Unregistered)]
        assert troubles == []
    finally:
        session.stop()


def test_open_settings_is_the_entry_point_for_setting_up_a_real_account(
    qtbot, window, no_provisioning: Path
) -> None:
    """What the demo banner's "Set up my account" calls: the first-run pages over the window,
    `saved` carrying the settings written."""
    from softphone.gui.settings_dialog import open_settings

    session, main = window
    dialog = open_settings(main, session.profile.folder, first_run=True)
    assert dialog.isVisible() and dialog.isModal()
    assert dialog.windowTitle() == "Set up the softphone"
    cancel = dialog.ui.buttons.button(QDialogButtonBox.StandardButton.Cancel)
    assert cancel.text() == "Cancel"  # over a window it closes the screen, not the app
    saved = []
    dialog.saved.connect(saved.append)
    type_account(dialog, "pbx.example.com", "ann", "pw")
    dialog.save()
    assert [s.sip.server for s in saved] == ["pbx.example.com"]
