"""SIP's own words (a final response's reason phrase: "603 Decline", "486 Busy Here") as the
agent reads them: the common ones in the window's language by their code, any other as the far
end sent it, quoted, so that a Chinese agent reads 忙 and not "Busy Here"."""

from __future__ import annotations

import re

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

PHRASES = {
    200: QT_TRANSLATE_NOOP("SipTexts", "call ended normally"),
    403: QT_TRANSLATE_NOOP("SipTexts", "forbidden"),
    404: QT_TRANSLATE_NOOP("SipTexts", "number not found"),
    408: QT_TRANSLATE_NOOP("SipTexts", "no answer in time"),
    480: QT_TRANSLATE_NOOP("SipTexts", "not available now"),
    484: QT_TRANSLATE_NOOP("SipTexts", "number incomplete"),
    486: QT_TRANSLATE_NOOP("SipTexts", "busy"),
    487: QT_TRANSLATE_NOOP("SipTexts", "cancelled"),
    488: QT_TRANSLATE_NOOP("SipTexts", "media not accepted"),
    500: QT_TRANSLATE_NOOP("SipTexts", "server error"),
    503: QT_TRANSLATE_NOOP("SipTexts", "service unavailable"),
    600: QT_TRANSLATE_NOOP("SipTexts", "busy everywhere"),
    603: QT_TRANSLATE_NOOP("SipTexts", "declined"),
}
QUOTED = QT_TRANSLATE_NOOP("SipTexts", "{phrase}")  # translated, the far end's words quoted
_LEADING_CODE = re.compile(r"^\s*(\d{3})\s*(.*)$")


def tr(text: object) -> str:
    return QCoreApplication.translate("SipTexts", str(text))


def phrase_text(code: int, phrase: str) -> str:
    """The reason phrase of `code` as the agent reads it: in English the far end's words,
    unchanged; translated, the code's meaning (486: 忙), else the far end's words quoted."""
    known = PHRASES.get(code)
    if known is not None and tr(known) != known:
        return tr(known)
    quoted = tr(QUOTED)
    if quoted == QUOTED or not phrase:  # English: SIP's own words
        return phrase
    return quoted.format(phrase=phrase)


def reason_text(code: int, phrase: str) -> str:
    """ "486 Busy Here" in the agent's words: "486 Busy Here", "486 忙"."""
    return f"{code} {phrase_text(code, phrase)}".strip()


def end_reason_text(text: str) -> str:
    """A journal's end reason ("603 Decline") or an event's, in the agent's words."""
    found = _LEADING_CODE.match(text)
    if not found:
        return text
    return reason_text(int(found.group(1)), found.group(2))
