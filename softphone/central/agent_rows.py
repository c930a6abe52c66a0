"""An agent's state row and status intervals as a status change reads and writes them — in as
few statements as the backend allows, without the ORM.

A change takes two statements on PostgreSQL, sent straight through psycopg on the session's
own connection (same transaction): `open_upload` locks the state row, inserts the batch's new
events and answers the row with the ids that were new; `save` closes the open interval, inserts
the new ones, updates the state row and sends the transaction's NOTIFY, as one CTE. The ORM
took seven round trips and ~2 ms of CPU for the same change. SQLite runs in this process (no
round trips), so it keeps SQLAlchemy Core statements, one per step, under its one-writer lock.
The heartbeat flush works on many agents at once: `touch_quiet_beats` (only the time moves) and
`lock_agents`/`save_agents` (agents coming online) are one statement each for all of them.

Lock order is the same everywhere: the agent's state row first, then its events and intervals,
so two uploads of one agent queue on the row and never deadlock.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, fields
from datetime import datetime, timezone
from typing import Any
from typing import cast as typed

from sqlalchemy import Table, bindparam, case, insert, select, update
from sqlalchemy.orm import Session

from softphone.central.models import NEVER, AgentState, StatusInterval


@dataclass
class AgentRow:
    """One agent's row of `agent_states`, as plain values (times aware UTC)."""

    user_id: int
    status: str
    reason: str | None
    since: datetime
    current_call: str | None
    call_started_at: datetime | None
    call_quality: dict[str, Any] | None
    cellphone_pickup: bool
    last_heartbeat: datetime | None
    online: bool
    readiness: dict[str, Any] | None


COLUMNS = tuple(f.name for f in fields(AgentRow))
_TIMES = frozenset({"since", "call_started_at", "last_heartbeat"})
_JSONS = frozenset({"call_quality", "readiness"})


@dataclass
class NewInterval:
    status: str
    reason: str | None
    start: datetime
    end: datetime | None = None


@dataclass
class IntervalChanges:
    """What a transaction does to one agent's intervals: the open one (whatever it is) closes
    at `close_open_at` — never before its own start — and `opened` follow, the last one open."""

    close_open_at: datetime | None = None
    opened: list[NewInterval] = field(default_factory=list)


def _naive(value: datetime | None) -> datetime | None:
    if value is None or value.tzinfo is None:
        return value
    return value.astimezone(timezone.utc).replace(tzinfo=None)


def _aware(value: datetime | None) -> datetime | None:
    return None if value is None else value.replace(tzinfo=timezone.utc)


def _json_text(value: dict[str, Any] | None) -> str | None:
    return None if value is None else json.dumps(value, separators=(",", ":"))


# --- PostgreSQL: psycopg on the session's connection --------------------------------------------

