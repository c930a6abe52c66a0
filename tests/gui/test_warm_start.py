"""The app's warm start (gui.warm_start): once the window is up, what lives as long as the app
is kept out of the garbage collector's passes — the SIP thread's full pass after each call then
walks only what calls made, not the whole heap (a call arriving during a pass waited for it:
pop-up p95 over 300 ms in tests/bench/popup_latency) — and given back at quit."""

from __future__ import annotations

import gc

from PySide6.QtWidgets import QApplication

from softphone.gui.warm_start import settle_heap, thaw_heap, warm_up_popup


def test_after_the_warm_start_a_full_collection_walks_a_small_part_of_the_heap(window) -> None:
    windows = set(QApplication.topLevelWidgets())
    warm_up_popup()
    QApplication.sendPostedEvents()
    heap = len(gc.get_objects())
    settle_heap()
    try:
        assert gc.get_freeze_count() > heap // 2  # the window, the session, the number data
        assert len(gc.get_objects()) < heap // 10  # what a later full pass walks
    finally:
        thaw_heap()
    assert gc.get_freeze_count() == 0  # quitting collects everything as before
    assert {w for w in QApplication.topLevelWidgets() if w.isVisible()} <= windows  # never shown
