"""What a readiness check found and what to do about it, worded in the agent's language from the
check's name, status, value/unit, device and details (softphone/devices/readiness). The core
keeps its English sentences for the CLI and the journal; in English, or for a finding this module
cannot word from its fields, the window shows the core's sentence — in another language quoted
in 「」, as the window quotes other systems' words (reason_texts.py)."""

from __future__ import annotations

from typing import Any, Protocol

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication


class Check(Protocol):
    """What this module reads of a readiness check (the core's report.Check, reached by the
    GUI only through the agent's ReadinessReport)."""

    @property
    def name(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def summary(self) -> str: ...
    @property
    def value(self) -> float | str | None: ...
    @property
    def unit(self) -> str: ...
    @property
    def fix(self) -> str: ...
    @property
    def device(self) -> str: ...
    @property
    def details(self) -> dict[str, Any]: ...


CONTEXT = "ReadinessTexts"
HEARD = "; you heard it"

# (check name, status) → a sentence filled from value, unit, device and details.
FOUND = {
    ("microphone", "pass"): QT_TRANSLATE_NOOP("ReadinessTexts", "{device} hears you ({value})"),
    ("speaker", "pass"): QT_TRANSLATE_NOOP("ReadinessTexts", "{device} plays sound ({value})"),
    ("ring", "pass"): QT_TRANSLATE_NOOP("ReadinessTexts", "{device} plays sound ({value})"),
    ("camera", "pass"): QT_TRANSLATE_NOOP(
        "ReadinessTexts", "{device} delivers a picture ({value})"
    ),
    ("sip_udp", "pass"): QT_TRANSLATE_NOOP("ReadinessTexts", "{device} answers over UDP ({value})"),
    ("sip_tcp", "pass"): QT_TRANSLATE_NOOP("ReadinessTexts", "{device} answers over TCP ({value})"),
    ("sip_tls", "pass"): QT_TRANSLATE_NOOP("ReadinessTexts", "{device} answers over TLS ({value})"),
    ("central", "pass"): QT_TRANSLATE_NOOP("ReadinessTexts", "{device} answers ({value})"),
    ("central", "warn"): QT_TRANSLATE_NOOP("ReadinessTexts", "{device} answers slowly ({value})"),
    ("sip_strangers", "warn"): QT_TRANSLATE_NOOP(
        "ReadinessTexts",
        "{value} SIP request(s) from unknown sources refused (latest from {latest})",
    ),
}
# The core's sentences that carry no figures: each has its translation as it stands.
SENTENCES = (
    QT_TRANSLATE_NOOP("ReadinessTexts", "registered at the SIP server"),
    QT_TRANSLATE_NOOP("ReadinessTexts", "no answer to the registration yet"),
    QT_TRANSLATE_NOOP("ReadinessTexts", "not registered: no SIP password stored"),
    QT_TRANSLATE_NOOP("ReadinessTexts", "no SIP request from an unknown source"),
    QT_TRANSLATE_NOOP("ReadinessTexts", "No microphone found"),
    QT_TRANSLATE_NOOP("ReadinessTexts", "No speaker or headset found"),
    QT_TRANSLATE_NOOP("ReadinessTexts", "No camera found"),
    QT_TRANSLATE_NOOP("ReadinessTexts", "no camera connected (none is configured)"),
    QT_TRANSLATE_NOOP("ReadinessTexts", "not checked (no camera support in this mode)"),
    QT_TRANSLATE_NOOP("ReadinessTexts", "not checked during a call"),
    QT_TRANSLATE_NOOP("ReadinessTexts", "not checked here (the running agent checks it)"),
    QT_TRANSLATE_NOOP("ReadinessTexts", "no SIP server configured"),
    QT_TRANSLATE_NOOP("ReadinessTexts", "no SIP server configured ([sip] server)"),
    QT_TRANSLATE_NOOP("ReadinessTexts", "no central service configured ([central] url)"),
    QT_TRANSLATE_NOOP("ReadinessTexts", "not configured (no STUN server in [sip] stun_server)"),
    QT_TRANSLATE_NOOP("ReadinessTexts", "the SIP server answered none of the probe"),
    QT_TRANSLATE_NOOP(
        "ReadinessTexts", "Plug in your headset (or a microphone) and run the check again."
    ),
    QT_TRANSLATE_NOOP("ReadinessTexts", "Plug in your headset and run the check again."),
    QT_TRANSLATE_NOOP(
        "ReadinessTexts", "Plug in the camera (or open the laptop lid) and run the check again."
    ),
    QT_TRANSLATE_NOOP(
        "ReadinessTexts", "Check the camera's privacy shutter or switch; unplug and re-plug it."
    ),
    QT_TRANSLATE_NOOP(
        "ReadinessTexts",
        "Another program may hold the microphone; close it, or pick another device.",
    ),
    QT_TRANSLATE_NOOP(
        "ReadinessTexts", "Another program may hold the device; close it, or pick another one."
    ),
    QT_TRANSLATE_NOOP(
        "ReadinessTexts", "Check the headset's cable or plug, then run the check again."
    ),
    QT_TRANSLATE_NOOP(
        "ReadinessTexts", "Check that the headset is plugged in, then run the check again."
    ),
    QT_TRANSLATE_NOOP(
        "ReadinessTexts", "Unplug and re-plug the headset, or pick another microphone."
    ),
    QT_TRANSLATE_NOOP(
        "ReadinessTexts",
        "Turn the microphone's input volume down a little in the system settings.",
    ),
    QT_TRANSLATE_NOOP(
        "ReadinessTexts", "Turn the microphone's input volume up in the system sound settings."
    ),
    QT_TRANSLATE_NOOP(
        "ReadinessTexts",
        "The SIP server does not answer the registration; see the SIP checks above.",
    ),
    QT_TRANSLATE_NOOP(
        "ReadinessTexts",
        "See the SIP checks above: the network to the SIP server does not work.",
    ),
    QT_TRANSLATE_NOOP(
        "ReadinessTexts",
        "The central service has a problem: tell IT (your calls are not affected).",
    ),
    QT_TRANSLATE_NOOP(
        "ReadinessTexts",
        "Status changes will show late on the wallboard; tell IT if it stays slow.",
    ),
    QT_TRANSLATE_NOOP(
        "ReadinessTexts",
        "Turn the volume up, check that the headset is plugged in and chosen in the sound "
        "settings, then run the check again.",
    ),
    QT_TRANSLATE_NOOP(
        "ReadinessTexts",
        "The sound goes to a device you are not wearing: choose your headset as the "
        "output in the sound settings (or the app's audio settings), then check again.",
    ),
    QT_TRANSLATE_NOOP(
        "ReadinessTexts",
        "Calls may sound choppy or delayed: use a cable instead of Wi-Fi, stop large downloads, "
        "or tell IT.",
    ),
    QT_TRANSLATE_NOOP(
        "ReadinessTexts",
        "Supervisors will not see you until this works (your calls are not affected): check "
        "VPN/proxy, or ask IT whether the central service is up.",
    ),
    QT_TRANSLATE_NOOP(
        "ReadinessTexts",
        "Usually a SIP scanner: nothing to do. If calls should come from that address (an SBC "
        "or media server), IT adds it to [sip] trusted_sources.",
    ),
)
QUALITY = {
    "pass": QT_TRANSLATE_NOOP(
        "ReadinessTexts",
        "RTT {rtt:.0f} ms, jitter {jitter:.0f} ms, loss {loss:.0f} % → MOS {mos:.1f}",
    ),
    "warn": QT_TRANSLATE_NOOP(
        "ReadinessTexts",
        "RTT {rtt:.0f} ms, jitter {jitter:.0f} ms, loss {loss:.0f} % → MOS {mos:.1f}: "
        "over the limits for good calls",
    ),
}
ANSWERED = QT_TRANSLATE_NOOP("ReadinessTexts", "{device} answered {code}")
UNREACHABLE = QT_TRANSLATE_NOOP("ReadinessTexts", "cannot reach {device}: {error}")
QUOTED = QT_TRANSLATE_NOOP("ReadinessTexts", "{text}")
YOU_HEARD_IT = QT_TRANSLATE_NOOP("ReadinessTexts", "{found}; you heard it")


def _translated(text: object) -> str | None:
    """The translation of `text`, None when the language has none (English: the core's words)."""
    shown = QCoreApplication.translate(CONTEXT, str(text))
    return None if shown == str(text) else shown


def _figure(check: Check) -> str:
    value = check.value
    if isinstance(value, float):
        value = f"{value:.0f}"
    return f"{value} {check.unit}".strip() if value not in (None, "") else ""


def _quality(check: Check) -> str | None:
    """The call-quality probe's figures (value: MOS; details: rtt_ms, jitter_ms, loss_pct)."""
    template = QUALITY.get(check.status)
    figures = [check.details.get(k) for k in ("rtt_ms", "jitter_ms", "loss_pct")]
    if template is None or not isinstance(check.value, float | int) or None in figures:
        return None
    shown = _translated(template)
    rtt, jitter, loss = (float(f) for f in figures)  # type: ignore[arg-type]
    return shown and shown.format(rtt=rtt, jitter=jitter, loss=loss, mos=float(check.value))


def _worded(check: Check, english: str) -> str | None:
    if check.name == "call_quality" and (found := _quality(check)) is not None:
        return found
    error = check.details.get("error")
    if check.name == "central" and check.status == "warn" and check.device and error:
        shown = _translated(UNREACHABLE)  # the error is the HTTP library's words: quoted
        return shown and shown.format(device=check.device, error=error)
    code = check.details.get("status_code")
    if check.name == "central" and isinstance(code, int) and code >= 400 and check.device:
        shown = _translated(ANSWERED)  # not the center's API, or the center is failing
        return shown and shown.format(device=check.device, code=code)
    template = FOUND.get((check.name, check.status))
    if template is None or not check.device or not _figure(check):
        return _translated(english)
    shown = _translated(template)
    if shown is None:
        return None
    latest = str(check.details.get("latest_source", ""))
    return shown.format(device=check.device, value=_figure(check), latest=latest)


def _quoted(english: str) -> str:
    shown = _translated(QUOTED)
    return english if shown is None else shown.format(text=english)  # the translation quotes


def found_text(check: Check) -> str:
    """What the check found, in the agent's language where it can be worded, else quoted."""
    english = check.summary
    heard = check.details.get("agent_answer") == "yes" and english.endswith(HEARD)
    if heard:
        english = english[: -len(HEARD)]
    shown = _worded(check, english)
    if shown is None and _translated(QUOTED) is None:
        return check.summary  # English: the core's own sentence
    shown = shown or _quoted(english)
    if heard:
        return (_translated(YOU_HEARD_IT) or str(YOU_HEARD_IT)).format(found=shown)
    return shown


def fix_text(check: Check) -> str:
    """What to do about it, in the agent's language where the sentence is known, else quoted."""
    if not check.fix:
        return ""
    return _translated(check.fix) or _quoted(check.fix)
