"""The journal's schema as an ordered list of migrations; `PRAGMA user_version` counts the ones
applied. Never edit a released migration: append a new one.

Times are UTC ISO 8601 text with microseconds (`store.utc_iso`), so text order is time order.
"""

from __future__ import annotations

_V1 = (
    """CREATE TABLE call_records (
        id TEXT PRIMARY KEY,               -- the event id the center de-duplicates by
        call_id TEXT NOT NULL UNIQUE,
        direction TEXT NOT NULL,
        terminal TEXT NOT NULL,
        calling_number TEXT NOT NULL,
        called_number TEXT NOT NULL,
        start_time TEXT NOT NULL,
        answer_time TEXT,
        end_time TEXT,
        connected INTEGER NOT NULL,
        duration_s REAL NOT NULL DEFAULT 0,
        hung_up_by TEXT,
        end_reason TEXT,
        remarks TEXT,
        disposition TEXT,
        skill_group TEXT,
        satisfaction INTEGER,
        voicemail INTEGER NOT NULL DEFAULT 0,
        mos REAL, loss_pct REAL, jitter_ms REAL, rtt_ms REAL, codec TEXT,
        wrapped_up INTEGER NOT NULL DEFAULT 0,  -- remarks final; the record went to the outbox
        device_time TEXT NOT NULL
    )""",
    "CREATE INDEX call_records_called ON call_records (called_number, start_time)",
    "CREATE INDEX call_records_calling ON call_records (calling_number, start_time)",
    "CREATE INDEX call_records_start ON call_records (start_time)",
    """CREATE TABLE sip_traces (
        id TEXT PRIMARY KEY,
        call_id TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        text TEXT NOT NULL
    )""",
    "CREATE INDEX sip_traces_call ON sip_traces (call_id)",
    """CREATE TABLE operations (
        id TEXT PRIMARY KEY,
        at TEXT NOT NULL,
        operator TEXT NOT NULL,
        action TEXT NOT NULL,
        detail TEXT NOT NULL DEFAULT '{}'
    )""",
    "CREATE INDEX operations_at ON operations (at)",
    """CREATE TABLE status_intervals (
        id TEXT PRIMARY KEY,
        status TEXT NOT NULL,
        reason TEXT,
        start TEXT NOT NULL,
        end TEXT,                          -- NULL: the interval still runs
        cellphone_pickup INTEGER NOT NULL DEFAULT 0
    )""",
    "CREATE INDEX status_intervals_start ON status_intervals (start)",
    """CREATE TABLE readiness_reports (
        id TEXT PRIMARY KEY,
        at TEXT NOT NULL,
        overall TEXT NOT NULL,
        checks TEXT NOT NULL
    )""",
    """CREATE TABLE outbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL,
        lane INTEGER NOT NULL,             -- 0: status (priority), 1: everything else
        device_time TEXT NOT NULL,
        corrected_time TEXT,
        payload TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        parked_error TEXT                  -- refused by the center for good: kept, shown
    )""",
    "CREATE INDEX outbox_lane ON outbox (parked_error, lane, seq)",
    """CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    )""",
)

# Caps and cool-downs ask "calls to this number since …" before every dial: matching digits
# row by row took 20-50 ms on six months of a busy agent's calls (30,000 records).
_V2 = (
    "ALTER TABLE call_records ADD COLUMN called_key TEXT",  # store.number_key(called_number)
    "ALTER TABLE call_records ADD COLUMN calling_key TEXT",
    "UPDATE call_records SET called_key = number_key(called_number),"
    " calling_key = number_key(calling_number)",
    "CREATE INDEX call_records_called_key ON call_records (called_key, start_time)",
    "CREATE INDEX call_records_calling_key ON call_records (calling_key)",
)

# The gate's one question per dial (history.JournalHistory.past_calls), a range seek in each of
# three indexes: the attempts from one that covers them (no table row read), the refusals from
# two holding only refused calls (one in a few hundred), small enough to stay in the CPU's
# cache. On 30,000 calls, caches cold, the statement took 9.5 µs p50 on the V2 key indexes and
# 7.3 on these, which replace them (nothing else reads them).
_V3 = (
    "CREATE INDEX call_records_called_attempts ON call_records (called_key, start_time, direction)",
    "CREATE INDEX call_records_refused_called ON call_records (called_key)"
    " WHERE disposition = 'refused'",
    "CREATE INDEX call_records_refused_calling ON call_records (calling_key)"
    " WHERE disposition = 'refused'",
    "DROP INDEX call_records_called_key",
    "DROP INDEX call_records_calling_key",
)

# The inbound pop-up asks "our calls with this number" (caller_history.calls_with), the caller
# being the calling number of inbound calls and the called one of outbound calls. V3 left the
# calling side without an index: every pop-up read all 30,000 rows (p95 32 ms, the bulk of the
# pop-up's fill). This one makes both sides a range seek; the called side has V3's attempts index.
_V4 = ("CREATE INDEX call_records_calling_seen ON call_records (calling_key, start_time)",)

# Call recordings (issue 17): one row per sealed file in the profile's recordings folder, written
# when recording begins (state 'recording') so that a killed agent's file is found at the next
# start and marked incomplete. size and sha256 are the plaintext Ogg file's, as uploaded.
_V5 = (
    """CREATE TABLE recordings (
        id TEXT PRIMARY KEY,               -- uuid4 made here: the center's recording_id
        call_id TEXT NOT NULL,             -- call_records.call_id
        path TEXT NOT NULL,                -- the sealed file
        remote TEXT NOT NULL DEFAULT '',   -- the other party as SIP gave it (deletion requests)
        started_at TEXT NOT NULL,
        duration_s REAL NOT NULL DEFAULT 0,
        channels INTEGER NOT NULL,
        format TEXT NOT NULL,
        size INTEGER NOT NULL DEFAULT 0,
        sha256 TEXT NOT NULL DEFAULT '',
        incomplete INTEGER NOT NULL DEFAULT 0,
        state TEXT NOT NULL,               -- recording | saved | uploaded
        uploaded_at TEXT,
        upload_error TEXT
    )""",
    "CREATE INDEX recordings_call ON recordings (call_id)",
    "CREATE INDEX recordings_state ON recordings (state, started_at)",
)

MIGRATIONS: tuple[tuple[str, ...], ...] = (_V1, _V2, _V3, _V4, _V5)