_PG_COLUMNS = ", ".join(COLUMNS)
_PG_OPEN = f"""
WITH state AS (
    SELECT {_PG_COLUMNS} FROM agent_states WHERE user_id = %(agent)s FOR UPDATE
), fresh AS (
    INSERT INTO events (agent_id, event_id, kind, device_time, corrected_time, received_at,
                        call_id, payload)
    SELECT state.user_id, e.*
    FROM state, unnest(%(ids)s::text[], %(kinds)s::text[], %(device)s::timestamp[],
                       %(corrected)s::timestamp[], %(received)s::timestamp[], %(calls)s::text[],
                       %(payloads)s::text[]::json[]) AS e
    ON CONFLICT DO NOTHING
    RETURNING event_id
)
SELECT state.*, ARRAY(SELECT event_id FROM fresh) FROM state
"""
_PG_SAVE = """
WITH closed AS (
    UPDATE status_intervals SET "end" = GREATEST(start, %(close_at)s::timestamp)
    WHERE agent_id = %(agent)s AND "end" IS NULL AND %(close_at)s::timestamp IS NOT NULL
), opened AS (
    INSERT INTO status_intervals (agent_id, status, reason, start, "end")
    SELECT %(agent)s, * FROM unnest(%(statuses)s::text[], %(reasons)s::text[],
                                    %(starts)s::timestamp[], %(ends)s::timestamp[])
), state AS (
    UPDATE agent_states SET status = %(status)s, reason = %(reason)s, since = %(since)s,
        current_call = %(current_call)s, call_started_at = %(call_started_at)s,
        call_quality = %(call_quality)s::json, cellphone_pickup = %(cellphone_pickup)s,
        last_heartbeat = %(last_heartbeat)s, online = %(online)s, readiness = %(readiness)s::json
    WHERE user_id = %(agent)s
)
SELECT pg_notify(%(channel)s, payload) FROM unnest(%(notify)s::text[]) AS payload
"""
_PG_SAVE_MANY = """
WITH closed AS (
    UPDATE status_intervals i SET "end" = GREATEST(i.start, c.at)
    FROM unnest(%(close_agents)s::int[], %(close_ats)s::timestamp[]) AS c(agent, at)
    WHERE i.agent_id = c.agent AND i."end" IS NULL
), opened AS (
    INSERT INTO status_intervals (agent_id, status, reason, start, "end")
    SELECT * FROM unnest(%(open_agents)s::int[], %(open_statuses)s::text[],
                         %(open_reasons)s::text[], %(open_starts)s::timestamp[],
                         %(open_ends)s::timestamp[])
)
UPDATE agent_states s SET status = v.status, reason = v.reason, since = v.since,
    current_call = v.current_call, call_started_at = v.call_started_at,
    call_quality = v.call_quality::json, cellphone_pickup = v.cellphone_pickup,
    last_heartbeat = v.last_heartbeat, online = v.online, readiness = v.readiness::json
FROM unnest(%(user_id)s::int[], %(status)s::text[], %(reason)s::text[], %(since)s::timestamp[],
            %(current_call)s::text[], %(call_started_at)s::timestamp[],
            %(call_quality)s::text[], %(cellphone_pickup)s::bool[],
            %(last_heartbeat)s::timestamp[], %(online)s::bool[], %(readiness)s::text[])
    AS v(user_id, status, reason, since, current_call, call_started_at, call_quality,
         cellphone_pickup, last_heartbeat, online, readiness)
WHERE s.user_id = v.user_id
"""
_PG_LOCK = f"SELECT {_PG_COLUMNS}, NULL FROM agent_states WHERE user_id = %(agent)s FOR UPDATE"
_PG_LOCK_MANY = (
    f"SELECT {_PG_COLUMNS}, NULL FROM agent_states WHERE user_id = ANY(%(agents)s::int[])"
    " ORDER BY user_id FOR UPDATE"
)
_PG_CREATE = (
    "INSERT INTO agent_states (user_id, status, since, cellphone_pickup, online)"
    " VALUES (%(agent)s, 'offline', '1970-01-01', false, false) ON CONFLICT DO NOTHING"
)


_PG_TOUCH = """
WITH beat AS (
    SELECT * FROM unnest(%(agents)s::int[], %(statuses)s::text[], %(reasons)s::text[],
                         %(ats)s::timestamp[], %(pickups)s::bool[])
        AS b(agent, status, reason, at, pickup)
), quiet AS (
    SELECT s.user_id, beat.at, beat.pickup FROM agent_states s JOIN beat ON s.user_id = beat.agent
    WHERE s.online AND s.status = beat.status AND s.reason IS NOT DISTINCT FROM beat.reason
    ORDER BY s.user_id FOR UPDATE OF s
)
UPDATE agent_states s SET last_heartbeat = quiet.at, cellphone_pickup = quiet.pickup
FROM quiet WHERE s.user_id = quiet.user_id
RETURNING s.user_id
"""


def _driver(session: Session) -> Any:
    """The psycopg connection under the session's transaction."""
    return session.connection().connection.driver_connection


def _row_of(values: Any) -> AgentRow:
    named = dict(zip(COLUMNS, values, strict=False))
    for name in _TIMES:
        named[name] = _aware(named[name])
    return AgentRow(**named)


