"""Deletion requests for an agent, carried out on that agent's device: its recordings go.

A number's deletion request reaches the device with the blacklist delta (`deletions.Deletions`,
which takes the number's recordings too). A request for an agent is asked for here, on the
recordings lane: `GET /deletion-requests?since=N` lists the requests this agent must carry out;
one naming this agent deletes every recording on the device (files and journal rows). The
newest request id seen is kept in the journal's meta, so each is carried out once. A center
that does not offer the list to agents (403, 404) is simply not asked again until the next round.
"""

from __future__ import annotations

import logging
from typing import Any

from softphone.journal.meta import Meta
from softphone.journal.recordings import all_recordings, forget
from softphone.journal.store import Journal
from softphone.sync.client import CentralClient

log = logging.getLogger(__name__)

SEEN = "agent_deletions_seen"


def carry_out_agent_deletions(client: CentralClient, journal: Journal, agent: str) -> int:
    """The recordings erased because a deletion request names `agent`."""
    meta = Meta(journal)
    since = int(meta.get(SEEN) or 0)
    reply = client.authed("GET", "/deletion-requests", answers=(403, 404), params={"since": since})
    if reply.status_code in (403, 404):
        return 0
    reports: list[dict[str, Any]] = reply.json()
    newest = max((int(r["id"]) for r in reports), default=since)
    erased = 0
    if any(r.get("subject_kind") == "agent" and r.get("subject") == agent for r in reports):
        rows = all_recordings(journal)
        for row in rows:
            row.path.unlink(missing_ok=True)
        forget(journal, [row.id for row in rows])
        erased = len(rows)
        log.info("sync: a deletion request for this agent erased %d recordings", erased)
    if newest > since:
        meta.put(**{SEEN: str(newest)})
    return erased
