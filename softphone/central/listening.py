"""Listening to a recording in a browser: the tickets an HTML audio element fetches the audio
with (it cannot send an Authorization header), and HTTP Range requests (seeking asks for the
bytes from where the listener jumped to).

A ticket is random, kept only as its SHA-256, bound to one recording and to the login token it
was asked with: it expires within the hour, and at once when that token is revoked (logout,
disabled account, new password) — its row goes with the token's.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from softphone.central.auth import Principal
from softphone.central.models import ListenTicket, Token, User
from softphone.central.users import groups_of

_RANGE = re.compile(r"^bytes=(\d{0,15})-(\d{0,15})$")


class RangeNotSatisfiable(Exception):
    """416: the range lies beyond the file, or cannot be read."""


@dataclass(frozen=True)
class ByteRange:
    start: int
    end: int  # inclusive
    total: int
    partial: bool

    @property
    def length(self) -> int:
        return self.end - self.start + 1


def parse_range(header: str | None, total: int) -> ByteRange:
    """The one range of a `Range: bytes=…` header (`a-b`, `a-`, `-n`); the whole file when
    there is no header or it asks for several ranges (RFC 9110 lets a server ignore those)."""
    whole = ByteRange(0, total - 1, total, partial=False)
    if header is None or "," in header:
        return whole
    found = _RANGE.match(header.strip())
    if found is None or found.groups() == ("", ""):
        raise RangeNotSatisfiable(header)
    first, last = found.groups()
    if first == "":  # the last n bytes
        start, end = max(0, total - int(last)), total - 1
    else:
        start = int(first)
        end = min(int(last), total - 1) if last else total - 1
    if start >= total or end < start:
        raise RangeNotSatisfiable(header)
    return ByteRange(start, end, total, partial=True)


def _digest(ticket: str) -> str:
    return hashlib.sha256(ticket.encode()).hexdigest()


def issue_ticket(
    session: Session, token_hash: str, recording_id: str, expires_at: datetime
) -> tuple[str, datetime]:
    ticket = secrets.token_urlsafe(24)
    session.add(ListenTicket(ticket_hash=_digest(ticket), token_hash=token_hash,
                             recording_id=recording_id, expires_at=expires_at))  # fmt: skip
    return ticket, expires_at


def ticket_holder(
    session: Session, ticket: str, recording_id: str, now: datetime
) -> Principal | None:
    """Who asked for this ticket, while it, its token and its account are all still good."""
    row = session.execute(
        select(User.id, User.name, User.role, User.disabled, Token.revoked_at, Token.expires_at,
               ListenTicket.expires_at)
        .join(Token, Token.token_hash == ListenTicket.token_hash)
        .join(User, User.id == Token.user_id)
        .where(ListenTicket.ticket_hash == _digest(ticket),
               ListenTicket.recording_id == recording_id)
    ).first()  # fmt: skip
    if row is None:
        return None
    user_id, name, role, disabled, revoked_at, token_expires, ticket_expires = row
    if disabled or revoked_at is not None or min(token_expires, ticket_expires) <= now:
        return None
    return Principal(user_id, name, role, frozenset(groups_of(session, user_id)))
