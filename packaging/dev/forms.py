"""Compile the Qt Designer forms: ui/*.ui → softphone/gui/forms/ui_*.py (generated, committed).

    uv run python packaging/dev/forms.py           # regenerate every form
    uv run python packaging/dev/forms.py --check   # exit 1 and name the forms that are stale

Each form goes through `pyside6-uic`, then gets two lines for our strict type check: a
`# mypy: ignore-errors` header (the generated body is Qt's, not ours) and annotated
`setupUi`/`retranslateUi` signatures, so that the window calling them stays type-checked.
build.spec runs this before freezing; tests/gui/test_forms.py fails when a form is stale.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ROOT / "ui"
FORMS = ROOT / "softphone" / "gui" / "forms"
HEADER = "# mypy: ignore-errors\n"
_SIGNATURE = re.compile(r"def (setupUi|retranslateUi)\(self, (\w+)\):")
# uic stamps its own version into the module; another Qt release makes the same form, so the
# stamp is not part of what must match (a patch release of PySide6 must not fail the suite).
_STAMP = re.compile(r"^## Created by: Qt User Interface Compiler version .*$", re.M)


def uic_command() -> list[str]:
    beside = Path(sys.executable).with_name("pyside6-uic")  # the virtualenv's own
    found = str(beside) if beside.exists() else shutil.which("pyside6-uic")
    if not found:
        raise SystemExit("pyside6-uic not found: run this inside the project's environment")
    return [found]


def compile_form(source: Path) -> str:
    """The Python module `pyside6-uic` makes of `source`, annotated for mypy."""
    generated = subprocess.run(
        [*uic_command(), "--generator", "python", str(source)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    base = ET.parse(source).getroot().find("widget")
    base_class = base.get("class", "QWidget") if base is not None else "QWidget"
    typed = _SIGNATURE.sub(rf"def \1(self, \2: {base_class}) -> None:", generated)
    return HEADER + typed


def target_of(source: Path, forms: Path = FORMS) -> Path:
    return forms / f"ui_{source.stem}.py"


def stale_forms(sources: Path = SOURCES, forms: Path = FORMS) -> list[str]:
    """The .ui files whose generated module is missing or differs from what uic makes now."""
    stale = []
    for source in sorted(sources.glob("*.ui")):
        target = target_of(source, forms)
        if not target.exists() or _unstamped(target.read_text(encoding="utf-8")) != _unstamped(
            compile_form(source)
        ):
            stale.append(source.name)
    return stale


def _unstamped(module: str) -> str:
    return _STAMP.sub("", module)


def build() -> None:
    FORMS.mkdir(parents=True, exist_ok=True)
    init = FORMS / "__init__.py"
    if not init.exists():
        init.write_text('"""Generated from ui/*.ui by packaging/dev/forms.py: do not edit."""\n')
    for source in sorted(SOURCES.glob("*.ui")):
        target_of(source).write_text(compile_form(source), encoding="utf-8")
        print(target_of(source).relative_to(ROOT))


def main(argv: list[str]) -> int:
    if "--check" in argv:
        stale = stale_forms()
        for line in stale:
            print(f"stale form: ui/{line} (run: uv run python packaging/dev/forms.py)")
        return 1 if stale else 0
    build()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
