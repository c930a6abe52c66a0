"""The door every HTTP request passes: bodies beyond the limit are refused (413) before they are
read whole, and NUL characters — which PostgreSQL cannot store in text — are refused (422) with
a message, so such input is a client error on every backend rather than a server error. Binary
bodies (a recording's audio, on the `binary_paths`) keep their NUL bytes: they are no text."""

from __future__ import annotations

import json
import re
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send


class RequestGuard:
    def __init__(
        self, app: ASGIApp, max_body_bytes: int, binary_paths: tuple[str, ...] = ()
    ) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes
        self.binary = [re.compile(p) for p in binary_paths]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if "\x00" in scope["path"] or b"%00" in scope.get("query_string", b""):
            await _refuse(send, 422, validation_detail("NUL characters are not accepted", "query"))
            return
        declared = _content_length(scope)
        if declared is not None and declared > self.max_body_bytes:
            await _refuse(send, 413, f"the body exceeds {self.max_body_bytes} bytes")
            return
        body = bytearray()
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body += message.get("body", b"")
            if len(body) > self.max_body_bytes:
                await _refuse(send, 413, f"the body exceeds {self.max_body_bytes} bytes")
                return
            if not message.get("more_body", False):
                break
        binary = any(p.fullmatch(scope["path"]) for p in self.binary)
        if not binary and (b"\\u0000" in body or b"\x00" in body):
            await _refuse(send, 422, validation_detail("NUL characters are not accepted", "body"))
            return
        whole: Message = {"type": "http.request", "body": bytes(body), "more_body": False}
        await self.app(scope, replay_first(whole, receive), send)


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


def replay_first(first: Message, receive: Receive) -> Receive:
    """A `receive` that hands out `first` (a message already read) and then reads on."""
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return first
        return await receive()

    return replay


def validation_detail(message: str, where: str) -> list[dict[str, Any]]:
    """A 422 detail shaped like FastAPI's own, so clients parse one format."""
    return [{"loc": [where], "msg": message, "type": "value_error"}]


async def _refuse(send: Send, status: int, detail: str | list[dict[str, Any]]) -> None:
    payload: dict[str, Any] = {"detail": detail}
    body = json.dumps(payload).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
