"""The .deb of the frozen build: dpkg installs it into a clean directory tree (its own dpkg
database, nothing else installed), the installed `softphone` runs from PATH, the desktop file
and icons are where the desktop looks, and removal leaves nothing behind."""

from __future__ import annotations

import configparser
import os
import subprocess
from pathlib import Path

import softphone
from tests.e2e.frozen import Bundle


def _dpkg(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    # --force-script-chrootless: run postinst/postrm here with $DPKG_ROOT set (the tree has no
    # shell to chroot into); --force-depends: the clean tree has no packages registered at all
    # (the host check below proves the dependencies themselves install).
    command = [
        "dpkg",
        f"--instdir={root}",
        f"--admindir={root / 'var/lib/dpkg'}",
        "--force-script-chrootless",
        "--force-depends",
        "--log=/dev/null",
        *args,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=300)


def _clean_tree(root: Path) -> Path:
    admin = root / "var/lib/dpkg"
    for sub in ("info", "updates"):
        (admin / sub).mkdir(parents=True)
    (admin / "status").touch()
    return root


def _installed_files(root: Path) -> list[str]:
    admin = root / "var/lib/dpkg"
    return sorted(
        str(p.relative_to(root))
        for p in root.rglob("*")
        if admin not in (p, *p.parents) and (p.is_file() or p.is_symlink())
    )


def test_deb_installs_runs_from_path_and_removes_cleanly(
    deb: Path, bundle: Bundle, tmp_path: Path, frozen_env
) -> None:
    root = _clean_tree(tmp_path / "root")
    installed = _dpkg(root, "--install", str(deb))
    assert installed.returncode == 0, installed.stderr

    assert (root / "usr/bin/softphone").resolve() == (root / "opt/softphone/softphone")
    assert (root / "usr/bin/softphone-gui").resolve() == (root / "opt/softphone/softphone-gui")
    entry = configparser.ConfigParser(interpolation=None)
    entry.read(root / "usr/share/applications/softphone.desktop")
    desktop = entry["Desktop Entry"]
    assert desktop["Exec"] == "softphone-gui %u"
    assert set(desktop["Categories"].rstrip(";").split(";")) >= {"Network", "Telephony"}
    assert set(desktop["MimeType"].rstrip(";").split(";")) == {
        f"x-scheme-handler/{scheme}" for scheme in ("tel", "sip", "callto")
    }
    for size in ("16x16", "48x48", "256x256", "512x512"):
        assert (root / f"usr/share/icons/hicolor/{size}/apps/softphone.png").is_file()
    assert (root / "usr/share/icons/hicolor/scalable/apps/softphone.svg").is_file()

    env = {**frozen_env, "PATH": f"{root / 'usr/bin'}{os.pathsep}{os.environ['PATH']}"}
    for args in (["--version"], ["self-test"]):
        ran = subprocess.run(["softphone", *args], env=env, capture_output=True, text=True)
        assert ran.returncode == 0, ran.stdout + ran.stderr[-2000:]
        assert ran.stdout.startswith(f"Agent Softphone {softphone.__version__}")

    removed = _dpkg(root, "--purge", "softphone")
    assert removed.returncode == 0, removed.stderr
    assert _installed_files(root) == []


def test_deb_dependencies_are_met_by_a_real_system(deb: Path) -> None:
    """Each dependency the package declares is installed, at the version asked, on this
    machine (a real Debian with the runtime packages of packaging/dev/install-system-deps.sh)."""
    fields = subprocess.run(
        ["dpkg-deb", "--field", str(deb), "Version", "Depends"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert f"Version: {softphone.__version__}" in fields
    depends = fields.split("Depends:", 1)[1].strip()
    assert "libc6 (>=" in depends
    unmet = [dep for dep in depends.split(",") if not any(map(_installed, dep.split("|")))]
    assert unmet == []


def _installed(requirement: str) -> bool:
    """`name` or `name (op version)` against this machine's dpkg database (read only)."""
    name, _, rest = requirement.strip().partition(" ")
    shown = subprocess.run(
        ["dpkg-query", "-W", "-f=${db:Status-Status} ${Version}", name],
        capture_output=True,
        text=True,
    )
    status, _, version = shown.stdout.partition(" ")
    if shown.returncode != 0 or status != "installed":
        return False
    if not rest:
        return True
    op, wanted = rest.strip("() ").split()
    dpkg_op = {">=": "ge", "<=": "le", ">>": "gt", "<<": "lt", "=": "eq"}[op]
    return subprocess.run(["dpkg", "--compare-versions", version, dpkg_op, wanted]).returncode == 0
