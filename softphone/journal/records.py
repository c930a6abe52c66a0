"""Writing the journal: call records, SIP traces, the operation log, status intervals and
readiness reports — each with its outbox row in the same transaction.

A call record is written when the call ends, and goes to the outbox only when its wrap-up is
over (remarks and disposition are part of the record); a record whose wrap-up never finished
(the app stopped or crashed) is sent as it is by `release_unwrapped` on the next start.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from datetime import datetime
from typing import Any

from softphone.journal.meta import Meta
from softphone.journal.outbox import PRIORITY, enqueue, new_event_id
from softphone.journal.store import Journal, from_iso, number_key, utc_iso
from softphone.protocol import (
    CallRecord,
    EventKind,
    OperationLog,
    QualitySample,
    QualitySummary,
    ReadinessReport,
    SipTrace,
    StatusChange,
)

_QUALITY = ("mos", "loss_pct", "jitter_ms", "rtt_ms", "codec")
_TIMES = ("start_time", "answer_time", "end_time")


class JournalWriter:
    def __init__(self, journal: Journal, operator: str) -> None:
        self.journal = journal
        self.operator = operator
        self.meta = Meta(journal)

    # --- status -----------------------------------------------------------------------------

    def status_changed(self, change: StatusChange) -> str:
        """Close the running interval at the change and open the new one; queue the change."""
        since = utc_iso(change.since)
        payload = change.model_dump(mode="json")
        skew = self.meta.clock_skew_s()
        with self.journal.transaction() as conn:
            conn.execute("UPDATE status_intervals SET end = ? WHERE end IS NULL", (since,))
            event_id = enqueue(conn, EventKind.STATUS, payload, change.since, skew_s=skew)
            conn.execute(
                "INSERT INTO status_intervals (id, status, reason, start, cellphone_pickup)"
                " VALUES (?, ?, ?, ?, ?)",
                (event_id, change.status.value, change.reason, since, int(change.cellphone_pickup)),
            )
            self._log(
                conn,
                "status_change",
                {"status": change.status.value, "reason": change.reason},
                change.since,
                skew,
            )
        return event_id

    def running_interval(self) -> sqlite3.Row | None:
        rows = self.journal.query(
            "SELECT * FROM status_intervals WHERE end IS NULL ORDER BY start DESC LIMIT 1"
        )
        return rows[0] if rows else None

    def close_running_interval(self, at: datetime) -> None:
        """After a crash: the interval that was running ends when the agent was last alive."""
        with self.journal.transaction() as conn:
            conn.execute(
                "UPDATE status_intervals SET end = max(start, ?) WHERE end IS NULL", (utc_iso(at),)
            )

    def time_in_status(self, since: datetime, until: datetime) -> dict[str, float]:
        """Seconds spent in each status between two moments, from the intervals (so the figure
        includes time before a restart)."""
        rows = self.journal.query(
            "SELECT status, start, end FROM status_intervals WHERE start < ? AND"
            " (end IS NULL OR end > ?)",
            (utc_iso(until), utc_iso(since)),
        )
        totals: dict[str, float] = defaultdict(float)
        for row in rows:
            start = max(from_iso(row["start"]), since)
            end = min(from_iso(row["end"]), until) if row["end"] else until
            totals[row["status"]] += max(0.0, (end - start).total_seconds())
        return dict(totals)

    # --- calls ------------------------------------------------------------------------------

    def call_ended(self, record: CallRecord, sip_trace: str = "", party_name: str = "") -> str:
        """Store the finished call (and its SIP trace) before anything else happens to it;
        `party_name`, the other party's name as the call gave it, stays on the device."""
        event_id = new_event_id()
        values = _record_columns(record)
        values["party_name"] = party_name or None
        skew = self.meta.clock_skew_s()
        at = record.end_time or record.start_time
        with self.journal.transaction() as conn:
            names = ", ".join(values)
            marks = ", ".join("?" for _ in values)
            conn.execute(
                f"INSERT INTO call_records (id, device_time, {names}) VALUES (?, ?, {marks})",
                (event_id, utc_iso(at), *values.values()),
            )
            if sip_trace:
                trace = SipTrace(call_id=record.call_id, text=sip_trace)
                trace_id = enqueue(conn, EventKind.SIP_TRACE, trace.model_dump(), at, skew_s=skew)
                conn.execute(
                    "INSERT INTO sip_traces (id, call_id, recorded_at, text) VALUES (?, ?, ?, ?)",
                    (trace_id, record.call_id, utc_iso(at), sip_trace),
                )
            self._log(conn, "disconnect", {"call": record.call_id}, at, skew)
        return event_id

    def call_started(self, record: CallRecord) -> str:
        """A call is under way (no end yet): the center shows it live. It takes the priority
        lane with the status changes; the finished record replaces it at the center."""
        skew = self.meta.clock_skew_s()
        at = record.answer_time or record.start_time
        with self.journal.transaction() as conn:
            payload = record.model_dump(mode="json")
            return enqueue(conn, EventKind.CALL_RECORD, payload, at, skew_s=skew, lane=PRIORITY)

    def quality(self, sample: QualitySample, at: datetime) -> str:
        skew = self.meta.clock_skew_s()
        with self.journal.transaction() as conn:
            return enqueue(conn, EventKind.QUALITY, sample.model_dump(mode="json"), at, skew_s=skew)

    def call_wrapped_up(
        self, call_id: str, remarks: str | None = None, disposition: str | None = None
    ) -> CallRecord | None:
        """Add the agent's remarks and disposition and send the record. None: no such call."""
        skew = self.meta.clock_skew_s()
        with self.journal.transaction() as conn:
            conn.execute(
                "UPDATE call_records SET remarks = coalesce(?, remarks),"
                " disposition = coalesce(?, disposition) WHERE call_id = ? AND wrapped_up = 0",
                (remarks, disposition, call_id),
            )
            rows = list(
                conn.execute(
                    "SELECT * FROM call_records WHERE call_id = ? AND wrapped_up = 0", (call_id,)
                )
            )
            if not rows:
                return None
            return self._release(conn, rows[0], skew)

    def release_unwrapped(self) -> int:
        """Send every record whose wrap-up never finished, as it stands."""
        skew = self.meta.clock_skew_s()
        with self.journal.transaction() as conn:
            rows = list(conn.execute("SELECT * FROM call_records WHERE wrapped_up = 0"))
            for row in rows:
                self._release(conn, row, skew)
        return len(rows)

    def _release(
        self, conn: sqlite3.Connection, row: sqlite3.Row, skew: float | None
    ) -> CallRecord:
        record = record_from_row(row)
        enqueue(
            conn,
            EventKind.CALL_RECORD,
            record.model_dump(mode="json"),
            from_iso(row["device_time"]),
            event_id=row["id"],
            skew_s=skew,
        )
        conn.execute("UPDATE call_records SET wrapped_up = 1 WHERE id = ?", (row["id"],))
        return record

    # --- operation log and readiness --------------------------------------------------------

    def operation(self, action: str, detail: dict[str, Any], at: datetime) -> str:
        skew = self.meta.clock_skew_s()
        with self.journal.transaction() as conn:
            return self._log(conn, action, detail, at, skew)

    def _log(
        self,
        conn: sqlite3.Connection,
        action: str,
        detail: dict[str, Any],
        at: datetime,
        skew: float | None,
    ) -> str:
        entry = OperationLog(operator=self.operator, action=action, detail=detail)
        event_id = enqueue(
            conn, EventKind.OPERATION, entry.model_dump(mode="json"), at, skew_s=skew
        )
        conn.execute(
            "INSERT INTO operations (id, at, operator, action, detail) VALUES (?, ?, ?, ?, ?)",
            (event_id, utc_iso(at), self.operator, action, json.dumps(detail, default=str)),
        )
        return event_id

    def readiness(self, report: ReadinessReport, at: datetime) -> str:
        skew = self.meta.clock_skew_s()
        with self.journal.transaction() as conn:
            event_id = enqueue(
                conn, EventKind.READINESS, report.model_dump(mode="json"), at, skew_s=skew
            )
            conn.execute(
                "INSERT INTO readiness_reports (id, at, overall, checks) VALUES (?, ?, ?, ?)",
                (event_id, utc_iso(at), report.overall, json.dumps(report.checks, default=str)),
            )
        return event_id


def _record_columns(record: CallRecord) -> dict[str, Any]:
    values = record.model_dump(exclude={"quality"})
    for name in _TIMES:
        values[name] = utc_iso(values[name]) if values[name] is not None else None
    values["called_key"] = number_key(record.called_number)
    values["calling_key"] = number_key(record.calling_number)
    values["connected"] = int(record.connected)
    values["voicemail"] = int(record.voicemail)
    quality = record.quality.model_dump() if record.quality else {}
    values.update({name: quality.get(name) for name in _QUALITY})
    return values


def record_from_row(row: sqlite3.Row) -> CallRecord:
    fields = {name: row[name] for name in CallRecord.model_fields if name != "quality"}
    for name in _TIMES:
        fields[name] = from_iso(fields[name]) if fields[name] else None
    fields["connected"] = bool(fields["connected"])
    fields["voicemail"] = bool(fields["voicemail"])
    quality = {name: row[name] for name in _QUALITY}
    has_quality = any(value is not None for value in quality.values())
    return CallRecord(**fields, quality=QualitySummary(**quality) if has_quality else None)
