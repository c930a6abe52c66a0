"""The call card's quality when the far end's audio really degrades: a customer (SIPp, through
the lab's Kamailio) whose RTP is clean for its first seconds and then loses a third of its
packets. The bars fall from good to poor and the sparkline shows the fall — measured by the
real engine from the real stream (tests/integration/lab/lossy_rtp.py), no injected samples."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from tests.gui.lab_fixtures import (  # noqa: F401 - fixtures
    far_end_factory,
    kamailio,
    lab_session,
    open_late,
    registered,
    run_sipp_uac,
)
from tests.integration.lab.lossy_rtp import write_lossy_rtp
from tests.integration.lab.sipp import SCENARIOS


def lossy_caller_scenario(folder: Path) -> Path:
    """The scenario of a caller whose RTP is clean for 9 s, then keeps 2 packets of every 3."""
    pcap = folder / "lossy.pcap"
    assert write_lossy_rtp(pcap, seconds=60, clean_s=9, keep=2, of=3) > 0
    template = (SCENARIOS / "uac_call_lossy_rtp.xml").read_text(encoding="utf-8")
    scenario = folder / "uac_call_lossy_rtp.xml"
    scenario.write_text(template.replace("LOSSY_PCAP", str(pcap)), encoding="utf-8")
    return scenario


@pytest.mark.integration
def test_the_bars_drop_when_the_far_ends_rtp_loses_packets(
    qtbot,
    registered,  # noqa: F811
    open_late,  # noqa: F811
    run_sipp_uac,  # noqa: F811
    tmp_path: Path,
) -> None:
    main = open_late()
    quality, sparkline = main.card.quality, main.card.sparkline
    caller = run_sipp_uac(str(lossy_caller_scenario(tmp_path)), "agent1")
    qtbot.waitUntil(lambda: bool(main.popups), timeout=15000)
    next(iter(main.popups.values())).answer()
    qtbot.waitUntil(lambda: quality.isVisible() and quality.lit > 0, timeout=20000)
    clean = quality.lit
    assert clean >= 4 and {bar.property("tone") for bar in quality.bars} == {"ok"}

    # The engine samples every 5 s; once the holes begin, the loss shows within two samples.
    qtbot.waitUntil(lambda: quality.lit <= 2, timeout=30000)
    sample = quality.samples[quality.call or ""]
    assert sample.loss_pct >= 5 and sample.mos < 3.1
    assert {bar.property("tone") for bar in quality.bars} == {"bad"}
    assert f"Loss {sample.loss_pct:.1f} %" in quality.toolTip()
    assert sparkline.isVisible() and sparkline.points[0] >= 4.0 > 3.1 > sparkline.points[-1]
    assert "lowest" in sparkline.toolTip()

    qtbot.mouseClick(main.card.ui.hang_up, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: main.calls.count() == 0, timeout=10000)
    assert caller.wait(30) == 0, caller.output()
