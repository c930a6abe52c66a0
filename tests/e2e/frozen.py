"""The frozen desktop build under test: where it is, how to build it, how to run it.

`SOFTPHONE_FROZEN` names the bundle folder (dist/softphone, as packaging/dev/test builds it).
Without it, CI builds the bundle once per session (it must never skip); elsewhere the tests
skip and say how to build one, since the build takes minutes.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ENV_VAR = "SOFTPHONE_FROZEN"
KEYRING_MODULE = Path(__file__).with_name("keyring_for_tests") / "frozen_test_keyring.py"
# The central service's packages (the `softphone[central]` extra): none may be in the bundle.
CENTER_PACKAGES = (
    "fastapi",
    "starlette",
    "uvicorn",
    "uvloop",
    "sqlalchemy",
    "alembic",
    "psycopg",
    "argon2",
)


@dataclass(frozen=True)
class Bundle:
    folder: Path

    @property
    def cli(self) -> Path:
        return self.folder / "softphone"

    @property
    def gui(self) -> Path:
        return self.folder / "softphone-gui"


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def locate_bundle(build_dir: Path) -> Bundle | None:
    """The bundle to test: $SOFTPHONE_FROZEN, else (in CI) one built now into build_dir."""
    named = os.environ.get(ENV_VAR)
    if named:
        bundle = Bundle(Path(named).resolve())
        if not bundle.cli.is_file():
            raise AssertionError(f"{ENV_VAR}={named}: no `softphone` executable in it")
        return bundle
    if not in_ci():
        return None
    subprocess.run(
        [str(ROOT / "packaging" / "build-bundle"), "--distpath", str(build_dir)],
        check=True,
        timeout=1800,
    )
    return Bundle(build_dir / "softphone")


def build_deb(bundle: Bundle, out_dir: Path) -> Path:
    """The .deb of the bundle (packaging/linux/build-deb), uncompressed: this is an install test,
    not a release. $SOFTPHONE_DEB names one built already."""
    named = os.environ.get("SOFTPHONE_DEB")
    if named:
        return Path(named).resolve()
    done = subprocess.run(
        [str(ROOT / "packaging" / "linux" / "build-deb"), str(bundle.folder), str(out_dir)],
        env={**os.environ, "DEB_COMPRESSION": "none"},
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    )
    return Path(done.stdout.strip().splitlines()[-1])


def keyring_env(home: Path) -> dict[str, str]:
    """An environment whose keyring is the test file keyring, configured through keyring's own
    config file (keyringrc.cfg); the agent's data and settings dirs under `home`."""
    module_dir = home / "keyring"
    module_dir.mkdir(parents=True, exist_ok=True)
    shutil.copy(KEYRING_MODULE, module_dir)
    config = home / "config"
    (config / "python_keyring").mkdir(parents=True, exist_ok=True)
    (config / "python_keyring" / "keyringrc.cfg").write_text(
        "[backend]\n"
        "default-keyring = frozen_test_keyring.FileKeyring\n"
        f"keyring-path = {module_dir}\n",
        encoding="utf-8",
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTHON_KEYRING_BACKEND"}
    env.update(
        {
            "XDG_CONFIG_HOME": str(config),
            "XDG_DATA_HOME": str(home / "data"),
            "PYTHONUNBUFFERED": "1",
        }
    )
    return env


def run(
    bundle: Bundle, *args: str, env: dict[str, str], gui: bool = False, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    program = bundle.gui if gui else bundle.cli
    return subprocess.run(
        [str(program), *args], env=env, capture_output=True, text=True, timeout=timeout
    )


def bundle_contents(bundle: Bundle) -> list[str]:
    """Every file of the bundle folder and every module of the executables' archives."""
    files = [str(p.relative_to(bundle.folder)) for p in bundle.folder.rglob("*")]
    listing = subprocess.run(
        [str(_tool("pyi-archive_viewer")), "--recursive", "--brief", str(bundle.cli)],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    ).stdout
    modules = [line.strip() for line in listing.splitlines() if line.startswith(" ")]
    return files + modules


def center_items(contents: list[str]) -> list[str]:
    """The files and modules of the list that belong to the central service."""
    names = "|".join(CENTER_PACKAGES)
    package = re.compile(rf"^(_internal/)?_?({names})([._/-]|$)")
    center_module = re.compile(r"^softphone\.central\.(?!cli$)|^(_internal/)?softphone/central/")
    return [item for item in contents if package.match(item) or center_module.match(item)]


def _tool(name: str) -> Path:
    found = shutil.which(name) or shutil.which(name, path=str(Path(sys.executable).parent))
    if not found:
        raise AssertionError(f"{name} not found: PyInstaller is in the dev group (`uv sync`)")
    return Path(found)
