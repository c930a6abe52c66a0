"""Logins and tokens against a careless or hostile client, on the real center: a changed
password shuts out the tokens issued with the old one, guesses sent all at once still stop at
the limit, Argon2 runs a few at a time, X-Forwarded-For counts only from a trusted proxy, a
wallboard closes when its holder's groups change, expired tokens are purged, and the token
recheck (every second, every process) reads by index."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from argon2 import PasswordHasher
from sqlalchemy import event, select, update
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import connect

from softphone.central import users
from softphone.central.models import Token, User
from softphone.central.times import utcnow
from tests.central.processes import central_processes
from tests.central.server import PASSWORD, Center, heartbeat
from tests.integration.lab.tools import wait_for

ARGON2_COST_S = 0.15  # what one verification costs at production parameters, give or take


class CountingHasher(PasswordHasher):
    """The real Argon2 (light parameters), taking a production login's time, counting how many
    run at once."""

    def __init__(self) -> None:
        super().__init__(time_cost=1, memory_cost=1024, parallelism=1)
        self.running = 0
        self.most = 0
        self.lock = threading.Lock()

    def verify(self, hash: str | bytes, password: str | bytes) -> bool:
        with self.lock:
            self.running += 1
            self.most = max(self.most, self.running)
        try:
            time.sleep(ARGON2_COST_S)
            return super().verify(hash, password)
        finally:
            with self.lock:
                self.running -= 1


@pytest.fixture
def hasher(monkeypatch: pytest.MonkeyPatch) -> CountingHasher:
    counting = CountingHasher()
    monkeypatch.setattr(users, "_hasher", counting)
    return counting


def _logins(center: Center, bodies: list[dict[str, str]], headers: Any = None) -> list[int]:
    """The bodies posted to /login all at once; their status codes."""

    def post(body: dict[str, str]) -> int:
        return httpx.post(f"{center.api}/login", json=body, headers=headers, timeout=30).status_code

    with ThreadPoolExecutor(len(bodies)) as pool:
        return list(pool.map(post, bodies))


@pytest.mark.parametrize("backend", ["sqlite"])  # the limiter is the process's, whatever the DB
def test_forty_guesses_at_once_stop_at_the_limit(center: Center, hasher: CountingHasher) -> None:
    codes = _logins(center, [{"user": "ann", "password": f"guess {n}"} for n in range(40)])
    assert codes.count(401) <= 5, codes
    assert codes.count(429) == 40 - codes.count(401)
    late = center.anonymous().post("/login", json={"user": "ann", "password": PASSWORD})
    assert late.status_code == 429


@pytest.mark.parametrize("backend", ["sqlite"])
@pytest.mark.parametrize("center_options", [{"login_attempts": 100}])
def test_argon2_runs_a_few_at_a_time(center: Center, hasher: CountingHasher) -> None:
    codes = _logins(center, [{"user": "ann", "password": PASSWORD}] * 16)
    assert codes == [200] * 16
    assert 1 <= hasher.most <= 4, f"{hasher.most} Argon2 verifications at once"


def test_a_changed_password_shuts_out_the_old_tokens(center: Center) -> None:
    ann = center.client("ann")
    assert ann.post("/heartbeat", json=heartbeat()).status_code == 200  # cached now
    changed = center.client("ada").patch("/admin/users/ann", json={"password": "new secret 42"})
    assert changed.status_code == 200
    assert ann.get("/config").status_code == 401
    assert ann.post("/heartbeat", json=heartbeat()).status_code == 401
    fresh = center.anonymous().post("/login", json={"user": "ann", "password": "new secret 42"})
    assert fresh.status_code == 200


@pytest.mark.parametrize("backend", ["sqlite"])
def test_x_forwarded_for_from_an_untrusted_peer_is_ignored(center: Center) -> None:
    """By default no proxy is trusted: a guesser cannot pick a fresh address per guess."""
    codes = [
        center.anonymous()
        .post(
            "/login",
            json={"user": f"nobody{n}", "password": "guess"},
            headers={"X-Forwarded-For": f"203.0.113.{n}"},
        )
        .status_code
        for n in range(6)
    ]
    assert codes == [401] * 5 + [429]


def test_a_wallboard_closes_when_its_supervisors_groups_change(center: Center) -> None:
    center.app.state.central.options.live_recheck_s = 0.2
    with connect(f"{center.ws}?token={center.token('sue')}", open_timeout=5) as sue:
        time.sleep(0.1)
        moved = center.client("ada").patch("/admin/users/sue", json={"groups": ["support"]})
        assert moved.status_code == 200
        with pytest.raises(ConnectionClosed) as closed:
            while True:  # updates that were under way may still come first
                sue.recv(timeout=5)
    assert closed.value.rcvd is not None and closed.value.rcvd.code == 4409
    # The same token reconnects with the new scope.
    with connect(f"{center.ws}?token={center.token('sue')}", open_timeout=5) as again:
        center.client("bo").post("/heartbeat", json=heartbeat("break"))
        center.client("sue").get("/agents")  # flushes the beat now
        assert '"agent":"bo"' in str(again.recv(timeout=5))


@pytest.mark.parametrize("center_options", [{"purge_every_s": 0.3}])
def test_expired_tokens_are_purged(center: Center) -> None:
    center.token("ann")
    center.token("al")
    with center.database.writing() as session:
        session.execute(
            update(Token)
            .where(Token.user_id == select(User.id).where(User.name == "ann").scalar_subquery())
            .values(expires_at=utcnow() - timedelta(minutes=1))
        )  # fmt: skip

    def tokens_left() -> int:
        with center.database.reading() as session:
            return len(session.scalars(select(Token.token_hash)).all())

    wait_for(lambda: tokens_left() == 1, 10, "the expired token purged")
    assert center.client("al").get("/config").status_code == 200


def test_the_token_recheck_reads_by_index(center: Center) -> None:
    """The recheck runs every second in every process; with a table of a year's logins it must
    not read them all. Its own statement, as sent, is explained."""
    for name in ("ann", "al", "sue"):
        center.token(name)
    sent: list[tuple[str, Any]] = []

    def seen(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        if "tokens" in statement and statement.lstrip().upper().startswith("SELECT"):
            sent.append((statement, parameters))

    engine = center.database.engine
    event.listen(engine, "before_cursor_execute", seen)
    try:
        with center.database.reading() as session:
            center.app.state.central.tokens.recheck(session)
    finally:
        event.remove(engine, "before_cursor_execute", seen)
    assert len(sent) == 1
    statement, parameters = sent[0]
    with engine.connect() as connection:
        if center.backend == "postgresql":  # a small table: ask whether an index can serve
            connection.exec_driver_sql("SET enable_seqscan = off")
            plan = connection.exec_driver_sql(f"EXPLAIN {statement}", parameters).all()
            text = "\n".join(str(row[0]) for row in plan)
            assert "Seq Scan" not in text, text
        else:
            plan = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters)
            text = "\n".join(str(row[-1]) for row in plan)
            assert "SCAN tokens" not in text, text
    assert "ix_tokens_issued_at" in text and "ix_tokens_revoked_at" in text, text


def test_serve_takes_the_client_from_a_trusted_proxy(tmp_path: Path) -> None:
    """`central serve --trusted-proxy 127.0.0.1`: behind that proxy each client is counted by
    its own address (one guesser does not lock out the floor), and a guesser still stops."""
    db_url = f"sqlite:///{tmp_path / 'central.sqlite3'}"
    options = ("--trusted-proxy", "127.0.0.1")
    with central_processes(db_url, 1, tmp_path, options) as (process,):
        url = f"{process.url}/api/v1/login"  # type: ignore[attr-defined]

        def guess(n: int, address: str) -> int:
            body = {"user": f"nobody{n}", "password": "guess"}
            answer = httpx.post(url, json=body, headers={"X-Forwarded-For": address}, timeout=30)
            return answer.status_code

        assert [guess(n, f"203.0.113.{n}") for n in range(6)] == [401] * 6
        assert [guess(10 + n, "198.51.100.7") for n in range(6)] == [401] * 5 + [429]
    refused = subprocess.run(
        [sys.executable, "-m", "softphone", "central", "serve", "--trusted-proxy", "a proxy"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert refused.returncode == 2 and "--trusted-proxy" in refused.stderr
