"""Who is asking: bearer tokens (random, stored only as a SHA-256, expiring, revocable), the
failed-login limiter, and the role of the caller with the groups it belongs to or supervises."""

from __future__ import annotations

import hashlib
import secrets
import threading
import time
from collections import deque
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Select, delete, or_, select, update
from sqlalchemy.orm import Session

from softphone.central.models import Token, User
from softphone.central.times import utcnow
from softphone.central.users import groups_of, password_matches


@dataclass(frozen=True)
class Principal:
    """The caller of a request: an agent sees itself, a supervisor its groups, an admin all."""

    user_id: int
    name: str
    role: str
    groups: frozenset[str]

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


class LoginRefused(Exception):
    pass


def token_digest(token: str) -> str:
    """How a token is stored and cached: its SHA-256, never the token itself."""
    return hashlib.sha256(token.encode()).hexdigest()


def check_password(session: Session, name: str, password: str) -> User:
    user = session.scalar(select(User).where(User.name == name))
    ok = password_matches(user.password_hash if user else None, password)
    if user is None or not ok or user.disabled:
        raise LoginRefused("wrong user or password")
    return user


def issue_token(session: Session, user_id: int, lifetime: timedelta) -> tuple[str, datetime]:
    token = secrets.token_urlsafe(32)
    now = utcnow()
    expires = now + lifetime
    session.add(
        Token(token_hash=token_digest(token), user_id=user_id, issued_at=now, expires_at=expires)
    )
    return token, expires


def principal_for(
    session: Session, token: str, cache: TokenCache | None = None
) -> Principal | None:
    """The token's holder, or None when it is unknown, expired, revoked or its user disabled."""
    if not token or len(token) > 256:
        return None
    digest = token_digest(token)
    if cache is not None and (cached := cache.get(digest)) is not None:
        return cached
    row = session.execute(
        select(
            User.id,
            User.name,
            User.role,
            User.disabled,
            Token.expires_at,
            Token.revoked_at,
            Token.issued_at,
        )
        .join(Token, Token.user_id == User.id)
        .where(Token.token_hash == digest)
    ).first()
    if row is None:
        return None
    user_id, name, role, disabled, expires_at, revoked_at, issued_at = row
    if revoked_at is not None or expires_at <= utcnow() or disabled:
        return None
    who = Principal(user_id, name, role, frozenset(groups_of(session, user_id)))
    if cache is not None:
        cache.put(digest, who, expires_at, issued_at)
    return who


