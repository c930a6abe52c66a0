"""Who is calling, as the agent reads it on the pop-up: the number formatted for people
(national and international), the telecom provider, the region and the caller's time zones,
all offline from `phonenumbers` (its carrier and geocoder, over the on-disk index of
`place_names`), in English or Chinese.

Qt-free and network-free: the GUI asks for it off its own thread through the AgentSession.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass, replace

import phonenumbers
from phonenumbers import PhoneNumberFormat

from softphone.compliance import place_names
from softphone.compliance.numbers import read_number
from softphone.compliance.zones import callee_zones

LANGUAGES = place_names.LANGUAGES
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CallerInfo:
    number: str  # as it came in (the SIP user part)
    e164: str | None = None  # None: not a phone number we can read (an extension, a name)
    national: str = ""  # "138 0013 8000"
    international: str = ""  # "+86 138 0013 8000"
    national_digits: str = ""  # "13800138000": how our records match the number
    provider: str = ""  # "China Mobile"; empty for a fixed line or when unknown
    region: str = ""  # "Beijing"; the country when no finer place is known
    country: str = ""
    zones: tuple[str, ...] = ()  # IANA zones the caller may be in, most likely first
    do_not_call: str | None = None  # why the number is on a do-not-call list, if it is


def language_of(locale_name: str) -> str:
    """The data language for a UI locale ("zh_CN" → "zh"); English for anything else."""
    language = locale_name.replace("-", "_").split("_")[0].lower()
    return language if language in LANGUAGES else "en"


def caller_info(number: str, default_region: str, language: str = "en") -> CallerInfo:
    """What the offline data says about `number` (read in `default_region` when national)."""
    formatted, parsed = _formatted(number, default_region)
    if parsed is None:
        return formatted
    language = language if language in LANGUAGES else "en"
    try:
        geocoder, carrier = place_names.geocoder(), place_names.carrier()
    except place_names.IndexUnavailable as exc:  # names are a help, the number is what matters
        log.warning("no provider or place names for the pop-up: %s", exc)
        return formatted
    country = geocoder.country_name_for_number(parsed, language)
    return replace(
        formatted,
        provider=carrier.name_for_number(parsed, language),
        region=geocoder.description_for_number(parsed, language) or country,
        country=country,
    )


def _formatted(
    number: str, default_region: str
) -> tuple[CallerInfo, phonenumbers.PhoneNumber | None]:
    """The number as people read it, without the provider and place names (no index needed)."""
    callee = read_number(number, number, default_region)
    parsed = callee.number
    if callee.kind != "number" or parsed is None or callee.e164 is None:
        return CallerInfo(number=number), None
    formatted = CallerInfo(
        number=number,
        e164=callee.e164,
        national=phonenumbers.format_number(parsed, PhoneNumberFormat.NATIONAL),
        international=phonenumbers.format_number(parsed, PhoneNumberFormat.INTERNATIONAL),
        national_digits=phonenumbers.national_significant_number(parsed),
        zones=callee_zones(parsed, callee.region or "", callee.type),
    )
    return formatted, parsed


# "Tel.: ", "Phone: ", "电话：" … in front of a number copied from a web page or an e-mail.
_LABEL = re.compile(r"^(?:tel(?:ephone)?|phone|mobile|mob|fax|电话|手机)\s*[.:：]+\s*", re.I)
_TEL_URI = re.compile(r"^tel:([^;]*)", re.I)
_DASHES = re.compile(r"[\u2010-\u2015\u2212\ufe63\uff0d]")


def dial_text(pasted: str) -> str:
    """What the agent pasted or typed, as a dial line the engine takes: full-width digits and
    odd dashes made plain, a `tel:` URI's number (its parameters dropped), a leading label
    ("Tel.:") removed. Spaces, dashes and brackets stay: the gate and the engine read them."""
    text = unicodedata.normalize("NFKC", pasted).strip()
    text = _DASHES.sub("-", text)
    uri = _TEL_URI.match(text)
    if uri:
        return uri.group(1).strip()
    if text.lower().startswith(("sip:", "sips:")):
        return text
    return _LABEL.sub("", text).strip()


_SIP_USER = re.compile(r"^<?sips?:([^@;>]+)", re.I)


def shown_number(remote: str, default_region: str) -> str:
    """A call's other party as people read it: "sip:+493012345678@pbx.example" → "+49 30
    12345678"; a colleague's name or an extension as it is."""
    found = _SIP_USER.match(remote.strip())
    user = found.group(1) if found else remote.strip()
    info, _ = _formatted(user, default_region)
    return info.international if info.e164 is not None else user
