"""Time on the center: now in UTC, and turning what clients send into aware UTC safely."""

from __future__ import annotations

from datetime import datetime, timezone


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def as_utc(value: datetime) -> datetime:
    """Aware UTC; a naive time is taken as UTC. Raises ValueError when it falls off the calendar
    (year 1 at +14:00), so such input becomes a 4xx rather than an OverflowError."""
    if value.tzinfo is None:
        return value.replace(tzinfo=timezone.utc)
    try:
        return value.astimezone(timezone.utc)
    except OverflowError as exc:
        raise ValueError(f"time out of range: {value.isoformat()}") from exc
