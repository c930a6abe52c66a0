"""`softphone journal …` and a damaged journal at the agent's start: clear messages, exit codes,
the damaged file kept, a fresh journal only on `recover`."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import pytest

from softphone.cli import main
from softphone.journal.records import JournalWriter
from softphone.journal.store import journal_path, open_journal
from softphone.protocol import CallRecord

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=timezone.utc)


@pytest.fixture
def profile(tmp_path: Path) -> Path:
    folder = tmp_path / "agent7"
    folder.mkdir()
    (folder / "softphone.toml").write_text('[sip]\nuser = "agent7"\n', encoding="utf-8")
    writer = JournalWriter(open_journal(journal_path(folder)), "agent7")
    record = CallRecord(
        call_id="k1", direction="outbound", terminal="agent7@pbx", calling_number="agent7",
        called_number="+4930123456", start_time=NOW, connected=False,
    )  # fmt: skip
    writer.call_ended(record, sip_trace="INVITE sip:+4930123456@pbx")
    writer.journal.close()
    return folder


def damage(folder: Path) -> bytes:
    path = journal_path(folder)
    for suffix in ("-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    path.write_bytes(b"garbage" * 1000)
    return path.read_bytes()


def test_check_reports_a_healthy_journal(profile: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["journal", "check", "--profile", str(profile)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["healthy"] is True and report["call_records"] == 1 and report["waiting"] == 2


def test_forget_erases_the_number(profile: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (profile / "agent.log").write_text("dialing +4930123456\nok\n", encoding="utf-8")
    assert main(["journal", "forget", "--profile", str(profile), "+4930123456"]) == 0
    erased = json.loads(capsys.readouterr().out)
    assert erased["call_records"] == 1 and erased["log_lines"] == 1
    assert main(["journal", "forget", "--profile", str(profile), "12"]) == 2
    assert "not a phone number" in capsys.readouterr().err


def test_a_damaged_journal_is_a_clear_error_and_recover_keeps_it(
    profile: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    damaged = damage(profile)
    assert main(["journal", "check", "--profile", str(profile)]) == 1
    err = capsys.readouterr().err
    assert "damaged" in err and "softphone journal recover" in err and "Traceback" not in err
    assert journal_path(profile).read_bytes() == damaged

    assert main(["journal", "recover", "--profile", str(profile)]) == 0
    assert "kept as" in capsys.readouterr().out
    (kept,) = profile.glob("journal.sqlite.corrupt-*")
    assert kept.read_bytes() == damaged
    assert main(["journal", "check", "--profile", str(profile)]) == 0


def test_the_agent_does_not_start_on_a_damaged_journal(
    profile: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    damaged = damage(profile)
    assert main(["agent", "--headless", "--profile", str(profile)]) == 1
    captured = capsys.readouterr()
    assert "damaged" in captured.err and "Traceback" not in captured.err
    assert journal_path(profile).read_bytes() == damaged
