"""Who is calling, as the agent reads it on the pop-up: the number formatted for people
(national and international), the telecom provider, the region and the caller's time zones,
all offline from `phonenumbers` (its carrier and geocoder data), in English or Chinese.

Qt-free and network-free: the GUI asks for it off its own thread through the AgentSession.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import phonenumbers
from phonenumbers import PhoneNumberFormat, carrier, geocoder

from softphone.compliance.numbers import read_number
from softphone.compliance.zones import callee_zones

# phonenumbers names its data by language; "zh" is Simplified Chinese (中国移动, 北京市).
LANGUAGES = ("en", "zh")


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
    callee = read_number(number, number, default_region)
    parsed = callee.number
    if callee.kind != "number" or parsed is None or callee.e164 is None:
        return CallerInfo(number=number)
    language = language if language in LANGUAGES else "en"
    country = geocoder.country_name_for_number(parsed, language)
    return CallerInfo(
        number=number,
        e164=callee.e164,
        national=phonenumbers.format_number(parsed, PhoneNumberFormat.NATIONAL),
        international=phonenumbers.format_number(parsed, PhoneNumberFormat.INTERNATIONAL),
        national_digits=phonenumbers.national_significant_number(parsed),
        provider=carrier.name_for_number(parsed, language),
        region=geocoder.description_for_number(parsed, language) or country,
        country=country,
        zones=callee_zones(parsed, callee.region or "", callee.type),
    )


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
    info = caller_info(user, default_region)
    return info.international if info.e164 is not None else user
