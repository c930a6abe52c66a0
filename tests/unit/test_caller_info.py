"""Who is calling, offline (phonenumbers' carrier and geocoder data), and our history with the
number from the journal: what the inbound pop-up shows."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

from softphone.compliance.caller_info import caller_info, language_of
from softphone.journal.caller_history import calls_with
from softphone.journal.records import JournalWriter
from softphone.journal.store import open_journal
from softphone.protocol import CallRecord


def test_a_chinese_mobile_in_english_and_in_chinese() -> None:
    english = caller_info("+8613800138000", "DE", "en")
    assert (english.national, english.international) == ("138 0013 8000", "+86 138 0013 8000")
    assert (english.provider, english.region, english.country) == (
        "China Mobile",
        "Beijing",
        "China",
    )
    assert english.zones == ("Asia/Shanghai",)
    chinese = caller_info("+8613800138000", "DE", language_of("zh_CN"))
    assert (chinese.provider, chinese.region, chinese.country) == ("中国移动", "北京市", "中国")


def test_a_national_number_is_read_in_the_default_region() -> None:
    berlin = caller_info("030 12345678", "DE")
    assert berlin.e164 == "+493012345678"
    assert berlin.international == "+49 30 12345678"
    assert (berlin.provider, berlin.region) == ("", "Berlin")


def test_an_extension_is_no_phone_number() -> None:
    assert caller_info("1001", "DE").e164 is None
    assert language_of("fr_FR") == "en"


def record(number: str, start: datetime, **fields: object) -> CallRecord:
    values: dict[str, object] = {
        "call_id": f"id-{start.timestamp()}",
        "direction": "inbound",
        "terminal": "ann@pbx.example",
        "calling_number": number,
        "called_number": "ann",
        "start_time": start,
        "connected": False,
    }
    values.update(fields)
    return CallRecord(**values)  # type: ignore[arg-type]


def test_the_last_five_calls_with_a_number_however_it_was_written(tmp_path: Path) -> None:
    journal = open_journal(tmp_path / "journal.sqlite")
    writer = JournalWriter(journal, "ann")
    start = datetime(2026, 12, 1, 9, tzinfo=timezone.utc)
    ways = ["+8613800138000", "8613800138000", "013800138000", "13800138000"]
    for n in range(7):
        writer.call_ended(record(ways[n % 4], start + timedelta(hours=n), end_reason="487 x"))
    writer.call_ended(  # the agent called back: the number is the called one
        record(
            "ann",
            start + timedelta(days=1),
            direction="outbound",
            called_number="+86 138 0013 8000",
            connected=True,
            duration_s=65,
            disposition="sale",
            remarks="wants the yearly plan",
        )
    )
    writer.call_ended(record("+8613900139000", start + timedelta(days=2)))  # someone else
    info = caller_info("+8613800138000", "DE")
    history = calls_with(journal, info.national_digits)
    assert history.total == 8
    assert len(history.last) == 5
    newest = history.last[0]
    assert (newest.direction, newest.connected, newest.duration_s) == ("outbound", True, 65)
    assert (newest.disposition, newest.remarks) == ("sale", "wants the yearly plan")
    assert [c.start_time for c in history.last] == sorted(
        (c.start_time for c in history.last), reverse=True
    )
    assert calls_with(journal, "").total == 0
    journal.close()


def test_pasted_numbers_lose_what_pasting_brings_along() -> None:
    from softphone.compliance.caller_info import dial_text

    assert dial_text("tel:+49-30-1234-5678;ext=1") == "+49-30-1234-5678"
    assert dial_text("Tel.: +49 (30) 1234 5678") == "+49 (30) 1234 5678"
    assert dial_text("电话：138 0013 8000") == "138 0013 8000"
    assert dial_text("＋８６ １３８ ００１３ ８０００") == "+86 138 0013 8000"  # full-width
    assert dial_text(" +49 30 1234–5678 ") == "+49 30 1234-5678"  # an en dash
    assert dial_text("sip:alice@pbx.example") == "sip:alice@pbx.example"
