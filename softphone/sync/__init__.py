"""Offline-first sync: drains the journal's outbox to the central service, sends heartbeats,
pulls config and blacklist deltas, and measures the clock skew to the center."""
