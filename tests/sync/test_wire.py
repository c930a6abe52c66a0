"""The outbox's events as the sync worker sends them (`take_wire`) are exactly the journal events
`take` gives: same ids, kinds, times (corrected by the clock skew when written before it was
known), payloads — and a payload holding a non-finite number goes as `JournalEvent` sends it."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from softphone.journal.outbox import BULK, Outbox, enqueue
from softphone.journal.store import Journal
from softphone.protocol import EventKind, JournalEvent
from tests.sync.center_lab import fill_journal

AT = datetime(2026, 11, 25, 10, 30, 0, 123456, tzinfo=timezone.utc)


@pytest.mark.parametrize("skew_s", [None, 2.5])
def test_the_wire_text_is_the_journal_event(journal: Journal, skew_s: float | None) -> None:
    fill_journal(journal, 40)
    with journal.transaction() as conn:
        enqueue(conn, EventKind.OPERATION, {"note": 'quote " back\\slash ü'}, AT, skew_s=1.0)
        enqueue(conn, EventKind.OPERATION, {"mos": float("nan"), "loss": float("inf")}, AT)
    outbox = Outbox(journal)
    expected = outbox.take(BULK, 100, skew_s)
    sent = outbox.take_wire(BULK, 100, skew_s)
    assert [w.id for w in sent] == [e.id for e in expected]
    assert [JournalEvent.model_validate_json(w.json) for w in sent[:-1]] == expected[:-1]
    assert sent[-1].json == expected[-1].model_dump_json()  # NaN goes as JournalEvent sends it
