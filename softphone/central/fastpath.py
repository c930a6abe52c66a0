"""The heartbeat's short road: most requests of a busy floor are heartbeats from agents whose
token this process already verified. For exactly that case — `POST /api/v1/heartbeat`, a cached
agent token, a JSON body that is a valid `Heartbeat` — the beat is noted and answered here, without
FastAPI's routing, dependency solving and response encoding (about two thirds of the CPU such a
request cost). It sits in front of the whole middleware stack, so it keeps the guard's rules
itself: a body over the limit or with NUL characters is left to the guard to refuse.

Anything else — no or unknown token, another role, a body that does not validate, a device time
that cannot be read — goes on, body and all, to the FastAPI route, which gives the same answers and
errors as before. The route stays the one documented in the OpenAPI schema.
"""

from __future__ import annotations

from pydantic import ValidationError
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from softphone.central.auth import token_digest
from softphone.central.context import Central
from softphone.central.times import as_utc, utcnow
from softphone.protocol import API_PREFIX, Heartbeat, HeartbeatAck

HEARTBEAT_PATH = f"{API_PREFIX}/heartbeat"
_JSON_HEADERS = [(b"content-type", b"application/json")]


class HeartbeatShortcut:
    def __init__(self, app: ASGIApp, center: Central) -> None:
        self.app = app
        self.center = center

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope["path"] != HEARTBEAT_PATH
            or scope["method"] != "POST"
        ):
            await self.app(scope, receive, send)
            return
        message = await receive()
        if not message.get("more_body", False) and await self._answered(scope, message, send):
            return
        await self.app(scope, _replay(message, receive), send)

    async def _answered(self, scope: Scope, message: Message, send: Send) -> bool:
        """True when the beat was taken and answered here; False leaves it to the route."""
        token, json_body = _token_and_type(scope)
        if token is None or not json_body or b"%00" in scope.get("query_string", b""):
            return False
        who = self.center.tokens.get(token_digest(token))
        if who is None or who.role != "agent":
            return False
        body: bytes = message.get("body", b"")
        if len(body) > self.center.options.max_body_bytes or b"\\u0000" in body or b"\x00" in body:
            return False  # the guard's to refuse
        try:
            beat = Heartbeat.model_validate_json(body)
            as_utc(beat.device_time)
        except (ValidationError, ValueError):
            return False
        self.center.beats.note(who, beat)
        offline_after_s = self.center.options.offline_after_s
        ack = HeartbeatAck(server_time=utcnow(), offline_after_s=offline_after_s)
        answer = ack.model_dump_json().encode()
        headers = [*_JSON_HEADERS, (b"content-length", str(len(answer)).encode())]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": answer})
        return True


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


def _replay(first: Message, receive: Receive) -> Receive:
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return first
        return await receive()

    return replay
