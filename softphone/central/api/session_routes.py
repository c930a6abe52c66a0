"""Health, login and logout."""

from __future__ import annotations

import asyncio
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Request, status
from fastapi.security import HTTPAuthorizationCredentials
from starlette.concurrency import run_in_threadpool

from softphone.central.api.deps import AUTH_RESPONSES, Anyone, CentralDep, bearer
from softphone.central.auth import (
    LoginLimiter,
    LoginRefused,
    check_password,
    issue_token,
    revoke_token,
)
from softphone.central.context import Central
from softphone.central.models import User
from softphone.central.schemas import Health
from softphone.central.times import utcnow
from softphone.protocol import LoginRequest, LoginResponse

router = APIRouter()
_TURN_S = 30.0
"""How long a login waits for its turn behind the attempts in flight from its address or for
its user name (a shift's start behind one NAT) before it is told to retry."""


@router.get("/health", response_model=Health, tags=["session"])
def health() -> Health:
    """Readiness probe; needs no token."""
    return Health(status="ok", server_time=utcnow())


@router.post(
    "/login",
    response_model=LoginResponse,
    tags=["session"],
    responses={
        401: {"description": "wrong user or password"},
        429: {"description": "too many failed logins; see Retry-After"},
    },
)
async def login(body: LoginRequest, request: Request, center: CentralDep) -> LoginResponse:
    client = f"ip:{request.client.host if request.client else '?'}"
    user_key = f"user:{body.user}"
    await _admitted(center, user_key, client)
    failed = False
    try:
        user = await run_in_threadpool(_verify, center, body)
    except LoginRefused as exc:
        failed = True
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, str(exc)) from None
    finally:  # whatever happened, the attempt no longer holds a try
        center.limiter.finished(user_key, client, failed=failed)
    token, expires = await run_in_threadpool(_issue, center, user.id)
    center.limiter.succeeded(user_key)
    return LoginResponse(
        token=token,
        expires_at=expires,
        server_time=utcnow(),
        user=user.name,
        role=user.role,  # type: ignore[arg-type]
    )


async def _admitted(center: Central, *keys: str) -> None:
    """Waits while the attempts in flight for these keys hold their remaining tries (a burst
    of logins from one address is taken a few at a time, not refused); 429 once the failures
    reached the limit, or when the turn does not come within `_TURN_S`."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + _TURN_S
    while (wait := center.limiter.admit(*keys)) == LoginLimiter.BUSY and loop.time() < deadline:
        await asyncio.sleep(0.05)
    if wait != 0:
        raise HTTPException(
            status.HTTP_429_TOO_MANY_REQUESTS,
            "too many failed logins; try again later",
            headers={"Retry-After": str(int(max(wait, 0)) + 1)},
        )


def _verify(center: Central, body: LoginRequest) -> User:
    # Argon2 takes its time on purpose: verify outside the (SQLite) write turn.
    with center.database.reading() as session:
        return check_password(session, body.user, body.password)


def _issue(center: Central, user_id: int) -> tuple[str, datetime]:
    with center.database.writing() as session:
        return issue_token(session, user_id, center.options.token_lifetime)


@router.post("/logout", status_code=204, tags=["session"], responses=AUTH_RESPONSES)
def logout(
    who: Anyone,
    center: CentralDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> None:
    """Revokes the token of this request at once."""
    if credentials is not None:
        with center.database.writing() as session:
            revoke_token(session, credentials.credentials)
        center.tokens.forget(token=credentials.credentials)
