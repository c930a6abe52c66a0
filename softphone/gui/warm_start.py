"""What the first call would otherwise pay, paid once the window is up: the first pop-up's
form, and the garbage collector's walk over everything the app keeps for its whole life.

The first pop-up of a process took ~100 ms to build and paint (Qt's first table, fonts, style
polish); later ones ~3 ms. `warm_up_popup` builds the form once and renders it off screen.

The SIP thread collects released calls' cycles with a full pass 1 s after each call
(softphone.sip.engine). Over the desktop app's heap (~110,000 tracked objects: Qt wrappers,
phone-number metadata, time zones, rule plans) one pass held the GIL 100-700 ms on a busy
2-core machine, and a call arriving meanwhile waited: pop-up p95 over 300 ms
(tests/bench/popup_latency). What is alive once the window is up lives as long as the app, so
`settle_heap` freezes it out of every later pass (gc.freeze) and `thaw_heap`, at quit and before
the session stops, gives it back: shutdown then collects as it did before (frozen objects torn
down at interpreter exit crashed Qt and pjsua2: see softphone.compliance.plans).
"""

from __future__ import annotations

import gc

from PySide6.QtWidgets import QDialog

from softphone.gui.forms.ui_incoming_popup import Ui_IncomingPopup


def warm_up_popup() -> None:
    """Build the pop-up's form once and render it off screen, never shown."""
    dialog = QDialog()
    form = Ui_IncomingPopup()
    form.setupUi(dialog)
    form.history.setRowCount(1)
    dialog.adjustSize()
    dialog.grab()  # lays out, polishes and paints every child into a pixmap
    dialog.deleteLater()


def settle_heap() -> None:
    """Collect what start-up left, then keep the rest out of later collections."""
    gc.collect()
    gc.freeze()


def thaw_heap() -> None:
    gc.unfreeze()
