"""Request plumbing shared by the routers: the process's `Central`, and the caller's identity
with the roles an endpoint admits (401 without a valid token, 403 for the wrong role)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import Depends, HTTPException, Request, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool

from softphone.central.auth import Principal, principal_for, token_digest
from softphone.central.context import Central

bearer = HTTPBearer(auto_error=False, description="the token from POST /login")


# The dependencies are `async def`: FastAPI runs plain `def` ones in the thread pool, a hop
# (and a thread switch) per dependency per request. A cached token needs no thread at all.


async def central(request: Request) -> Central:
    found: Central = request.app.state.central
    return found


CentralDep = Annotated[Central, Depends(central)]


def authenticate(center: Central, token: str | None) -> Principal | None:
    if not token:
        return None
    with center.database.reading() as session:
        return principal_for(session, token, center.tokens)


async def caller(
    center: CentralDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> Principal:
    token = credentials.credentials if credentials else None
    who = center.tokens.get(token_digest(token)) if token else None
    if who is None and token:
        who = await run_in_threadpool(authenticate, center, token)
    if who is None:
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            "a valid bearer token is required (POST /api/v1/login)",
            headers={"WWW-Authenticate": "Bearer"},
        )
    return who


def role(*allowed: str) -> Callable[[Principal], Awaitable[Principal]]:
    async def check(who: Annotated[Principal, Depends(caller)]) -> Principal:
        if who.role not in allowed:
            raise HTTPException(
                status.HTTP_403_FORBIDDEN, f"this needs the role {' or '.join(allowed)}"
            )
        return who

    return check


Agent = Annotated[Principal, Depends(role("agent"))]
Anyone = Annotated[Principal, Depends(caller)]
Reader = Annotated[Principal, Depends(role("supervisor", "admin", "agent"))]
Admin = Annotated[Principal, Depends(role("admin"))]

AUTH_RESPONSES: dict[int | str, dict[str, str]] = {
    401: {"description": "no valid token"},
    403: {"description": "the caller's role may not do this"},
}
