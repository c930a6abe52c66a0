"""Health, login and logout."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Request, status
from fastapi.security import HTTPAuthorizationCredentials

from softphone.central.api.deps import AUTH_RESPONSES, Anyone, CentralDep, bearer
from softphone.central.auth import LoginRefused, check_password, issue_token, revoke_token
from softphone.central.schemas import Health
from softphone.central.times import utcnow
from softphone.protocol import LoginRequest, LoginResponse

router = APIRouter()


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
def login(body: LoginRequest, request: Request, center: CentralDep) -> LoginResponse:
    client = f"ip:{request.client.host if request.client else '?'}"
    user_key = f"user:{body.user}"
    wait = center.limiter.retry_after(user_key, client)
    if wait > 0:
        raise HTTPException(
            status.HTTP_429_TOO_MANY_REQUESTS,
            "too many failed logins; try again later",
            headers={"Retry-After": str(int(wait) + 1)},
        )
    try:
        # Argon2 takes its time on purpose: verify outside the (SQLite) write turn.
        with center.database.reading() as session:
            user = check_password(session, body.user, body.password)
        with center.database.writing() as session:
            token, expires = issue_token(session, user.id, center.options.token_lifetime)
        answer = LoginResponse(
            token=token,
            expires_at=expires,
            server_time=utcnow(),
            user=user.name,
            role=user.role,  # type: ignore[arg-type]
        )
    except LoginRefused as exc:
        center.limiter.failed(user_key, client)
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, str(exc)) from None
    center.limiter.succeeded(user_key)
    return answer


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
