"""SIP trace capture: every SIP message pjsip sends or receives, filed by Call-ID, redacted.

pjsip logs each message it sends and receives ("TX … / RX …" entries ending in "--end msg--").
We read those entries from our log writer, redact credentials (Authorization and
Proxy-Authorization) and media keys (SDES `a=crypto … inline:`, MIKEY `a=key-mgmt`, SDP `k=`:
whoever holds the trace and a capture of the RTP could otherwise hear the call), and keep them
per Call-ID so a call's signalling can be attached to its
record when it ends. Buffers are bounded: a chatty or hostile peer cannot grow memory without limit.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict

_MSG_START = re.compile(r"^(?P<dir>TX|RX) \d+ bytes .*?:\r?\n", re.DOTALL)
_END_MARK = "--end msg--"
_CALL_ID = re.compile(r"^(?:Call-ID|i)\s*:\s*(?P<id>\S+)", re.IGNORECASE | re.MULTILINE)
_AUTH_HEADER = re.compile(
    r"^(?P<name>(?:Proxy-)?Authorization)\s*:[^\r\n]*", re.IGNORECASE | re.MULTILINE
)
_SDES_KEY = re.compile(r"(?P<head>\binline:)[^\s]+", re.IGNORECASE)
_SDP_KEY_LINE = re.compile(r"^(?P<head>a=key-mgmt:\S+|k=)[^\r\n]*", re.IGNORECASE | re.MULTILINE)
_MARK = "[redacted]"
_MAX_CALLS = 64
_MAX_MESSAGES_PER_CALL = 200
_MAX_MESSAGE_CHARS = 8192


def redact(message: str) -> str:
    """Replace credentials and media keys with a marker (the header, and the crypto suite,
    stay visible: what was negotiated is what a trace is read for)."""
    message = _AUTH_HEADER.sub(lambda m: f"{m.group('name')}: {_MARK}", message)
    message = _SDES_KEY.sub(lambda m: f"{m.group('head')}{_MARK}", message)
    return _SDP_KEY_LINE.sub(_keep_head, message)


def _keep_head(found: re.Match[str]) -> str:
    head = found.group("head")
    return f"{head}{_MARK}" if head.endswith("=") else f"{head} {_MARK}"


def parse_log_entry(text: str) -> tuple[str, str, str] | None:
    """A pjsip message log entry → (direction, call-id, redacted message); None for other logs."""
    head = _MSG_START.search(text)
    if head is None:
        return None
    body = text[head.end() :]
    end = body.rfind(_END_MARK)
    if end >= 0:
        body = body[:end]
    found = _CALL_ID.search(body)
    if found is None:
        return None
    message = redact(body.strip())[:_MAX_MESSAGE_CHARS]
    return head.group("dir"), found.group("id"), f"{head.group(0).strip()}\n{message}"


class TraceStore:
    """Bounded, thread-safe store of SIP messages by Call-ID (pjsip logs from several threads)."""

    def __init__(self) -> None:
        self._by_call: OrderedDict[str, list[str]] = OrderedDict()
        self._lock = threading.Lock()

    def feed(self, log_text: str) -> bool:
        """Take one log entry; True when it was a SIP message and was filed."""
        parsed = parse_log_entry(log_text)
        if parsed is None:
            return False
        _, call_id, message = parsed
        with self._lock:
            messages = self._by_call.setdefault(call_id, [])
            self._by_call.move_to_end(call_id)
            if len(messages) < _MAX_MESSAGES_PER_CALL:
                messages.append(message)
            while len(self._by_call) > _MAX_CALLS:
                self._by_call.popitem(last=False)
        return True

    def take(self, call_id: str) -> tuple[str, ...]:
        """The messages of one call, removed from the store."""
        with self._lock:
            return tuple(self._by_call.pop(call_id, ()))
