"""A large blacklist delta comes in pages with `more` set; the agent's sync client follows them
and merges them — the later word on a number wins — into what one big delta would have said."""

from __future__ import annotations

from typing import Any

import pytest

from softphone.sync.client import CentralClient, TokenStore
from tests.central.server import PASSWORD, Center


@pytest.fixture
def center_options() -> dict[str, Any]:
    return {"blacklist_page": 2}


def test_a_large_delta_comes_in_pages_and_the_agent_follows_them(center: Center) -> None:
    ada, ann = center.client("ada"), center.client("ann")
    ada.post("/admin/blacklist", json={"add": ["+4930111", "+4930222", "+4930333"]})
    ada.post("/admin/blacklist", json={"remove": ["+4930111"]})
    first = ann.get("/blacklist/delta").json()
    assert first["more"] is True and first["added"] == ["+4930111", "+4930222"]
    rest = ann.get("/blacklist/delta", params={"since": first["version"]}).json()
    assert rest["more"] is False
    assert (rest["added"], rest["removed"]) == (["+4930333"], ["+4930111"])
    one = ann.get("/blacklist/delta", params={"limit": 1}).json()
    assert one["more"] is True and one["added"] == ["+4930111"]

    client = CentralClient(center.url, "ann", lambda: PASSWORD, TokenStore())
    try:
        merged = client.blacklist_delta(0)
    finally:
        client.close()
    assert (merged.added, merged.removed) == (["+4930222", "+4930333"], ["+4930111"])
    assert (merged.since, merged.version, merged.more) == (0, rest["version"], False)
