"""MOS figures an agent and a supervisor would recognise: clean calls score well, bad ones don't."""

import pytest

from softphone.sip.quality import StreamFigures, assess, mos_from_r, r_factor


def test_a_clean_g711_call_scores_like_toll_quality() -> None:
    mos = mos_from_r(r_factor(loss_pct=0, jitter_ms=2, rtt_ms=20, codec="PCMU"))
    assert 4.2 <= mos <= 4.5


@pytest.mark.parametrize("loss", [1, 3, 5, 10, 20])
def test_more_loss_never_scores_better(loss: float) -> None:
    better = mos_from_r(r_factor(loss - 0.5, 5, 50))
    worse = mos_from_r(r_factor(loss, 5, 50))
    assert worse < better


def test_five_percent_loss_is_below_the_warning_threshold() -> None:
    # Twilio's and our readiness warning line is MOS 3.5.
    assert mos_from_r(r_factor(loss_pct=5, jitter_ms=30, rtt_ms=300)) < 3.5


def test_long_delay_hurts_even_without_loss() -> None:
    assert mos_from_r(r_factor(0, 0, 800)) < mos_from_r(r_factor(0, 0, 100)) - 0.5


def test_mos_stays_on_its_scale() -> None:
    assert mos_from_r(-5) == 1.0
    assert mos_from_r(150) == 4.5


def test_assess_turns_counts_into_percentages() -> None:
    q = assess(
        StreamFigures(
            rx_packets=950, rx_lost=50, rx_reordered=10, jitter_ms=12.345, rtt_ms=40.0, codec="PCMA"
        )
    )
    assert q.loss_pct == 5.0
    assert q.disorder_pct == 1.0
    assert q.jitter_ms == 12.35
    assert q.codec == "PCMA"
    assert 1.0 < q.mos < 4.0


def test_assess_of_a_stream_with_no_packets_is_not_a_division_error() -> None:
    q = assess(StreamFigures(0, 0, 0, 0.0, 0.0, "PCMU"))
    assert q.loss_pct == 0.0 and q.disorder_pct == 0.0
