"""The errors of the compliance area, each with a message an agent or IT person can act on."""

from __future__ import annotations


class ComplianceError(Exception):
    """Base of the compliance errors."""


class PolicyError(ComplianceError):
    """The enterprise policy (compliance.toml) or a rule pack cannot be used; says where and why."""


class BlacklistError(ComplianceError):
    """The blacklist store is missing, unreadable, corrupt or truncated; dialing is blocked."""
