"""The E-model: network figures (loss, jitter, round-trip time) turned into a MOS estimate.

ITU-T G.107 in the simplified form used by VoIP monitors (Cole & Rosenbluth, "Voice over IP
performance monitoring", 2001): one-way delay impairment from RTT/2 plus jitter-buffer delay, and
the codec's equipment impairment scaled by packet loss (G.113 Appendix I values for Ie and Bpl).
Pure arithmetic shared by the call-quality figures of `softphone.sip.quality` and the network
probe of the readiness check (`softphone.devices.readiness`), which must not import each other.
"""

from __future__ import annotations

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
