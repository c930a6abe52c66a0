"""One app per profile: a second start (as the desktop does for a clicked link or a second
click on the launcher) brings the running window forward and exits 0, without opening a
second window or registering a second time."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

from softphone.gui.app import live_on_desktop
from softphone.gui.single_instance import SingleInstance, hand_over, instance_name


def start_again(qtbot, folder: Path, *words: str) -> int:
    """`softphone --profile folder WORDS…` as a second process, while this one's event loop
    runs (the running app answers it); its exit code."""
    second = subprocess.Popen(
        [sys.executable, "-m", "softphone", "--profile", str(folder), *words],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        qtbot.waitUntil(lambda: second.poll() is not None, timeout=60_000)
    finally:
        if second.poll() is None:
            second.kill()
    out = second.communicate()[0].decode(errors="replace")
    assert second.returncode == 0, out
    return second.returncode


def test_a_second_start_brings_the_running_window_forward_and_exits(
    qtbot, window, profile_folder: Path
) -> None:
    session, main = window
    instance = SingleInstance(instance_name(profile_folder))
    assert instance.listen()
    desktop = live_on_desktop(session, main, instance, tray_available=False)
    try:
        main.hide()  # in the tray, or behind other apps
        assert start_again(qtbot, profile_folder) == 0
        qtbot.waitUntil(main.isVisible, timeout=10_000)
    finally:
        desktop.close()


def test_each_profile_has_its_own_instance(tmp_path: Path) -> None:
    assert instance_name(tmp_path / "a") != instance_name(tmp_path / "b")
    assert instance_name(tmp_path / "a") == instance_name(tmp_path / "x" / ".." / "a")


def test_a_socket_left_by_a_dead_app_is_taken_over(qapp, tmp_path: Path) -> None:
    """An app that crashed leaves its socket file behind: the next start finds nobody
    answering it and takes the name over, rather than locking the agent out."""
    name = instance_name(tmp_path / "profile")
    dead = SingleInstance(name)
    assert dead.listen()
    path = dead.server.fullServerName()
    dead.server.close()  # closing removes the file: put a dead socket in its place
    left = socket.socket(socket.AF_UNIX)
    left.bind(path)
    left.close()
    assert Path(path).exists()
    assert hand_over(name, []) is False
    fresh = SingleInstance(name)
    try:
        assert fresh.listen()
    finally:
        fresh.close()


def test_links_that_come_before_the_window_are_kept_for_it(qtbot, tmp_path: Path) -> None:
    """The app listens from its first moment; a link clicked while the window is still being
    built (the journal opening, the engine starting) reaches the window once it is there."""
    instance = SingleInstance(instance_name(tmp_path / "profile"))
    assert instance.listen()
    try:
        assert hand_over(instance.name, ["tel:+4930123456"])
        qtbot.waitUntil(lambda: instance.waiting() == 1, timeout=10_000)
        taken: list[list[str]] = []
        instance.deliver_to(taken.append)
        assert taken == [["tel:+4930123456"]]
        assert hand_over(instance.name, ["sip:4711@pbx.example"])
        qtbot.waitUntil(lambda: len(taken) == 2, timeout=10_000)
        assert taken[1] == ["sip:4711@pbx.example"]
    finally:
        instance.close()
