"""The window's start-up does not read the source of every module it imports: PySide6's feature
scan is off (softphone.gui.skip_feature_scan). It cost ~1,400 file reads at start and ~25 MB of
the window's resident memory (tests/bench/desktop.py measures the whole)."""

from __future__ import annotations

import subprocess
import sys

PROBE = """
import linecache, sys
import softphone.gui
import tabnanny, colorsys  # imported after Qt, as the whole app is
print(len([name for name in linecache.cache if name.endswith(("tabnanny.py", "colorsys.py"))]))
"""


def test_modules_imported_after_qt_are_not_read_as_source() -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == "0", done.stdout + done.stderr


def test_without_the_switch_pyside_reads_them() -> None:
    """The test above can fail: plain PySide6 does read them."""
    plain = PROBE.replace("import softphone.gui", "import PySide6.QtCore")
    done = subprocess.run(
        [sys.executable, "-c", plain], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == "2", done.stdout + done.stderr
