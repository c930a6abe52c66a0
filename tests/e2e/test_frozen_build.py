"""The frozen desktop build (build.spec) starts, carries what it needs and nothing of the center."""

from __future__ import annotations

import json
import re
import subprocess

import softphone
from tests.e2e.frozen import Bundle, bundle_contents, center_items, run

CHECKS = (
    "modules",
    "pjsua2",
    "portaudio",
    "keyring",
    "sqlite",
    "compliance",
    "caller info",  # the pop-up's provider/place index, shipped pre-built
    "voice",  # the voice cleaning's native library
    "qt",
)


def test_version_names_the_package_version_and_the_stack(bundle: Bundle, frozen_env) -> None:
    done = run(bundle, "--version", env=frozen_env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"Agent Softphone {softphone.__version__}\n")
    for fact in ("pjsip", "openssl", "portaudio", "qt", "codecs"):
        assert re.search(rf"^\s+{fact}\s+\S", done.stdout, re.M), done.stdout
    assert "PCMU/8000" in done.stdout
    assert "unavailable" not in done.stdout
    assert "pjlib" not in done.stdout  # pjlib's start-up lines go to stderr, even when piped


def test_self_test_passes_every_check(bundle: Bundle, frozen_env) -> None:
    done = run(bundle, "self-test", env=frozen_env)
    assert done.returncode == 0, done.stdout + done.stderr[-3000:]
    assert "frozen build" in done.stdout
    for check in CHECKS:
        assert re.search(rf"^\s+PASS\s+{check}\s", done.stdout, re.M), done.stdout
    assert "FAIL" not in done.stdout
    assert "frozen_test_keyring.FileKeyring" in done.stdout  # the keyring IT configured
    assert "pjlib" not in done.stdout


def test_the_bundle_carries_qt_multimedia_for_the_camera(bundle: Bundle, frozen_env) -> None:
    """The readiness screen's camera check and preview (issue 15): the module and the FFmpeg
    backend plugin that reaches cameras must both be frozen in."""
    done = run(bundle, "self-test", env=frozen_env)
    assert "Qt Multimedia present" in done.stdout, done.stdout
    plugins = list(bundle.folder.rglob("multimedia/*ffmpegmediaplugin*"))
    assert plugins, "the FFmpeg multimedia plugin is not in the bundle"


def test_self_test_as_json_for_scripts(bundle: Bundle, frozen_env) -> None:
    done = run(bundle, "self-test", "--json", env=frozen_env)
    assert done.returncode == 0, done.stderr[-3000:]
    outcomes = json.loads(done.stdout)
    assert [o["name"] for o in outcomes] == list(CHECKS)
    assert all(o["passed"] and o["detail"] for o in outcomes), outcomes


def test_self_test_fails_without_a_keyring(bundle: Bundle, frozen_env) -> None:
    """No Secret Service (no D-Bus session here) and nothing configured: a seat where the agent
    could not keep the SIP password must not pass."""
    env = {k: v for k, v in frozen_env.items() if k != "XDG_CONFIG_HOME"}
    env["XDG_CONFIG_HOME"] = frozen_env["XDG_DATA_HOME"]  # a config dir with no keyringrc.cfg
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    done = run(bundle, "self-test", env=env)
    assert done.returncode == 1
    assert re.search(r"^\s+FAIL\s+keyring\s+.*no usable keyring", done.stdout, re.M), done.stdout


def test_the_window_executable_runs_the_same_app(bundle: Bundle, frozen_env) -> None:
    assert bundle.gui.is_file()
    done = run(bundle, "--version", env=frozen_env, gui=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"Agent Softphone {softphone.__version__}\n")


def test_bundle_carries_no_package_of_the_center(bundle: Bundle) -> None:
    contents = bundle_contents(bundle)
    assert any(item.startswith("softphone.cli") for item in contents), contents[:50]
    assert center_items(contents) == []


def test_the_center_filter_finds_what_a_bundle_with_the_center_has() -> None:
    """What the old build carried (its listing, abridged): each is found, the stub is not."""
    old = [
        "_internal/psycopg_binary/_psycopg.so",
        "_internal/_argon2_cffi_bindings/_ffi.abi3.so",
        "_internal/uvloop/loop.so",
        "sqlalchemy.orm.session",
        "fastapi",
        "alembic.runtime.migration",
        "softphone.central.app",
        "_internal/softphone/central/static/wallboard.js",
    ]
    assert center_items([*old, "softphone.central.cli", "softphone.central", "httpx"]) == old


def test_central_commands_say_how_to_install_the_center(bundle: Bundle, frozen_env) -> None:
    done = run(bundle, "central", "user", "list", env=frozen_env)
    assert done.returncode == 2
    assert "pip install 'softphone[central]'" in done.stderr
    assert "Traceback" not in done.stderr


def test_the_window_executable_starts_with_no_standard_streams(bundle: Bundle, frozen_env) -> None:
    """As on Windows, where the window's executable has no console: fds 1 and 2 closed. pjsua2
    starts (as the window's SIP engine does) and the program exits 0."""
    done = subprocess.run(
        ["bash", "-c", 'exec "$0" --version >&- 2>&-', str(bundle.gui)],
        env=frozen_env,
        timeout=120,
    )
    assert done.returncode == 0
