"""`WS /live`: the stream of status changes and call starts/ends the caller may see.

Browsers cannot set headers on a WebSocket, so the token may come as `?token=`; an
`Authorization: Bearer` header works too. A bad token closes the socket with code 4401, a
change of the holder's role or groups with 4409 (reconnect for the new scope).
"""

from __future__ import annotations

import asyncio
import contextlib

from fastapi import APIRouter, WebSocket, WebSocketDisconnect
from starlette.concurrency import run_in_threadpool

from softphone.central.api.deps import authenticate
from softphone.central.auth import Principal
from softphone.central.context import Central

router = APIRouter()
UNAUTHORIZED = 4401
GRANTS_CHANGED = 4409
"""The wallboard reconnects on any code but 4401, and so gets the new scope."""
Closing = tuple[int, str]


@router.websocket("/live")
async def live(websocket: WebSocket, token: str | None = None) -> None:
    center: Central = websocket.app.state.central
    header = websocket.headers.get("authorization", "")
    if token is None and header.lower().startswith("bearer "):
        token = header[7:].strip()
    who = await run_in_threadpool(authenticate, center, token)
    await websocket.accept()  # accepted first so the browser learns why it is closed
    if who is None:
        await websocket.close(code=UNAUTHORIZED, reason="a valid token is required")
        return
    subscriber = center.hub.subscribe(who)
    reader = asyncio.create_task(_until_closed(websocket))
    guard = asyncio.create_task(_until_grants_change(center, token, who))
    try:
        while not reader.done():
            getter = asyncio.ensure_future(subscriber.queue.get())
            done, _ = await asyncio.wait(
                {getter, reader, guard}, return_when=asyncio.FIRST_COMPLETED
            )
            if getter not in done:
                getter.cancel()
                if guard in done:
                    code, reason = guard.result()
                    await websocket.close(code=code, reason=reason)
                break
            await websocket.send_text(getter.result())
            while not subscriber.queue.empty():  # a burst goes out without a wait per update
                await websocket.send_text(subscriber.queue.get_nowait())
            if subscriber.overflowed and subscriber.queue.empty():
                await websocket.close(code=1013, reason="too slow; reconnect")
                break
    except (WebSocketDisconnect, RuntimeError):
        pass
    finally:
        center.hub.unsubscribe(subscriber)
        for task in (reader, guard):
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task


async def _until_grants_change(center: Central, token: str | None, who: Principal) -> Closing:
    """Returns why to close once the socket's token expired or was revoked, or its holder's
    role or groups changed (checked every `live_recheck_s`): a supervisor moved off a group
    stops seeing its agents, and a reconnect brings the new scope."""
    while True:
        await asyncio.sleep(center.options.live_recheck_s)
        now = await run_in_threadpool(authenticate, center, token)
        if now is None:
            return UNAUTHORIZED, "the token ended"
        if (now.role, now.groups) != (who.role, who.groups):
            return GRANTS_CHANGED, "your role or groups changed; reconnect"


async def _until_closed(websocket: WebSocket) -> None:
    """Reads (and ignores) what the client sends until it goes away."""
    with contextlib.suppress(WebSocketDisconnect, RuntimeError):
        while True:
            await websocket.receive_text()
