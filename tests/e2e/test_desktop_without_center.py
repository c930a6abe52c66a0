"""The desktop app installs and runs without the center's packages (the `softphone[central]`
extra): none of its modules needs them at import, and `softphone central …` says how to get them."""

from __future__ import annotations

import subprocess
import sys

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

from tests.e2e.frozen import CENTER_PACKAGES, ROOT

# Run in a fresh interpreter in which the center's packages cannot be imported, as on a desktop
# installed with `pip install softphone` (the dev environment has them all).
WITHOUT_CENTER = f"""
import importlib.abc, sys
class NotInstalled(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in {CENTER_PACKAGES!r}:
            raise ModuleNotFoundError(f"No module named {{name!r}}", name=name)
        return None
sys.meta_path.insert(0, NotInstalled())
"""


def _python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", WITHOUT_CENTER + code],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )


def test_every_desktop_module_imports_without_the_center() -> None:
    done = _python(
        "from softphone.selftest import check_modules, desktop_modules\n"
        "print(check_modules())\n"
        "assert not any(m.startswith('softphone.central.') for m in desktop_modules()"
        " if m != 'softphone.central.cli')\n"
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "desktop modules imported" in done.stdout


def test_central_command_without_the_extra_says_how_to_install_it() -> None:
    done = _python(
        "from softphone.cli import main\nraise SystemExit(main(['central', 'user', 'list']))\n"
    )
    assert done.returncode == 2, done.stderr[-3000:]
    assert "pip install 'softphone[central]'" in done.stderr
    assert "Traceback" not in done.stderr


def test_the_center_packages_are_an_extra_and_the_dev_group_has_them() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    desktop = " ".join(project["project"]["dependencies"]).lower()
    center = " ".join(project["project"]["optional-dependencies"]["central"]).lower()
    for package in CENTER_PACKAGES:
        if package in ("starlette", "uvloop"):  # come with fastapi and uvicorn[standard]
            continue
        assert package not in desktop, package
        assert package in center, package
    assert "softphone[central]" in project["dependency-groups"]["dev"]
