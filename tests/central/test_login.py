"""Logging in: tokens work until they expire or are revoked; wrong passwords are refused and,
repeated, slowed down; a disabled account is out at once."""

from __future__ import annotations

import time
from datetime import timedelta

from sqlalchemy import select, update

from softphone.central.auth import regrant_tokens, revoke_token, token_digest
from softphone.central.models import Token, User
from softphone.central.times import utcnow
from softphone.central.users import set_disabled, set_groups
from tests.central.server import PASSWORD, Center, heartbeat


def test_login_gives_a_token_with_role_and_expiry(center: Center) -> None:
    answer = center.anonymous().post("/login", json={"user": "sue", "password": PASSWORD})
    assert answer.status_code == 200
    body = answer.json()
    assert body["role"] == "supervisor" and body["user"] == "sue"
    assert body["expires_at"] > body["server_time"]


def test_requests_without_a_valid_token_get_401(center: Center) -> None:
    anonymous = center.anonymous()
    assert anonymous.get("/agents").status_code == 401
    forged = anonymous.get("/agents", headers={"Authorization": "Bearer not-a-token"})
    assert forged.status_code == 401
    assert forged.headers["www-authenticate"] == "Bearer"


def test_wrong_passwords_are_refused_then_rate_limited(center: Center) -> None:
    anonymous = center.anonymous()
    codes = [
        anonymous.post("/login", json={"user": "ann", "password": "guess"}).status_code
        for _ in range(6)
    ]
    assert codes[:5] == [401] * 5
    assert codes[5] == 429
    limited = anonymous.post("/login", json={"user": "ann", "password": PASSWORD})
    assert limited.status_code == 429 and int(limited.headers["retry-after"]) >= 1


def test_logout_revokes_the_token(center: Center) -> None:
    ann = center.client("ann")
    assert ann.post("/heartbeat", json=heartbeat()).status_code == 200
    assert ann.post("/logout").status_code == 204
    assert ann.post("/heartbeat", json=heartbeat()).status_code == 401


def test_an_expired_token_is_refused(center: Center) -> None:
    ann = center.client("ann")
    with center.database.writing() as session:
        session.execute(update(Token).values(expires_at=utcnow() - timedelta(seconds=1)))
    assert ann.get("/config").status_code == 401


def test_disabling_an_account_shuts_it_out_at_once(center: Center) -> None:
    ann = center.client("ann")
    with center.database.writing() as session:
        set_disabled(session, "ann")
    assert ann.get("/config").status_code == 401
    answer = center.anonymous().post("/login", json={"user": "ann", "password": PASSWORD})
    assert answer.status_code == 401


def test_a_token_revoked_by_another_process_stops_working_within_its_recheck(
    center: Center,
) -> None:
    """The process caches a verified token; a logout or disabling done elsewhere (another
    central process, the CLI) still shuts the token out within the recheck interval."""
    ann = center.client("ann")
    assert ann.get("/config").status_code == 200  # verified, now cached by the process
    with center.database.writing() as session:  # what another process's logout does
        revoke_token(session, center.token("ann"))
    revoked_at = time.monotonic()
    while ann.get("/config").status_code == 200:
        assert time.monotonic() - revoked_at < 3.0, "the revoked token still works"
        time.sleep(0.05)
    assert ann.post("/heartbeat", json=heartbeat()).status_code == 401


def test_a_token_just_issued_stays_verified_through_the_recheck(center: Center) -> None:
    """At a shift's start hundreds of agents log in a minute: their fresh tokens are looked up
    once, not again at every recheck while they are recent (only a re-grant drops them)."""
    ann = center.client("ann")
    assert ann.get("/config").status_code == 200  # verified and cached
    tokens = center.app.state.central.tokens
    digest = token_digest(center.token("ann"))
    with center.database.reading() as session:
        assert tokens.recheck(session) == 0
    assert tokens.get(digest) is not None
    with center.database.writing() as session:
        regrant_tokens(session, session.scalar(select(User.id).where(User.name == "ann")))
    with center.database.reading() as session:
        tokens.recheck(session)  # (the app's own recheck may have been first)
    assert tokens.get(digest) is None


def test_new_groups_given_by_another_process_apply_within_the_recheck(center: Center) -> None:
    sue = center.client("sue")
    assert sue.get("/agents", params={"group": "support"}).status_code == 403  # cached: sales
    with center.database.writing() as session:  # what another process's PATCH /users does
        user = session.scalar(select(User).where(User.name == "sue"))
        assert user is not None
        set_groups(session, user, ["sales", "support"])
        regrant_tokens(session, user.id)
    changed_at = time.monotonic()
    while sue.get("/agents", params={"group": "support"}).status_code == 403:
        assert time.monotonic() - changed_at < 3.0, "the old groups still apply"
        time.sleep(0.05)
