"""The call card's quality: MOS → 1-5 bars and their tone, and, with the real core, the bars of
a call to the far phone through the lab's Kamailio set from the engine's first real sample."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from softphone.events import CallEnded, QualitySample
from softphone.gui.quality_bars import QualityBars, bars_for, tone_for
from tests.gui.lab_fixtures import (  # noqa: F401 - fixtures
    far_end_factory,
    kamailio,
    lab_session,
    open_late,
    registered,
)


@pytest.mark.parametrize(
    ("mos", "bars", "tone"),
    [
        (0.0, 0, "bad"),  # no figure yet: nothing lit
        (1.0, 1, "bad"),
        (3.09, 1, "bad"),
        (3.1, 2, "bad"),
        (3.6, 3, "warn"),
        (3.99, 3, "warn"),
        (4.0, 4, "ok"),
        (4.29, 4, "ok"),
        (4.3, 5, "ok"),
        (4.5, 5, "ok"),
    ],
)
def test_mos_to_bars(mos: float, bars: int, tone: str) -> None:
    assert bars_for(mos) == bars
    assert tone_for(bars) == tone


def test_the_bars_show_the_shown_calls_sample_and_forget_an_ended_call(qtbot) -> None:
    quality = QualityBars()
    qtbot.addWidget(quality)
    quality.show_call("c1")
    assert quality.lit == 0 and "measuring" in quality.toolTip()
    quality.on_event(QualitySample(call="c2", mos=4.4, codec="PCMU"))  # another call's
    assert quality.lit == 0
    quality.on_event(
        QualitySample(call="c1", mos=3.4, loss_pct=6.2, jitter_ms=31, rtt_ms=180, codec="opus")
    )
    assert quality.lit == 2
    assert {bar.property("tone") for bar in quality.bars} == {"bad"}
    tip = quality.toolTip()
    for figure in ("MOS 3.4", "Loss 6.2 %", "jitter 31 ms", "RTT 180 ms", "codec opus"):
        assert figure in tip
    assert quality.accessibleName().startswith("Call quality 2 of 5")
    quality.on_event(CallEnded(call="c1"))
    quality.show_call("c1")
    assert quality.lit == 0


@pytest.mark.integration
def test_a_real_call_lights_the_bars_from_the_engines_sample(
    qtbot,
    registered,  # noqa: F811
    open_late,  # noqa: F811
    far_end_factory,  # noqa: F811
) -> None:
    far_end_factory("agent2", "secret2", auto_answer="200", tone_hz=800)
    main = open_late()
    quality = main.quality
    assert not quality.isVisible()  # no call: no quality
    main.number.setText("agent2")
    qtbot.waitUntil(lambda: main.ui.call_button.isEnabled(), timeout=10000)
    qtbot.mouseClick(main.ui.call_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: main.calls.count() == 1 and quality.isVisible(), timeout=15000)
    qtbot.waitUntil(lambda: quality.lit > 0, timeout=20000)  # the engine samples every 5 s
    sample = quality.samples[quality.call or ""]
    assert sample.mos >= 4.0 and quality.lit >= 4  # loopback: a clean line
    assert {bar.property("tone") for bar in quality.bars} == {"ok"}
    assert f"MOS {sample.mos:.1f}" in quality.toolTip()
    assert f"codec {sample.codec}" in quality.toolTip() and sample.codec
    qtbot.mouseClick(main.card.ui.hang_up, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: main.calls.count() == 0, timeout=10000)
    assert not quality.isVisible()