def revoke_token(session: Session, token: str) -> None:
    session.execute(
        update(Token)
        .where(Token.token_hash == token_digest(token), Token.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )


def regrant_tokens(session: Session, user_id: int) -> None:
    """The user's role or groups changed: its live tokens count as issued now, so every
    process's cache, which remembers when each token it holds was issued, drops them at its
    next recheck and reads the new grants."""
    session.execute(
        update(Token)
        .where(Token.user_id == user_id, Token.revoked_at.is_(None))
        .values(issued_at=utcnow())
    )


def changed_tokens(since: datetime) -> Select[str, datetime, datetime | None]:
    """Tokens revoked or (re-)issued since then (see `regrant_tokens`); indexed both ways."""
    return select(Token.token_hash, Token.issued_at, Token.revoked_at).where(
        or_(Token.revoked_at >= since, Token.issued_at >= since)
    )


def purge_expired_tokens(session: Session, now: datetime) -> int:
    """Deletes tokens past their expiry (revoked or not: either way they open nothing); the
    table otherwise grows by a row per login for ever. Returns how many."""
    gone = session.execute(delete(Token).where(Token.expires_at < now))
    return int(getattr(gone, "rowcount", 0) or 0)


class TokenCache:
    """Tokens this process has verified, keyed by their SHA-256, so a busy floor's heartbeats
    and uploads do not look their token up (and the holder's groups) on every request.

    Revocation still bites within `recheck_s`: `recheck` (run that often by the app) drops every
    token the database shows revoked or re-granted since the previous look — logouts, disabled
    accounts, new roles or groups — whichever process or CLI did it. If that look fails or
    stops, entries go unused after `3 × recheck_s` (5 s at least).
    """

    def __init__(self, ttl_s: float = 600.0, recheck_s: float = 1.0, limit: int = 200_000) -> None:
        self.ttl_s = ttl_s
        self.recheck_s = recheck_s
        self.limit = limit
        # digest → (holder, expires, monotonic time cached, issued_at as read when cached)
        self._entries: dict[str, tuple[Principal, datetime, float, datetime]] = {}
        self._lock = threading.Lock()
        self._checked_at = -1e9  # monotonic time of the last successful recheck
        self._seen_until: datetime | None = None  # revocations up to here are applied

    def get(self, digest: str) -> Principal | None:
        entry = self._entries.get(digest)
        if entry is None:
            return None
        who, expires_at, cached_at, _ = entry
        now = time.monotonic()
        recheck_due = max(3 * self.recheck_s, 5.0)
        fresh = now - cached_at <= self.ttl_s and now - self._checked_at <= recheck_due
        if not fresh or expires_at <= utcnow():
            with self._lock:
                self._entries.pop(digest, None)
            return None
        return who

    def put(self, digest: str, who: Principal, expires_at: datetime, issued_at: datetime) -> None:
        if self.ttl_s <= 0:
            return
        with self._lock:
            if len(self._entries) >= self.limit:
                self._entries.clear()
            self._entries[digest] = (who, expires_at, time.monotonic(), issued_at)

    def forget(self, token: str | None = None, user: str | None = None) -> None:
        with self._lock:
            if token is not None:
                self._entries.pop(token_digest(token), None)
            if user is not None:
                for key in [k for k, v in self._entries.items() if v[0].name == user]:
                    del self._entries[key]

    def recheck(self, session: Session) -> int:
        """Drops the tokens revoked since the last look; returns how many it dropped."""
        began, now = time.monotonic(), utcnow()
        # Revocation times come from other processes' clocks: look back a margin beyond them.
        since = (self._seen_until or now) - timedelta(seconds=10 + self.recheck_s)
        changed = session.execute(changed_tokens(since)).all()
        dropped = 0
        with self._lock:
            for digest, issued_at, revoked_at in changed:
                entry = self._entries.get(digest)
                # A token issued lately and cached since is as it was: a shift's fresh logins
                # stay cached; a re-granted one was issued again after it was cached.
                if entry is not None and (revoked_at is not None or entry[3] != issued_at):
                    del self._entries[digest]
                    dropped += 1
        self._seen_until, self._checked_at = now, began
        return dropped


class LoginLimiter:
    """At most `attempts` failed logins per user name and per client address in `window_s`;
    beyond that the caller waits (429 with Retry-After) — password guessing gets slow.

    An attempt counts from the moment it is let in, not only once its password is found wrong:
    checked only against finished failures, forty guesses sent at once all passed the check
    before the first one failed. So at most `attempts` minus the failures so far are in flight
    per key; a login beyond that waits (`admit` answers BUSY) until one finishes."""

    BUSY = -1.0

    def __init__(self, attempts: int = 5, window_s: float = 60.0) -> None:
        self.attempts = attempts
        self.window_s = window_s
        self._failures: dict[str, deque[float]] = {}
        self._in_flight: dict[str, int] = {}
        self._lock = threading.Lock()

    def admit(self, *keys: str) -> float:
        """Lets an attempt in (0, it is then in flight until `finished`), or says how long to
        wait (seconds; 429), or BUSY when attempts in flight hold the remaining tries."""
        now = time.monotonic()
        with self._lock:
            wait = self._wait(keys, now)
            if wait > 0:
                return wait
            if any(
                len(self._recent(k, now)) + self._in_flight.get(k, 0) >= self.attempts for k in keys
            ):
                return self.BUSY
            for key in keys:
                self._in_flight[key] = self._in_flight.get(key, 0) + 1
            return 0.0

    def finished(self, *keys: str, failed: bool) -> None:
        """An admitted attempt is over; a failure then counts in the window."""
        now = time.monotonic()
        with self._lock:
            for key in keys:
                left = self._in_flight.get(key, 0) - 1
                if left > 0:
                    self._in_flight[key] = left
                else:
                    self._in_flight.pop(key, None)
                if failed:
                    self._recent(key, now).append(now)
            self._forget_quiet()

    def succeeded(self, key: str) -> None:
        with self._lock:
            self._failures.pop(key, None)

    def _wait(self, keys: tuple[str, ...], now: float) -> float:
        wait = 0.0
        for key in keys:
            failures = self._recent(key, now)
            if len(failures) >= self.attempts:
                wait = max(wait, failures[0] + self.window_s - now)
        return wait

    def _forget_quiet(self) -> None:
        if len(self._failures) > 100_000:  # a flood of names: forget the quiet ones
            self._failures = {k: v for k, v in self._failures.items() if v}

    def _recent(self, key: str, now: float) -> deque[float]:
        failures = self._failures.setdefault(key, deque())
        while failures and failures[0] <= now - self.window_s:
            failures.popleft()
        return failures
