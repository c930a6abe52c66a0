"""The blacklist store: exact, compact, memory-mapped do-not-call lists, updated by deltas."""

from softphone.compliance.blacklist.store import ENTERPRISE, BlacklistStore

__all__ = ["ENTERPRISE", "BlacklistStore"]
