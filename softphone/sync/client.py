"""The agent's HTTP client to the central service (`/api/v1`, `softphone.protocol` shapes).

It sorts every answer into what the sync worker must do with it: `CenterUnavailable` (down,
5xx, 429 — retry later, with back-off), `CenterRefused` (413 or 422: this request's content will
never be taken — the worker splits a batch and parks the one bad event), `CenterDenied` (any
other 4xx: about the caller or the route, not the content — a 403 after an admin changed the
agent's role, a proxy's 404 — retry later, never park), `LoginFailed` (the agent's central
credentials are wrong). The bearer token lives in the OS keyring beside the central password, so
a restart does not log in again.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

import httpx

from softphone.journal.outbox import WireEvent
from softphone.protocol import (
    API_PREFIX,
    AgentConfig,
    BlacklistDelta,
    EventAck,
    Heartbeat,
    HeartbeatAck,
    JournalEvent,
    LoginResponse,
)

log = logging.getLogger(__name__)

TIMEOUT_S = 10.0


class SyncError(RuntimeError):
    pass


class CenterUnavailable(SyncError):
    """Down, overloaded (5xx) or asking us to slow down (429): try again later."""

    def __init__(self, message: str, retry_after_s: float | None = None) -> None:
        super().__init__(message)
        self.retry_after_s = retry_after_s


class CenterRefused(SyncError):
    """413 or 422: resending this content will not fix it (too large, not valid)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(f"{status}: {message}")
        self.status = status


class CenterDenied(SyncError):
    """Any other 4xx: the center (or a proxy before it) turns the caller or the route away,
    whatever was sent. Resending the same events succeeds once an admin or the network fixes
    it, so they wait in the outbox; parking them would park the whole outbox one by one."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(f"the center answered {status}: {message}")
        self.status = status


class LoginFailed(SyncError):
    """The center does not take the agent's credentials (or none are stored)."""


class TokenStore:
    """Where the token lives between runs (the keyring in the app; memory in tests)."""

    def __init__(
        self,
        load: Callable[[], str | None] = lambda: None,
        save: Callable[[str], None] = lambda token: None,
    ) -> None:
        self._load, self._save = load, save
        self._token: str | None = None
        self._loaded = False
        self._lock = threading.Lock()

    def get(self) -> str | None:
        with self._lock:
            if not self._loaded:
                self._token, self._loaded = self._load(), True
            return self._token

    def put(self, token: str) -> None:
        with self._lock:
            self._token, self._loaded = token, True
        self._save(token)

    def drop(self, token: str) -> None:
        with self._lock:
            if self._token == token:
                self._token = None


@dataclass(frozen=True)
class Timed:
    """An answer and when it was asked and answered (device clock), for the clock skew."""

    sent: datetime
    received: datetime
    server_time: datetime | None


def _merged(pages: list[BlacklistDelta]) -> BlacklistDelta:
    """The pages as one delta: for each number the later page's word wins."""
    if len(pages) == 1:
        return pages[0]
    listed: dict[str, bool] = {}
    erased: dict[str, None] = {}
    for page in pages:
        listed.update(dict.fromkeys(page.removed, False))
        listed.update(dict.fromkeys(page.added, True))
        erased.update(dict.fromkeys(page.deletion_requests))
    return BlacklistDelta(
        since=pages[0].since,
        version=pages[-1].version,
        added=sorted(n for n, on in listed.items() if on),
        removed=sorted(n for n, on in listed.items() if not on),
        deletion_requests=list(erased),
    )


def _now() -> datetime:
    return datetime.now(timezone.utc)


