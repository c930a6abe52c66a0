"""What the core says in English reaches a Chinese agent in Chinese: the gate's reasons and the
status machine's refusals are worded from their codes and fields; English stays English."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from softphone.agent.status import StatusRefused
from softphone.compliance.packs import builtin_packs
from softphone.compliance.policy import DEFAULT_ENTERPRISE
from softphone.config import SETTINGS_FILE
from softphone.events import CallState, IncomingCall
from softphone.gui.language import install_language
from softphone.gui.reason_texts import PACK_NAMES, gate_reason_text, refusal_text
from softphone.gui.sip_texts import end_reason_text
from softphone.gui.status_panel import status_name, status_text
from tests.gui.helpers import a_call_that_ends, pick, publish_from_another_thread

# A rest period as the gate reports it (tests/unit/compliance/test_gate.py: the blocked event).
PARIS_AT_LUNCH = {
    "pack": "France",
    "pack_key": "FR",
    "time": "13:30",
    "weekday": "3",
    "zone": "Europe/Paris",
    "closed_zones": "",
    "zones": "1",
    "hours": "10:00–13:00, 14:00–20:00",
}
PARIS_TEXT = (
    "France: Wed 13:30 in Europe/Paris is outside the calling hours (10:00–13:00, 14:00–20:00)"
)


@pytest.fixture
def chinese() -> Iterator[None]:
    install_language("zh_CN")
    yield
    install_language("en")


def test_a_rest_period_reads_in_english_as_the_core_says_it() -> None:
    install_language("en")
    assert gate_reason_text("rest_period", PARIS_AT_LUNCH, PARIS_TEXT) == PARIS_TEXT


def test_a_rest_period_reads_in_chinese_with_the_chinese_weekday(chinese) -> None:
    worded = gate_reason_text("rest_period", PARIS_AT_LUNCH, PARIS_TEXT)
    assert (
        worded
        == "法国：Europe/Paris 当地时间周三 13:30 不在允许呼叫时段内（10:00–13:00, 14:00–20:00）"
    )


def test_every_built_in_rule_pack_has_its_name_in_the_gui() -> None:
    """A pack added to packs.toml must be named in reason_texts.PACK_NAMES (and translated), and
    so must the center's own calling hours (compliance.toml's [enterprise] by default)."""
    named = {key: pack.name for key, pack in builtin_packs().items()}
    named["enterprise"] = str(DEFAULT_ENTERPRISE["name"])
    assert named == PACK_NAMES


def test_the_centers_own_calling_hours_read_in_chinese(chinese) -> None:
    # Found in a run after 21:00 Berlin time: the screenshot's blocked number was also outside
    # the center's hours, and "enterprise" stood in English in the Chinese verdict.
    at_night = {**PARIS_AT_LUNCH, "pack": "enterprise", "pack_key": "enterprise"}
    at_night.update(time="21:27", hours="08:00–21:00")
    worded = gate_reason_text("rest_period", at_night, "enterprise: Wed 21:27 in Europe/Paris …")
    assert worded == "本中心：Europe/Paris 当地时间周三 21:27 不在允许呼叫时段内（08:00–21:00）"


def test_a_reason_the_gui_does_not_know_yet_is_shown_as_the_core_said_it(chinese) -> None:
    assert gate_reason_text("new_rule", {"x": "1"}, "a new rule says no") == "a new rule says no"


def test_a_system_message_is_quoted_in_a_chinese_sentence(chinese) -> None:
    worded = gate_reason_text("blacklist_unreadable", {}, "database disk image is malformed")
    assert worded == "无法读取免打扰名单：「database disk image is malformed」"


def test_a_refused_status_reads_in_chinese(chinese) -> None:
    refused = StatusRefused("wrap-up is mandatory for 12 s more", "wrap_up_mandatory", seconds="12")
    assert refusal_text(refused, status_name) == "还需进行 12 秒的话后处理"
    moved = StatusRefused(
        "cannot go from break to wrap_up", "not_from", status="break", wanted="wrap_up"
    )
    assert refusal_text(moved, status_name) == "无法从小休切换为话后处理"


@pytest.fixture
def chinese_profile(profile_folder: Path) -> Iterator[Path]:
    settings = profile_folder / SETTINGS_FILE
    settings.write_text(settings.read_text(encoding="utf-8") + '\n[gui]\nlanguage = "zh_CN"\n')
    yield profile_folder
    install_language("en")


def test_a_chinese_agent_reads_why_a_number_is_blocked_in_chinese(
    qtbot, chinese_profile, open_window
) -> None:
    session, main = open_window()
    session.do_not_call("+49 30 12345678", "客户要求不再来电")
    qtbot.keyClicks(main.number, "+49 30 12345678")
    qtbot.waitUntil(lambda: main.ui.verdict.text().startswith("✗"))
    assert main.ui.verdict.text().startswith(
        "✗ 禁止拨打：+493012345678 在免打扰名单中（本中心名单：客户要求不再来电——"
    )


def test_a_chinese_agent_on_a_call_reads_why_a_break_is_refused(
    qtbot, chinese_profile, open_window
) -> None:
    session, main = open_window()
    pick(main, status_text("available", None))
    a_call_that_ends(session, "c0")  # wrap-up, then back
    session.wrap_up_done(None, None)
    publish_from_another_thread(
        session, CallState(call="c1", state="confirmed", direction="outbound", remote="sip:1@x")
    )
    qtbot.waitUntil(lambda: session.agent_state.status.value == "on_call")
    pick(main, status_text("break", "lunch"))
    refusal = main.status_panel.refusal
    qtbot.waitUntil(refusal.isVisible)
    assert refusal.text() == "无法切换为小休 — 午餐：您正在通话中：请先挂断"


def test_the_pop_up_names_provider_and_region_in_the_profile_s_language(
    qtbot, chinese_profile, open_window
) -> None:
    session, main = open_window()
    publish_from_another_thread(
        session,
        IncomingCall(call="c1", from_uri="sip:+8613800138000@pbx", number="+8613800138000"),
    )
    qtbot.waitUntil(lambda: "c1" in main.popups and main.popups["c1"].ui.origin.text() != "")
    popup = main.popups["c1"]
    assert popup.ui.origin.text() == "中国移动 · 中国北京市"
    assert popup.ui.answer_button.text().replace("&", "").startswith("接听")
    popup.done(0)


def test_a_chinese_holiday_is_named_in_chinese(chinese) -> None:
    """The `holidays` package names China's holidays in Chinese; the core's English is the
    fallback for a calendar without Chinese names."""
    beijing = {
        "pack": "China",
        "pack_key": "CN",
        "time": "10:00",
        "weekday": "4",
        "zone": "Asia/Shanghai",
        "closed_zones": "",
        "zones": "1",
        "calendar": "CN",
        "date": "2026-10-01",
        "holiday": "National Day",
    }
    worded = gate_reason_text("holiday", beijing, "China: … is a public holiday (National Day)")
    assert worded == "中国：Asia/Shanghai 当地时间周四 10:00 为法定节假日（「国庆节」）"


def test_sip_reason_phrases_read_in_chinese_by_their_code(chinese) -> None:
    assert end_reason_text("603 Decline") == "603 拒接"
    assert end_reason_text("486 Busy Here") == "486 忙"
    assert end_reason_text("499 Something New") == "499 「Something New」"  # quoted as it came


def test_sip_reason_phrases_stay_as_sent_in_english() -> None:
    install_language("en")
    assert end_reason_text("603 Decline") == "603 Decline"
