"""The enterprise's own do-not-call entries: who put a number on the list, when, why, until when.

Small (thousands, not millions), so it is one JSON document per version of the store.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import Any

from softphone.compliance.errors import BlacklistError


@dataclass(frozen=True)
class Entry:
    number: str  # E.164
    reason: str
    who: str
    added_at: str  # ISO 8601, UTC
    expires: str | None = None  # ISO date: the entry stops blocking at the start of that day (UTC)

    def active(self, now: datetime) -> bool:
        return self.expires is None or now.date() < date.fromisoformat(self.expires)

    def fields(self) -> dict[str, str]:
        """What describe() says, by name (a window words it in the agent's language)."""
        return {
            "list": "enterprise",
            "why": self.reason,
            "who": self.who,
            "since": self.added_at[:10],
            "until": self.expires or "",
        }

    def describe(self) -> str:
        until = f", until {self.expires}" if self.expires else ""
        return f"enterprise list: {self.reason} — {self.who}, {self.added_at[:10]}{until}"


def entries_to_json(entries: dict[str, Entry]) -> bytes:
    rows = [asdict(entry) for _, entry in sorted(entries.items())]
    return json.dumps({"entries": rows}, ensure_ascii=False, indent=1).encode("utf-8")


def entries_from_json(raw: bytes, where: str) -> dict[str, Entry]:
    try:
        document: Any = json.loads(raw)
        entries = [Entry(**row) for row in document["entries"]]
        for entry in entries:
            if entry.expires is not None:
                date.fromisoformat(entry.expires)
    except (ValueError, KeyError, TypeError) as exc:
        raise BlacklistError(f"{where} is corrupt: {exc}") from exc
    return {entry.number: entry for entry in entries}