class CentralClient:
    def __init__(
        self,
        url: str,
        user: str,
        password: Callable[[], str | None],
        tokens: TokenStore,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.user = user
        self._password = password
        self.tokens = tokens
        self.http = httpx.Client(
            base_url=url.rstrip("/") + API_PREFIX, timeout=TIMEOUT_S, transport=transport
        )
        self.last: Timed | None = None

    def close(self) -> None:
        self.http.close()

    # --- the calls --------------------------------------------------------------------------

    def login(self) -> LoginResponse:
        password = self._password()
        if not password:
            raise LoginFailed(f"no central password stored for {self.user}")
        body = {"user": self.user, "password": password}
        reply = self._send("POST", "/login", json=body, auth=False)
        if reply.status_code == 401:
            raise LoginFailed(f"the center refused the login of {self.user}: {_detail(reply)}")
        self._check(reply)
        answer = LoginResponse.model_validate_json(reply.content)
        self.tokens.put(answer.token)
        return answer

    def post_events(self, events: Sequence[JournalEvent | WireEvent]) -> EventAck:
        """One batch; events taken with `Outbox.take_wire` go as the JSON text they already are."""
        body = '{"events":[' + ",".join(map(_wire_json, events)) + "]}"
        reply = self._authed("POST", "/events", content=body.encode(), headers=_JSON)
        return EventAck.model_validate_json(reply.content)

    def heartbeat(self, beat: Heartbeat) -> HeartbeatAck:
        reply = self._authed("POST", "/heartbeat", json=beat.model_dump(mode="json"))
        return HeartbeatAck.model_validate_json(reply.content)

    def config(self, etag: str | None) -> tuple[AgentConfig | None, str | None]:
        """The agent's config, or (None, etag) when the one we hold is still current."""
        headers = {"If-None-Match": etag} if etag else {}
        reply = self._authed("GET", "/config", headers=headers)
        if reply.status_code == 304:
            return None, etag
        return AgentConfig.model_validate_json(reply.content), reply.headers.get("ETag")

    def blacklist_delta(self, since: int) -> BlacklistDelta:
        """Every change after `since`: a large delta comes in pages, followed and merged here."""
        pages: list[BlacklistDelta] = []
        while True:
            reply = self._authed("GET", "/blacklist/delta", params={"since": since})
            pages.append(BlacklistDelta.model_validate_json(reply.content))
            if not pages[-1].more or pages[-1].version <= since:
                return _merged(pages)
            since = pages[-1].version

    # --- plumbing ---------------------------------------------------------------------------

    def authed(
        self, method: str, path: str, answers: tuple[int, ...] = (), **kw: Any
    ) -> httpx.Response:
        """A request with the agent's token; a status in `answers` comes back as it is (the
        recordings lane reads 409's and 422's bodies), any other error raises as usual."""
        token = self.tokens.get() or self.login().token
        reply = self._send(method, path, token=token, **kw)
        if reply.status_code == 401:  # expired or revoked: log in once more
            self.tokens.drop(token)
            reply = self._send(method, path, token=self.login().token, **kw)
            if reply.status_code == 401:
                raise LoginFailed(f"the center refuses the token of {self.user}")
        if reply.status_code not in answers:
            self._check(reply)
        return reply

    def _authed(self, method: str, path: str, **kw: Any) -> httpx.Response:
        return self.authed(method, path, **kw)

    def _send(
        self, method: str, path: str, token: str | None = None, auth: bool = True, **kw: Any
    ) -> httpx.Response:
        headers = dict(kw.pop("headers", {}))
        if auth and token:
            headers["Authorization"] = f"Bearer {token}"
        sent = _now()
        try:
            reply = self.http.request(method, path, headers=headers, **kw)
        except httpx.HTTPError as exc:
            raise CenterUnavailable(f"the center cannot be reached: {exc}") from exc
        self.last = Timed(sent, _now(), _server_time(reply))
        return reply

    def _check(self, reply: httpx.Response) -> None:
        code = reply.status_code
        if code == 429 or code >= 500:
            raise CenterUnavailable(
                f"the center answered {code}: {_detail(reply)}", _retry_after(reply)
            )
        if code in _CONTENT_REFUSED:
            raise CenterRefused(code, _detail(reply))
        if code >= 400:
            raise CenterDenied(code, _detail(reply))


_JSON = {"Content-Type": "application/json"}
_CONTENT_REFUSED = frozenset({413, 422})
"""The only answers about what was sent (too large, not valid): an event is parked for these."""


def _wire_json(event: JournalEvent | WireEvent) -> str:
    return event.json if isinstance(event, WireEvent) else event.model_dump_json()


def _detail(reply: httpx.Response) -> str:
    try:
        body = reply.json()
    except ValueError:
        return reply.text[:300] or reply.reason_phrase
    detail = body.get("detail", body) if isinstance(body, dict) else body
    return str(detail)[:300]


def _retry_after(reply: httpx.Response) -> float | None:
    value = reply.headers.get("Retry-After", "")
    try:
        return max(0.0, float(value))
    except ValueError:
        return None


def _server_time(reply: httpx.Response) -> datetime | None:
    """The center's clock: from the JSON answer's `server_time`, else the Date header."""
    if reply.headers.get("content-type", "").startswith("application/json"):
        try:
            body = reply.json()
        except ValueError:
            body = None
        if isinstance(body, dict) and isinstance(body.get("server_time"), str):
            try:
                return datetime.fromisoformat(body["server_time"].replace("Z", "+00:00"))
            except ValueError:
                return None
    return None


def monotonic() -> float:
    return time.monotonic()