def _pg_open(
    session: Session, agent_id: int, rows: list[dict[str, Any]]
) -> tuple[AgentRow, set[str]]:
    params = {
        "agent": agent_id,
        "ids": [r["event_id"] for r in rows],
        "kinds": [r["kind"] for r in rows],
        "device": [_naive(r["device_time"]) for r in rows],
        "corrected": [_naive(r["corrected_time"]) for r in rows],
        "received": [_naive(r["received_at"]) for r in rows],
        "calls": [r["call_id"] for r in rows],
        "payloads": [r["payload"] for r in rows],
    }
    statement = _PG_OPEN if rows else _PG_LOCK
    driver = _driver(session)
    found = driver.execute(statement, params).fetchone()
    if found is None:  # no state row yet (made with the account, so rarely): make it, again
        driver.execute(_PG_CREATE, params)
        found = driver.execute(statement, params).fetchone()
    *values, new_ids = found
    return _row_of(tuple(values)), set(new_ids or ())


def _pg_save(
    session: Session, row: AgentRow, changes: IntervalChanges, notify: tuple[str, list[str]]
) -> None:
    channel, payloads = notify
    params: dict[str, Any] = {name: getattr(row, name) for name in COLUMNS}
    for name in _TIMES:
        params[name] = _naive(params[name])
    for name in _JSONS:
        params[name] = _json_text(params[name])
    opened = changes.opened
    params.update(
        agent=row.user_id,
        close_at=_naive(changes.close_open_at),
        statuses=[i.status for i in opened],
        reasons=[i.reason for i in opened],
        starts=[_naive(i.start) for i in opened],
        ends=[_naive(i.end) for i in opened],
        channel=channel,
        notify=payloads,
    )
    _driver(session).execute(_PG_SAVE, params)


def _pg_lock_many(session: Session, agent_ids: list[int]) -> dict[int, AgentRow]:
    driver = _driver(session)
    rows = {
        r.user_id: r for r in map(_row_of, driver.execute(_PG_LOCK_MANY, {"agents": agent_ids}))
    }
    for missing in sorted(set(agent_ids) - rows.keys()):  # rarely: the account's row is gone
        rows[missing] = _pg_open(session, missing, [])[0]
    return rows


def _pg_save_many(session: Session, saves: list[tuple[AgentRow, IntervalChanges]]) -> None:
    params: dict[str, Any] = {name: [] for name in COLUMNS}
    for row, _ in saves:
        for name in COLUMNS:
            value = getattr(row, name)
            if name in _TIMES:
                value = _naive(value)
            elif name in _JSONS:
                value = _json_text(value)
            params[name].append(value)
    closing = [(row.user_id, c.close_open_at) for row, c in saves if c.close_open_at is not None]
    opened = [(row.user_id, i) for row, c in saves for i in c.opened]
    params.update(
        close_agents=[agent for agent, _ in closing],
        close_ats=[_naive(at) for _, at in closing],
        open_agents=[agent for agent, _ in opened],
        open_statuses=[i.status for _, i in opened],
        open_reasons=[i.reason for _, i in opened],
        open_starts=[_naive(i.start) for _, i in opened],
        open_ends=[_naive(i.end) for _, i in opened],
    )
    _driver(session).execute(_PG_SAVE_MANY, params)


def touch_quiet_beats(
    session: Session, beats: list[tuple[int, str, str | None, datetime, bool]]
) -> set[int]:
    """PostgreSQL: the heartbeats of agents online in the same status and reason — only the time
    and the cellphone flag move — written in one statement (rows locked in user order); answers
    whose they were. Each beat is (agent, status, reason, received at, cellphone pickup)."""
    params = {
        "agents": [b[0] for b in beats],
        "statuses": [b[1] for b in beats],
        "reasons": [b[2] for b in beats],
        "ats": [_naive(b[3]) for b in beats],
        "pickups": [b[4] for b in beats],
    }
    return {row[0] for row in _driver(session).execute(_PG_TOUCH, params)}


# --- SQLite: Core statements, in process ---------------------------------------------------------

