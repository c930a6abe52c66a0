"""Call quality: RTCP/stream statistics turned into loss, jitter, RTT, disorder and an E-model MOS.

The E-model itself (`r_factor`, `mos_from_r`) lives in `softphone.mos`, shared with the readiness
check's network probe; it is re-exported here for the SIP side.
"""

from __future__ import annotations

from dataclasses import dataclass

from softphone.mos import mos_from_r, r_factor

__all__ = ["Quality", "StreamFigures", "assess", "mos_from_r", "r_factor"]


@dataclass(frozen=True)
class StreamFigures:
    """Raw counts of one audio stream, as read from pjmedia's RTCP statistics."""

    rx_packets: int
    rx_lost: int
    rx_reordered: int
    jitter_ms: float
    rtt_ms: float
    codec: str


@dataclass(frozen=True)
class Quality:
    mos: float
    loss_pct: float
    jitter_ms: float
    rtt_ms: float
    disorder_pct: float
    codec: str


def assess(figures: StreamFigures) -> Quality:
    expected = figures.rx_packets + figures.rx_lost
    loss_pct = 100.0 * figures.rx_lost / expected if expected > 0 else 0.0
    disorder_pct = 100.0 * figures.rx_reordered / expected if expected > 0 else 0.0
    mos = mos_from_r(r_factor(loss_pct, figures.jitter_ms, figures.rtt_ms, figures.codec))
    return Quality(
        mos=mos,
        loss_pct=round(loss_pct, 2),
        jitter_ms=round(figures.jitter_ms, 2),
        rtt_ms=round(figures.rtt_ms, 2),
        disorder_pct=round(disorder_pct, 2),
        codec=figures.codec,
    )
