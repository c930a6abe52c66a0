"""What the core says in English, worded in the agent's language from its codes and fields: the
compliance gate's reasons (Reason.code + Reason.fields) and the status machine's refusals
(StatusRefused.code + .fields). The core keeps its English `text` for the CLI, the logs and the
center; a code this table does not know yet is shown in that English rather than hidden."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale

from softphone.compliance.packs import holiday_name_in


def tr(text: object) -> str:
    return QCoreApplication.translate("Reasons", str(text))


# Gate reasons: each code's sentence, filled from the reason's fields.
GATE = {
    "rest_period": QT_TRANSLATE_NOOP(
        "Reasons", "{pack}: {where} is outside the calling hours ({hours})"
    ),
    "rest_day": QT_TRANSLATE_NOOP(
        "Reasons", "{pack}: {where} is outside the calling hours (no calls on this day)"
    ),
    "holiday": QT_TRANSLATE_NOOP("Reasons", "{pack}: {where} is a public holiday ({holiday})"),
    "cap": QT_TRANSLATE_NOOP(
        "Reasons", "{pack}: {count} calls to {number} in the last {hours} h (at most {limit})"
    ),
    "cool_down": QT_TRANSLATE_NOOP(
        "Reasons", "{pack}: {number} refused a call on {refused}; no call before {until}"
    ),
    "blacklisted_enterprise": QT_TRANSLATE_NOOP(
        "Reasons", "{number} is on the do-not-call list (enterprise list: {why} — {who}, {since})"
    ),
    "blacklisted_enterprise_until": QT_TRANSLATE_NOOP(
        "Reasons",
        "{number} is on the do-not-call list (enterprise list: {why} — {who}, {since}, "
        "until {until})",
    ),
    "blacklisted_registry": QT_TRANSLATE_NOOP(
        "Reasons", "{number} is on the do-not-call list (registry {registry})"
    ),
    "blacklist_missing": QT_TRANSLATE_NOOP(
        "Reasons", "the {list} do-not-call list is not on this computer: ask IT to install it"
    ),
    "blacklist_stale": QT_TRANSLATE_NOOP(
        "Reasons",
        "the {list} do-not-call list is {days} days old (at most {max_days}): "
        "it must be updated before dialing",
    ),
    "zone_unknown": QT_TRANSLATE_NOOP("Reasons", "{number}: the callee's time zone is unknown"),
}
# Codes whose English is a system's message: translated, a sentence of ours quotes it.
QUOTED = {
    "clock_unknown": QT_TRANSLATE_NOOP(
        "Reasons", "this computer's clock cannot be trusted: {detail}"
    ),
    "check_failed": QT_TRANSLATE_NOOP(
        "Reasons", "the compliance check could not be completed: {detail}"
    ),
    "history_unreadable": QT_TRANSLATE_NOOP("Reasons", "the call history cannot be read: {detail}"),
    "blacklist_unreadable": QT_TRANSLATE_NOOP(
        "Reasons", "the do-not-call list cannot be read: {detail}"
    ),
    "invalid_number": QT_TRANSLATE_NOOP("Reasons", "not a number that can be called: {detail}"),
    "external_uri": QT_TRANSLATE_NOOP(
        "Reasons", "not one of our SIP domains and not a phone number: {detail}"
    ),
}
# The built-in rule packs' names (softphone/compliance/packs.toml), by key; a pack a contact
# center defines is named as it wrote it.
PACK_NAMES = {
    "enterprise": QT_TRANSLATE_NOOP("Reasons", "enterprise"),  # the center's own calling hours
    "CN": QT_TRANSLATE_NOOP("Reasons", "China"),
    "US": QT_TRANSLATE_NOOP("Reasons", "United States (federal)"),
    "US-FL": QT_TRANSLATE_NOOP("Reasons", "Florida"),
    "US-OK": QT_TRANSLATE_NOOP("Reasons", "Oklahoma"),
    "US-MD": QT_TRANSLATE_NOOP("Reasons", "Maryland"),
    "US-AL": QT_TRANSLATE_NOOP("Reasons", "Alabama"),
    "US-LA": QT_TRANSLATE_NOOP("Reasons", "Louisiana"),
    "CA": QT_TRANSLATE_NOOP("Reasons", "Canada"),
    "FR": QT_TRANSLATE_NOOP("Reasons", "France"),
    "ES": QT_TRANSLATE_NOOP("Reasons", "Spain"),
    "AU": QT_TRANSLATE_NOOP("Reasons", "Australia"),
    "IN": QT_TRANSLATE_NOOP("Reasons", "India"),
    "GB": QT_TRANSLATE_NOOP("Reasons", "United Kingdom"),
}
WHERE = QT_TRANSLATE_NOOP("Reasons", "{day} {time} in {zone}")
ZONES = QT_TRANSLATE_NOOP("Reasons", " (closed in {closed} of the number's {zones} zones)")


def gate_reason_text(code: str, fields: Mapping[str, Any], text: str) -> str:
    """One gate reason in the agent's language; `text` (English) for a code not known here."""
    facts = {name: str(value) for name, value in fields.items()}
    key = _gate_key(code, facts)
    if key in GATE:
        known = PACK_NAMES.get(facts.get("pack_key", ""))
        if known is not None and facts.get("pack") == known:  # the built-in pack, not a namesake
            facts["pack"] = tr(known)
        if code == "holiday":
            facts["holiday"] = _holiday(facts)
        try:
            if "weekday" in facts:  # a rest period or a holiday: where and when it is closed
                facts["where"] = _where(facts)
            return tr(GATE[key]).format(**facts)
        except (KeyError, ValueError):  # fields of another version of the core
            return text
    if code in QUOTED:
        sentence = tr(QUOTED[code])
        # In English the core's own text says it all; translated, it is quoted in a sentence.
        return text if sentence == QUOTED[code] else sentence.format(detail=text)
    return text


