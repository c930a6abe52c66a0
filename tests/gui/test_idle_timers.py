"""An idle window wakes only for the agent's status clock: every other periodic timer (call
clocks, level meter, wrap-up countdown, outbox count) runs only while there is something to show.
Idle CPU is a measured target (tests/bench/desktop.py: ≤ 0.5 % of a core)."""

from __future__ import annotations

from PySide6.QtCore import QTimer


def active_timers(main) -> list[str]:
    found = []
    for timer in main.findChildren(QTimer):
        if timer.isActive() and not timer.isSingleShot():
            found.append(f"{type(timer.parent()).__name__} every {timer.interval()} ms")
    return sorted(found)


def test_an_idle_window_wakes_only_for_the_status_clock(qtbot, window) -> None:
    _, main = window
    qtbot.wait(200)  # start-up's own single shots are done
    assert active_timers(main) == ["StatusPanel every 1000 ms"]


def test_the_status_clock_stops_while_nobody_can_see_it(qtbot, window) -> None:
    """Closed to the tray (or minimised) the window's time-in-status clock does not tick; shown
    again it is right at once, not a second late."""
    _, main = window
    qtbot.waitUntil(lambda: active_timers(main) == ["StatusPanel every 1000 ms"])
    main.hide()  # what closing to the tray does
    assert active_timers(main) == []
    main.status_panel.current.setText("stale")
    main.show()
    assert active_timers(main) == ["StatusPanel every 1000 ms"]
    assert main.status_panel.current.text().startswith("Offline  ·  0:")
