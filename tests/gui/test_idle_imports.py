"""What the idle window has loaded: what only a recording, a rare calendar or a dialog needs is
loaded when first used, not at start (issue 15: idle RSS; tests/bench/README.md, "Start-up and
idle cost of the window"), and what the first pop-up and the first dial need is loaded before.

The probe is the app itself (`run_app`, as `softphone agent --profile` runs it) in a fresh
interpreter, offscreen, with a profile that has a SIP server and its password in the keyring:
once its window is up and its start-up warm-ups are done, it lists `sys.modules`.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.integration.lab.tools import free_port
from tests.integration.peers.agent_process import agent_env, store_password, write_profile

PROBE = """
import sys, time
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

app = QApplication(sys.argv)
waited = time.monotonic()

def list_modules():
    # The audio worker's warm-up (voice cleaning) is the last start-up work: wait for it.
    if "pywebrtc_audio" not in sys.modules and time.monotonic() - waited < 60:
        QTimer.singleShot(200, list_modules)
        return
    print("\\n".join(sorted(sys.modules)), flush=True)
    import os
    os._exit(0)  # the modules are the answer; a clean quit would unregister first

QTimer.singleShot(0, list_modules)
from softphone.gui.app import run_app
run_app(Path(sys.argv[1]))
"""

# Loaded at start before, never used by an idle window: each is loaded by what first needs it.
NOT_AT_IDLE = {
    "cryptography": "sealing a recording (softphone.recording.sealed)",
    "soundfile": "encoding a recording, reading a consent prompt",
    "holidays.countries.germany": "a calendar no pack names (holiday_calendars)",
    "sqlite_utils": "a tool's or a test's look at the journal (Journal.db)",
    "click": "sqlite_utils' command line (its plugin hooks)",
    "softphone.gui.settings_dialog": "Settings opening (gui.settings_entry)",
    "softphone.gui.audio_page": "Settings opening",
    "softphone.autostart": "Settings opening (start at login: plistlib, expat)",
    "softphone.gui.readiness_dialog": "the readiness screen opening (gui.readiness_entry)",
    "softphone.gui.camera_preview": "the readiness screen opening",
}
# What the first pop-up and the first dial use stays warm (gui.warm_start, plans.warm_up).
WARM = (
    "phonenumbers.data.region_DE",
    "holidays.countries.france",
    "softphone.gui.incoming_popup",
    "softphone.compliance.gate",
)


@pytest.fixture(scope="module")
def idle_modules(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    home = tmp_path_factory.mktemp("idle")
    env = agent_env(home, {"QT_QPA_PLATFORM": "offscreen"})
    profile = write_profile(
        home / "profile",
        {"server": f"127.0.0.1:{free_port('udp')}", "user": "agent1", "transport": "udp"},
    )
    store_password(profile, "secret-agent1", env)
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(profile)],
        capture_output=True,
        text=True,
        env=env,
        cwd=Path(__file__).resolve().parents[2],
        timeout=180,
        check=False,
    )
    modules = set(done.stdout.split())
    assert "softphone.gui.main_window" in modules, done.stdout[-2000:] + done.stderr[-3000:]
    return modules


@pytest.mark.parametrize("name", sorted(NOT_AT_IDLE))
def test_the_idle_window_has_not_loaded(idle_modules: set[str], name: str) -> None:
    loaded = sorted(m for m in idle_modules if m == name or m.startswith(name + "."))
    assert not loaded, f"{name} is loaded at idle; only {NOT_AT_IDLE[name]} needs it: {loaded}"


def test_what_the_first_popup_and_dial_use_is_loaded(idle_modules: set[str]) -> None:
    assert {name for name in WARM if name not in idle_modules} == set()


def test_the_probe_sees_a_started_session(idle_modules: set[str]) -> None:
    """The list is the started app's, not an import of the package: the engine, the password's
    keyring and the audio worker's warm-up are in."""
    assert {"pjsua2", "keyring", "pywebrtc_audio"} <= idle_modules