def _where(facts: Mapping[str, str]) -> str:
    """ "Wed 13:30 in Europe/Paris (closed in 1 of the number's 2 zones)", in the language."""
    day = QLocale().dayName(int(facts["weekday"]), QLocale.FormatType.ShortFormat)
    where = tr(WHERE).format(day=day, time=facts["time"], zone=facts["zone"])
    if facts.get("closed_zones"):
        where += tr(ZONES).format(closed=facts["closed_zones"], zones=facts["zones"])
    return where


def _holiday(facts: Mapping[str, str]) -> str:
    """The holiday's name in the window's language where its calendar has one (国庆节)."""
    language = QLocale().name()
    if language.startswith("en") or not facts.get("calendar") or not facts.get("date"):
        return facts.get("holiday", "")
    named = holiday_name_in(facts["calendar"], date.fromisoformat(facts["date"]), language)
    return named or facts.get("holiday", "")


def _gate_key(code: str, facts: Mapping[str, str]) -> str:
    if code == "rest_period" and not facts.get("hours"):
        return "rest_day"
    if code == "blacklisted":
        kind = facts.get("list", "")
        if kind == "enterprise" and facts.get("until"):
            return "blacklisted_enterprise_until"
        return f"blacklisted_{kind}"
    return code


# Status refusals (StatusRefused.code): each code's sentence, filled from its fields.
REFUSALS = {
    "not_from": QT_TRANSLATE_NOOP("Reasons", "cannot go from {status} to {wanted}"),
    "not_from_ringing": QT_TRANSLATE_NOOP(
        "Reasons", "a call is ringing: answer or reject it first"
    ),
    "not_from_on_call": QT_TRANSLATE_NOOP("Reasons", "the agent is on a call: hang up first"),
    "no_reason": QT_TRANSLATE_NOOP("Reasons", "{status} takes no reason"),
    "reason_needed": QT_TRANSLATE_NOOP("Reasons", "{status} needs a reason"),
    "reason_unknown": QT_TRANSLATE_NOOP("Reasons", "“{reason}” is not a reason for {status}"),
    "wrap_up_mandatory": QT_TRANSLATE_NOOP("Reasons", "wrap-up is mandatory for {seconds} s more"),
    "readiness_required": QT_TRANSLATE_NOOP(
        "Reasons", "a readiness check is required before going available: run it"
    ),
    "readiness_failed": QT_TRANSLATE_NOOP(
        "Reasons", "the last readiness check failed: fix what it says and check again"
    ),
    "readiness_stale": QT_TRANSLATE_NOOP(
        "Reasons", "the last readiness check is older than {minutes} min: check again"
    ),
}


def refusal_text(error: Exception, status_name: Callable[[str], str]) -> str:
    """A refused status change in the agent's language (`status_name` words a status);
    the English message for a refusal this table does not know."""
    code = str(getattr(error, "code", ""))
    facts = {name: str(value) for name, value in getattr(error, "fields", {}).items()}
    if code == "not_from" and facts.get("status") in ("ringing", "on_call"):
        code = f"not_from_{facts['status']}"
    if code not in REFUSALS:
        return str(error)
    for name in ("status", "wanted"):
        if name in facts:
            facts[name] = status_name(facts[name])
    try:
        return tr(REFUSALS[code]).format(**facts)
    except (KeyError, ValueError):
        return str(error)


FAILED = QT_TRANSLATE_NOOP("Reasons", "{what}: {error}")


def failure_text(what: str, error: object) -> str:
    """ "Call 123: <the engine's message>": what the agent asked for, and what went wrong in
    the engine's own (English) words, quoted in a translation."""
    return tr(FAILED).format(what=what, error=error)


ENGINE = QT_TRANSLATE_NOOP("Reasons", "{error}")


def engine_words(error: object) -> str:
    """The engine's own (English) message: as it is in English, quoted in a translation."""
    return tr(ENGINE).format(error=error)
