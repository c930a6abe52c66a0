"""The real `softphone compliance` and `softphone blacklist` commands, run as an IT person or
a script would: exit codes, what they print, and never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
PARIS = "+33612345678"
LUNCH_IN_PARIS = "2026-11-25T13:30:00+01:00"
OPEN_IN_PARIS = "2026-11-25T15:30:00+01:00"


def softphone(*args: str, profile: Path) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, "-m", "softphone", *args, "--profile", str(profile)],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert "Traceback" not in done.stderr, done.stderr
    return done


@pytest.fixture
def profile(tmp_path: Path) -> Path:
    folder = tmp_path / "agent7"
    folder.mkdir()
    (folder / "softphone.toml").write_text('[sip]\nserver = "pbx.example"\n')
    (folder / "compliance.toml").write_text('default_region = "FR"\n')
    return folder


def test_check_says_why_and_when(profile: Path) -> None:
    done = softphone("compliance", "check", "06 12 34 56 78", "--at", LUNCH_IN_PARIS,
                     profile=profile)  # fmt: skip
    assert done.returncode == 1
    assert done.stdout.splitlines()[:2] == [
        f"blocked: {PARIS}",
        "  rest_period: France: Wed 13:30 in Europe/Paris is outside the calling hours "
        "(10:00–13:00, 14:00–20:00)",
    ]
    assert "next allowed: 2026-11-25T13:00:00Z" in done.stdout
    allowed = softphone("compliance", "check", PARIS, "--at", OPEN_IN_PARIS, "--json",
                        profile=profile)  # fmt: skip
    assert allowed.returncode == 0
    verdict = json.loads(allowed.stdout)
    assert verdict["allowed"] is True
    assert verdict["callee_local_time"] == "2026-11-25T15:30:00+01:00"


def test_a_colleague_on_our_domain_is_allowed(profile: Path) -> None:
    done = softphone("compliance", "check", "sip:agent2@pbx.example", profile=profile)
    assert done.returncode == 0 and "internal call" in done.stdout


@pytest.mark.parametrize(
    ("args", "policy", "says"),
    [
        (("--at", "tomorrow"), None, "not an ISO 8601 time"),
        (("--at", "2026-11-25T13:30"), None, "needs a UTC offset"),
        ((), "default_region = 'Mars'", "default_region 'Mars'"),
        ((), "[enterprise]\nwindows.all = ['21:00-08:00']", "must run forward"),
    ],
)
def test_usage_and_policy_errors_exit_2(
    profile: Path, args: tuple[str, ...], policy: str | None, says: str
) -> None:
    if policy is not None:
        (profile / "compliance.toml").write_text(policy)
    done = softphone("compliance", "check", PARIS, *args, profile=profile)
    assert done.returncode == 2 and says in done.stderr


def test_do_not_call_round_trip(profile: Path) -> None:
    added = softphone("blacklist", "add", "06 12 34 56 78", "--reason", "asked not to be called",
                      "--who", "agent7", profile=profile)  # fmt: skip
    assert added.returncode == 0, added.stderr
    contains = softphone("blacklist", "contains", PARIS, profile=profile)
    assert contains.returncode == 0 and "asked not to be called — agent7" in contains.stdout
    check = softphone("compliance", "check", PARIS, "--at", OPEN_IN_PARIS, "--json",
                      profile=profile)  # fmt: skip
    assert check.returncode == 1
    assert [r["code"] for r in json.loads(check.stdout)["reasons"]] == ["blacklisted"]
    assert softphone("blacklist", "remove", PARIS, profile=profile).returncode == 0
    assert softphone("blacklist", "contains", PARIS, profile=profile).returncode == 1


def test_import_then_stats_then_a_damaged_file_blocks(profile: Path, tmp_path: Path) -> None:
    registry = tmp_path / "bloctel.txt"
    registry.write_text("".join(f"06{i:08d}\n" for i in range(20_000)))
    imported = softphone("blacklist", "import", str(registry), "--source", "fr-bloctel",
                         profile=profile)  # fmt: skip
    assert imported.returncode == 0, imported.stderr
    assert "imported 20,000 numbers into fr-bloctel (FR)" in imported.stdout
    stats = json.loads(softphone("blacklist", "stats", "--json", profile=profile).stdout)
    assert stats["sources"]["fr-bloctel"]["count"] == 20_000 and stats["version"] == 1
    listed = softphone("blacklist", "contains", "+33600012345", profile=profile)
    assert listed.returncode == 0 and "registry fr-bloctel" in listed.stdout

    segment = next((profile / "blacklist").glob("fr-bloctel-*.efs"))
    segment.write_bytes(segment.read_bytes()[:-50])
    check = softphone("compliance", "check", "+33600099999", "--at", OPEN_IN_PARIS,
                      profile=profile)  # fmt: skip
    assert check.returncode == 1 and "blacklist_unreadable" in check.stdout
    assert "truncated" in check.stdout
    contains = softphone("blacklist", "contains", "+33600012345", profile=profile)
    assert contains.returncode == 1 and "truncated" in contains.stderr


def test_import_of_a_missing_file_is_a_usage_error(profile: Path) -> None:
    done = softphone("blacklist", "import", "/nonexistent.txt", profile=profile)
    assert done.returncode == 2 and "no such file" in done.stderr