_STATES = typed(Table, AgentState.__table__)
_INTERVALS = typed(Table, StatusInterval.__table__)
_SELECT_STATE = select(*(_STATES.c[name] for name in COLUMNS)).where(
    _STATES.c.user_id == bindparam("agent")
)
_UPDATE_STATE = (
    update(_STATES)
    .where(_STATES.c.user_id == bindparam("agent"))
    .values({name: bindparam(f"v_{name}") for name in COLUMNS if name != "user_id"})
)
_close_at = bindparam("close_at", type_=_INTERVALS.c.start.type)
_CLOSE_OPEN = (
    update(_INTERVALS)
    .where(_INTERVALS.c.agent_id == bindparam("agent"), _INTERVALS.c.end.is_(None))
    .values(end=case((_INTERVALS.c.start > _close_at, _INTERVALS.c.start), else_=_close_at))
)
_OPEN = insert(_INTERVALS)


def _core_lock(session: Session, agent_id: int) -> AgentRow:
    connection = session.connection()
    found = connection.execute(_SELECT_STATE, {"agent": agent_id}).first()
    if found is None:  # never seen (the row is made with the account, so rarely)
        fresh = {"status": "offline", "since": NEVER, "cellphone_pickup": False, "online": False}
        connection.execute(insert(_STATES).values(user_id=agent_id, **fresh))
        found = connection.execute(_SELECT_STATE, {"agent": agent_id}).one()
    return AgentRow(**found._asdict())


def _core_save(session: Session, row: AgentRow, changes: IntervalChanges) -> None:
    connection = session.connection()
    if changes.close_open_at is not None:
        connection.execute(_CLOSE_OPEN, {"agent": row.user_id, "close_at": changes.close_open_at})
    if changes.opened:
        connection.execute(
            _OPEN,
            [
                {"agent_id": row.user_id, "status": i.status, "reason": i.reason,
                 "start": i.start, "end": i.end}
                for i in changes.opened
            ],
        )  # fmt: skip
    values = {f"v_{name}": getattr(row, name) for name in COLUMNS if name != "user_id"}
    connection.execute(_UPDATE_STATE, {"agent": row.user_id, **values})


# --- the two steps, whichever the backend ---------------------------------------------------------


def is_postgres(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def lock_agent(session: Session, agent_id: int) -> AgentRow:
    """The agent's state row, locked for this transaction (made if missing)."""
    if is_postgres(session):
        return _pg_open(session, agent_id, [])[0]
    return _core_lock(session, agent_id)


def open_upload(
    session: Session, agent_id: int, rows: list[dict[str, Any]], insert_new: Any
) -> tuple[AgentRow, set[str]]:
    """Lock the agent's state row, then insert the batch's events once per id: the row and the
    ids that were new. `insert_new` is SQLite's INSERT … ON CONFLICT DO NOTHING RETURNING."""
    if is_postgres(session):
        return _pg_open(session, agent_id, rows)
    row = _core_lock(session, agent_id)
    return row, set(session.connection().execute(insert_new, rows).scalars())


def save_agent(
    session: Session,
    row: AgentRow,
    changes: IntervalChanges,
    notify: tuple[str, list[str]] = ("", []),
) -> None:
    """Write the row and its interval changes; on PostgreSQL also the (channel, payloads) NOTIFY
    in the same statement. SQLite has no NOTIFY: its live updates wait for the commit."""
    if is_postgres(session):
        _pg_save(session, row, changes, notify)
    else:
        _core_save(session, row, changes)


def lock_agents(session: Session, agent_ids: list[int]) -> dict[int, AgentRow]:
    """Several agents' state rows, locked in user order (one statement on PostgreSQL)."""
    if is_postgres(session):
        return _pg_lock_many(session, agent_ids)
    return {agent: _core_lock(session, agent) for agent in sorted(agent_ids)}


def save_agents(session: Session, saves: list[tuple[AgentRow, IntervalChanges]]) -> None:
    """Write several agents' rows and interval changes (one statement on PostgreSQL)."""
    if not saves:
        return
    if is_postgres(session):
        _pg_save_many(session, saves)
        return
    for row, changes in saves:
        _core_save(session, row, changes)
