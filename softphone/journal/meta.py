"""Small facts the journal keeps between runs: the last good central config (and its ETag), the
last measured clock skew to the center, and when the agent was last known to be alive."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from softphone.journal.store import Journal, from_iso, utc_iso

CONFIG = "agent_config"
CONFIG_ETAG = "agent_config_etag"
CLOCK_SKEW = "clock_skew_s"
ALIVE_AT = "alive_at"


class Meta:
    def __init__(self, journal: Journal) -> None:
        self.journal = journal

    def get(self, key: str) -> str | None:
        value = self.journal.scalar("SELECT value FROM meta WHERE key = ?", (key,))
        return None if value is None else str(value)

    def put(self, **values: str) -> None:
        """Set several keys in one transaction: a reader never sees half of them."""
        with self.journal.transaction() as conn:
            conn.executemany(
                "INSERT INTO meta (key, value) VALUES (?, ?)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                values.items(),
            )

    def config(self) -> tuple[dict[str, Any] | None, str | None]:
        """The last good central config and its ETag (None, None before the first pull)."""
        raw = self.get(CONFIG)
        return (json.loads(raw) if raw else None), self.get(CONFIG_ETAG)

    def store_config(self, config: dict[str, Any], etag: str) -> None:
        self.put(**{CONFIG: json.dumps(config, sort_keys=True), CONFIG_ETAG: etag})

    def clock_skew_s(self) -> float | None:
        raw = self.get(CLOCK_SKEW)
        return None if raw is None else float(raw)

    def store_clock_skew(self, skew_s: float) -> None:
        self.put(**{CLOCK_SKEW: repr(skew_s)})

    def alive_at(self) -> datetime | None:
        raw = self.get(ALIVE_AT)
        return from_iso(raw) if raw else None

    def mark_alive(self, now: datetime) -> None:
        self.put(**{ALIVE_AT: utc_iso(now)})
