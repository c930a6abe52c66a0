"""Call quality: RTCP/stream statistics turned into loss, jitter, RTT, disorder and an E-model MOS.

The MOS is the ITU-T G.107 E-model in the simplified form used by VoIP monitors (Cole &
Rosenbluth, "Voice over IP performance monitoring", 2001): one-way delay impairment from RTT/2
plus jitter-buffer delay, and the codec's equipment impairment scaled by packet loss (G.113
Appendix I values for Ie and Bpl).
"""

from __future__ import annotations

from dataclasses import dataclass

# (Ie, Bpl) per codec, G.113 Appendix I; unknown codecs are scored like G.711 with PLC.
_CODEC_IMPAIRMENT: dict[str, tuple[float, float]] = {
    "pcmu": (0.0, 25.1),
    "pcma": (0.0, 25.1),
    "g722": (0.0, 25.1),
    "gsm": (20.0, 43.0),
    "speex": (11.0, 20.0),
    "ilbc": (10.0, 32.0),
    "g729": (11.0, 19.0),
    "opus": (0.0, 25.1),
}
_DEFAULT_IMPAIRMENT = (0.0, 25.1)
# Codec framing + jitter buffer + device path we add to the network's one-way delay.
_FIXED_DELAY_MS = 40.0


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


def r_factor(loss_pct: float, jitter_ms: float, rtt_ms: float, codec: str = "pcmu") -> float:
    """Transmission rating R (0–100) for the given network figures."""
    ie, bpl = _CODEC_IMPAIRMENT.get(codec.lower(), _DEFAULT_IMPAIRMENT)
    one_way_ms = rtt_ms / 2.0 + 2.0 * jitter_ms + _FIXED_DELAY_MS
    if one_way_ms < 177.3:
        delay_impairment = 0.024 * one_way_ms
    else:
        delay_impairment = 0.024 * one_way_ms + 0.11 * (one_way_ms - 177.3)
    loss = max(0.0, min(100.0, loss_pct))
    equipment = ie + (95.0 - ie) * loss / (loss + bpl) if loss > 0 else ie
    return max(0.0, min(100.0, 93.2 - delay_impairment - equipment))


def mos_from_r(r: float) -> float:
    """G.107 Annex B mapping from R to the mean opinion score (1.0–4.5)."""
    if r <= 0:
        return 1.0
    if r >= 100:
        return 4.5
    return round(1 + 0.035 * r + r * (r - 60) * (100 - r) * 7e-6, 2)


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
