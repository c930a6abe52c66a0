"""The agents' short road: most requests of a busy floor are heartbeats and small event uploads
from agents whose token this process already verified. For exactly that case — `POST
/api/v1/heartbeat` or `POST /api/v1/events`, a cached agent token, a JSON body that validates —
the request is handled here, without FastAPI's routing, dependency solving, response validation
and encoding, and (for events) with one hop to a worker thread instead of two. That was about two
thirds of a heartbeat's CPU and a third of an upload's. It sits in front of the whole middleware
stack, so it keeps the guard's rules itself: a body over the limit or with NUL characters is left
to the guard to refuse.

Anything else — no or unknown token, another role, a body that does not validate, a device time
that cannot be read — goes on, body and all, to the FastAPI routes, which give the same answers
and errors. The routes stay the ones documented in the OpenAPI schema; both roads store through
the same functions (`HeartbeatBook.note`, `ingest.ingest_batch`).
"""

from __future__ import annotations

import json
import logging

from pydantic import ValidationError
from sqlalchemy.exc import OperationalError
from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from softphone.central.auth import Principal, token_digest
from softphone.central.context import Central
from softphone.central.guard import replay_first
from softphone.central.ingest import ingest_batch
from softphone.central.times import as_utc, utcnow
from softphone.protocol import API_PREFIX, EventBatch, Heartbeat, HeartbeatAck

log = logging.getLogger(__name__)
HEARTBEAT_PATH = f"{API_PREFIX}/heartbeat"
EVENTS_PATH = f"{API_PREFIX}/events"
_SHORT_PATHS = frozenset({HEARTBEAT_PATH, EVENTS_PATH})
_JSON_HEADERS = [(b"content-type", b"application/json")]
_DATABASE_DOWN = json.dumps({"detail": "the database is unavailable; retry"}).encode()


class AgentShortcut:
    def __init__(self, app: ASGIApp, center: Central) -> None:
        self.app = app
        self.center = center

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope["path"] not in _SHORT_PATHS
            or scope["method"] != "POST"
        ):
            await self.app(scope, receive, send)
            return
        message = await receive()
        if not message.get("more_body", False) and await self._answered(scope, message, send):
            return
        await self.app(scope, replay_first(message, receive), send)

    async def _answered(self, scope: Scope, message: Message, send: Send) -> bool:
        """True when the request was taken and answered here; False leaves it to the route."""
        body: bytes = message.get("body", b"")
        who = self._cached_agent(scope, body)
        if who is None:
            return False
        if scope["path"] == HEARTBEAT_PATH:
            answer = self._beat(who, body)
            status = 200
        else:
            status, answer = await self._upload(who, body)
        if answer is None:
            return False
        headers = [*_JSON_HEADERS, (b"content-length", str(len(answer)).encode())]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": answer})
        return True

    def _cached_agent(self, scope: Scope, body: bytes) -> Principal | None:
        """The agent behind a cached token, when the guard would let the body through."""
        token, json_body = _token_and_type(scope)
        if token is None or not json_body or b"%00" in scope.get("query_string", b""):
            return None
        who = self.center.tokens.get(token_digest(token))
        if who is None or who.role != "agent":
            return None
        if len(body) > self.center.options.max_body_bytes or b"\\u0000" in body or b"\x00" in body:
            return None  # the guard's to refuse
        return who

    def _beat(self, who: Principal, body: bytes) -> bytes | None:
        try:
            beat = Heartbeat.model_validate_json(body)
            as_utc(beat.device_time)
        except (ValidationError, ValueError):
            return None
        self.center.beats.note(who, beat)
        offline_after_s = self.center.options.offline_after_s
        ack = HeartbeatAck(
            server_time=utcnow(),
            offline_after_s=offline_after_s,
            blacklist_version=self.center.blacklist_version,
        )
        return ack.model_dump_json().encode()

    async def _upload(self, who: Principal, body: bytes) -> tuple[int, bytes | None]:
        try:
            batch = EventBatch.model_validate_json(body)
        except ValidationError:
            return 200, None  # the route answers with its 422
        try:
            ack = await run_in_threadpool(ingest_batch, self.center, who, list(batch.events))
        except OperationalError as exc:  # as the app's handler answers it on the route
            log.error("database unavailable: %s", exc)
            return 503, _DATABASE_DOWN
        return 200, ack.model_dump_json().encode()


def _token_and_type(scope: Scope) -> tuple[str | None, bool]:
    token: str | None = None
    json_body = False
    for name, value in scope["headers"]:
        if name == b"authorization":
            scheme, _, credentials = value.decode("latin-1").partition(" ")
            if scheme.lower() == "bearer" and credentials.strip():
                token = credentials.strip()
        elif name == b"content-type":
            json_body = value.split(b";")[0].strip().lower() == b"application/json"
    return token, json_body
