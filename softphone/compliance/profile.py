"""The gate of one agent profile: its policy file, its blacklist store, its call history.

`open_gate` never fails because of the blacklist: a store that cannot be read blocks every
public call with the reason. A policy file that cannot be read is a PolicyError (a settings
error the caller reports), since guessing a policy would be "allowed because we could not tell".
"""

from __future__ import annotations

from pathlib import Path

from softphone.compliance import plans
from softphone.compliance.blacklist import BlacklistStore
from softphone.compliance.gate import Gate
from softphone.compliance.history import CallHistory
from softphone.compliance.policy import load_policy
from softphone.config import Profile, Settings

BLACKLIST_FOLDER = "blacklist"


def data_dir(profile_folder: Path) -> Path:
    """Where the profile keeps its local data (softphone.config decides)."""
    return Profile(folder=Path(profile_folder).expanduser(), settings=Settings()).data_dir


def open_blacklist(profile_folder: Path) -> BlacklistStore:
    return BlacklistStore(data_dir(profile_folder) / BLACKLIST_FOLDER)


def open_gate(
    profile_folder: Path, sip_domain: str | None, history: CallHistory, warm_up: bool = True
) -> Gate:
    """The gate for a profile; `sip_domain` (the profile's own) makes its users internal.
    `warm_up` loads now what the first checks would otherwise load on first use (the agent
    opens its gate once at start; a one-shot check has no use for it)."""
    folder = Path(profile_folder).expanduser()
    policy = load_policy(folder)
    gate = Gate(policy, open_blacklist(folder), history, [sip_domain] if sip_domain else [])
    if warm_up:
        # Here, before the SIP engine starts (~0.2 s): run beside it, the warm-up held the GIL
        # and the import lock while the agent registered and took its first offer (measured:
        # `incoming` p95 30 ms instead of 2).
        plans.warm_up(policy)
    return gate
