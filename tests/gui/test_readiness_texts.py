"""The readiness screen reads in Chinese: what each check found is worded from its name, status,
figures and device (the device's own name quoted), a known fix is translated, and a finding it
cannot word is quoted as the core wrote it; in English the core's sentences are shown as is."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from softphone.devices.readiness.report import confirmed, passed, skipped, warned
from softphone.gui.language import install_language
from softphone.gui.readiness_texts import fix_text, found_text
from tests.gui.visible_text import english_words

MIC = passed(
    "microphone", "agent_mic hears you (-21 dBFS)", device="agent_mic", value=-21.0, unit="dBFS"
)
QUALITY = warned(
    "call_quality",
    "RTT 180 ms, jitter 24 ms, loss 3 % → MOS 3.4: MOS under 3.6",
    "Calls may sound choppy or delayed: use a cable instead of Wi-Fi, stop large downloads, "
    "or tell IT.",
    value=3.4,
    unit="MOS",
    details={"rtt_ms": 180.0, "jitter_ms": 24.0, "loss_pct": 2.5},
)
CENTER = warned(
    "central",
    "cannot reach https://center.example: no answer (timed out)",
    "Supervisors will not see you until this works (your calls are not affected): check "
    "VPN/proxy, or ask IT whether the central service is up.",
    device="https://center.example",
    details={"error": "no answer (timed out)"},
)
SPEAKER = passed(
    "speaker",
    "agent_speaker plays sound (tone heard at -23 dBFS)",
    device="agent_speaker",
    value=-23.0,
    unit="dBFS",
)


@pytest.fixture
def chinese() -> Iterator[None]:
    install_language("zh_CN")
    yield
    install_language("en")


def test_a_chinese_agent_reads_each_finding_in_chinese(chinese) -> None:
    assert found_text(MIC) == "「agent_mic」能听到您的声音（-21 dBFS）"
    assert found_text(QUALITY).startswith("RTT 180 ms，抖动 24 ms，丢包 2 % → MOS 3.4")
    assert fix_text(QUALITY).startswith("通话可能断续或延迟")
    assert found_text(skipped("camera", "not checked during a call")) == "通话中不检查"
    heard = confirmed(SPEAKER, yes=True)
    assert found_text(heard) == "「agent_speaker」播放正常（测试音 -23 dBFS）；您听到了测试音"
    # The HTTP library's words are quoted in a sentence of ours.
    assert found_text(CENTER) == "无法连接「https://center.example」：「no answer (timed out)」"
    refused = warned(
        "central",
        "https://c.example answered 404",
        "Tell IT.",
        value=3.0,
        unit="ms",
        device="https://c.example",
        details={"status_code": 404},
    )
    assert found_text(refused) == "https://c.example 返回 404"
    slow = warned(
        "central",
        "https://c.example is slow (900 ms)",
        "Tell IT.",
        value=900.0,
        unit="ms",
        device="https://c.example",
        details={"status_code": 200},
    )
    assert found_text(slow) == "https://c.example 响应缓慢（900 ms）"
    # A finding this module cannot word: quoted as the core wrote it.
    odd = warned("nat", "STUN server stun.example does not answer", "Ask IT.")
    assert found_text(odd) == "「STUN server stun.example does not answer」"
    for text in (found_text(MIC), found_text(QUALITY), fix_text(QUALITY), fix_text(CENTER)):
        assert english_words(text) == [], text


def test_in_english_the_core_sentences_are_shown_as_they_are() -> None:
    install_language("en")
    for check in (MIC, QUALITY, CENTER, confirmed(SPEAKER, yes=True)):
        assert found_text(check) == check.summary
        assert fix_text(check) == check.fix
