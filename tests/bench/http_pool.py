"""A cheap HTTP/1.1 client for the load benchmark: a few keep-alive connections per server, raw
asyncio streams, no per-request objects beyond the bytes — so the generator's own CPU stays small
beside the server it measures (httpx costs about a millisecond of CPU per request, which on a
two-core box is as much as the server under test).

Only what the benchmark sends: JSON bodies, answers with Content-Length (uvicorn always sets it
for JSON answers). A broken connection is dropped and the request fails; the next one reconnects.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from urllib.parse import urlsplit


class HttpError(Exception):
    """The request did not get an answer (connection refused or dropped, malformed answer)."""


class Connection:
    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader = reader
        self.writer = writer

    async def exchange(self, request: bytes) -> tuple[int, bytes]:
        self.writer.write(request)
        head = await self.reader.readuntil(b"\r\n\r\n")
        status = int(head[9:12])
        length = -1
        for line in head.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            if name.lower() == b"content-length":
                length = int(value)
                break
        if length < 0:
            raise HttpError("an answer without Content-Length")
        body = await self.reader.readexactly(length) if length else b""
        if head.lower().find(b"connection: close") >= 0:
            raise _Closing(status, body)
        return status, body

    def close(self) -> None:
        self.writer.close()


class _Closing(Exception):
    """The server answered and closes the connection: the answer stands, the connection goes."""

    def __init__(self, status: int, body: bytes) -> None:
        self.status, self.body = status, body


class HttpPool:
    """Up to `size` keep-alive connections to one server, each carrying one request at a time."""

    def __init__(self, base_url: str, size: int = 32) -> None:
        parts = urlsplit(base_url)
        self.host = parts.hostname or "127.0.0.1"
        self.port = parts.port or 80
        self._host_header = f"Host: {self.host}:{self.port}\r\n".encode()
        self._idle: list[Connection] = []
        self._slots = asyncio.Semaphore(size)

    async def post(self, path: str, body: object, token: str | None = None) -> tuple[int, bytes]:
        payload = json.dumps(body, separators=(",", ":")).encode()
        head = [b"POST ", path.encode(), b" HTTP/1.1\r\n", self._host_header]
        if token is not None:
            head.append(b"Authorization: Bearer " + token.encode() + b"\r\n")
        head.append(b"Content-Type: application/json\r\nContent-Length: ")
        head.append(str(len(payload)).encode() + b"\r\n\r\n")
        return await self.send(b"".join(head) + payload)

    async def send(self, request: bytes) -> tuple[int, bytes]:
        async with self._slots:
            while self._idle:  # a kept connection the server closed meanwhile: try the next
                with contextlib.suppress(HttpError):
                    return await self._exchange(self._idle.pop(), request)
            return await self._exchange(await self._connect(), request)

    async def _exchange(self, connection: Connection, request: bytes) -> tuple[int, bytes]:
        try:
            answer = await connection.exchange(request)
        except _Closing as closing:
            connection.close()
            return closing.status, closing.body
        except (OSError, asyncio.IncompleteReadError, ValueError) as exc:
            connection.close()
            raise HttpError(f"the connection broke: {exc!r}") from None
        self._idle.append(connection)
        return answer

    async def _connect(self) -> Connection:
        try:
            reader, writer = await asyncio.open_connection(self.host, self.port)
        except OSError as exc:
            raise HttpError(str(exc)) from None
        return Connection(reader, writer)

    def close(self) -> None:
        for connection in self._idle:
            connection.close()
        self._idle.clear()
