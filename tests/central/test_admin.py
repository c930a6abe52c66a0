"""What an admin configures, and what agents and supervisors then see: accounts, settings in
the agents' config, blacklist deltas, deletion requests and the retention purge."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from tests.central.server import Center, call_event, event_id, iso

ADMIN_CALLS = [
    ("GET", "/admin/users", None),
    ("POST", "/admin/users", {"name": "x", "role": "agent", "password": "long enough"}),
    ("PATCH", "/admin/users/ann", {"disabled": True}),
    ("GET", "/admin/groups", None),
    ("POST", "/admin/groups", {"name": "g"}),
    ("DELETE", "/admin/groups/sales", None),
    ("POST", "/admin/blacklist", {"add": ["+4930123"]}),
    ("GET", "/admin/settings/policy", None),
    ("PUT", "/admin/settings/policy", {}),
    ("PUT", "/admin/settings/retention", {"call_days": 10}),
    ("PUT", "/admin/settings/quick-remarks", ["x"]),
    ("POST", "/deletion-requests", {"number": "+4930123"}),
    ("GET", "/admin/audit", None),  # GET /deletion-requests: agents read theirs (issue 17)
    ("POST", "/admin/retention/purge", None),
]


@pytest.mark.parametrize("name", ["ann", "sue"])
def test_only_admins_reach_admin_endpoints(center: Center, name: str) -> None:
    client = center.client(name)
    for method, path, body in ADMIN_CALLS:
        answer = client.request(method, path, json=body)
        assert answer.status_code == 403, (method, path)
    assert center.anonymous().get("/admin/users").status_code == 401


def test_an_admin_manages_accounts(center: Center) -> None:
    ada = center.client("ada")
    created = ada.post(
        "/admin/users",
        json={"name": "cy", "role": "agent", "password": "cy's password", "groups": ["vip"]},
    )
    assert created.status_code == 201 and created.json()["groups"] == ["vip"]
    assert (
        ada.post(
            "/admin/users", json={"name": "cy", "role": "agent", "password": "cy's password"}
        ).status_code
        == 409
    )
    cy = center.anonymous()
    assert cy.post("/login", json={"user": "cy", "password": "cy's password"}).status_code == 200
    assert ada.get("/admin/groups").json() == ["sales", "support", "vip"]
    sue_token = center.client("sue")
    changed = ada.patch("/admin/users/sue", json={"groups": ["vip"], "disabled": True})
    assert changed.json() == {
        "name": "sue",
        "role": "supervisor",
        "groups": ["vip"],
        "disabled": True,
    }
    assert sue_token.get("/agents").status_code == 401
    assert ada.patch("/admin/users/nobody", json={"disabled": True}).status_code == 404


def test_settings_reach_the_agents_config(center: Center) -> None:
    ann, ada = center.client("ann"), center.client("ada")
    before = ann.get("/config")
    assert (
        ada.put(
            "/admin/settings/reason-codes", json={"break": ["lunch"], "not_ready": ["coaching"]}
        ).status_code
        == 200
    )
    assert (
        ada.put(
            "/admin/settings/wrap-up", json={"mode": "timed_mandatory", "seconds": 45}
        ).status_code
        == 200
    )
    assert ada.put("/admin/settings/quick-remarks", json=["call back", "sale"]).status_code == 200
    assert ada.put("/admin/settings/policy", json={"rest_hours": [21, 8]}).status_code == 200
    assert ada.put("/admin/settings/missed-offers", json=3).status_code == 200
    after = ann.get("/config", headers={"If-None-Match": before.headers["etag"]})
    assert after.status_code == 200
    config = after.json()
    assert config["reason_codes"] == {"break": ["lunch"], "not_ready": ["coaching"]}
    assert config["wrap_up"] == {"mode": "timed_mandatory", "seconds": 45}
    assert config["quick_remarks"] == ["call back", "sale"]
    assert config["policy"] == {"rest_hours": [21, 8]}
    assert config["missed_offers_before_not_ready"] == 3
    assert ada.put("/admin/settings/wrap-up", json={"mode": "never"}).status_code == 422
    assert ada.put("/admin/settings/retention", json={"call_days": 0}).status_code == 422


def test_blacklist_changes_arrive_as_deltas(center: Center) -> None:
    ann, ada = center.client("ann"), center.client("ada")
    first = ada.post("/admin/blacklist", json={"add": ["+4930111", "+4930222"]}).json()["version"]
    imported = ada.post(
        "/admin/blacklist/import",
        content="# DNC\n+4930333\n\n+4930444\n",
        headers={"Content-Type": "text/plain"},
    )
    assert imported.status_code == 200
    removed = ada.post("/admin/blacklist", json={"remove": ["+4930111"]}).json()["version"]
    everything = ann.get("/blacklist/delta").json()
    assert everything["added"] == ["+4930222", "+4930333", "+4930444"]
    assert everything["removed"] == ["+4930111"] and everything["version"] == removed
    since_first = ann.get("/blacklist/delta", params={"since": first}).json()
    assert since_first["added"] == ["+4930333", "+4930444"]
    assert ann.get("/blacklist/delta", params={"since": removed}).json()["added"] == []
    assert ann.get("/config").json()["blacklist_version"] == removed
    bad = ada.post("/admin/blacklist", json={"add": ["call me"]})
    assert bad.status_code == 422 and "not a phone number" in bad.text


def test_deleting_a_number_erases_its_calls_and_tells_the_agents(center: Center) -> None:
    ann, ada = center.client("ann"), center.client("ada")
    start = datetime.now(timezone.utc) - timedelta(minutes=3)
    ann.post(
        "/events",
        json={
            "events": [
                call_event("d1", start=start, caller="+4930555"),
                call_event("d2", start=start, caller="+4930666"),
            ]
        },
    )
    version = ann.get("/config").json()["blacklist_version"]
    report = ada.post("/deletion-requests", json={"number": "+4930555"})
    assert report.status_code == 201
    assert report.json()["removed"]["calls"] == 1 and report.json()["removed"]["events"] >= 1
    assert [c["call_id"] for c in ada.get("/calls").json()] == ["d2"]
    delta = ann.get("/blacklist/delta", params={"since": version}).json()
    assert delta["deletion_requests"] == ["+4930555"] and delta["added"] == []
    assert ada.get("/deletion-requests").json()[0]["subject"] == "+4930555"
    both = ada.post("/deletion-requests", json={"number": "+4930555", "agent": "ann"})
    assert both.status_code == 422


def test_deleting_an_agent_erases_its_data(center: Center) -> None:
    ann, ada = center.client("ann"), center.client("ada")
    ann.post("/events", json={"events": [call_event("x1", start=datetime.now(timezone.utc))]})
    report = ada.post("/deletion-requests", json={"agent": "ann"}).json()
    assert report["removed"]["calls"] == 1
    assert ada.get("/calls", params={"agent": "ann"}).json() == []
    assert ada.post("/deletion-requests", json={"agent": "nobody"}).status_code == 404


def test_the_retention_purge_drops_call_data_past_its_period(center: Center) -> None:
    ann, ada = center.client("ann"), center.client("ada")
    now = datetime.now(timezone.utc)
    ann.post(
        "/events",
        json={
            "events": [
                call_event("old", start=now - timedelta(days=200)),
                call_event("new", start=now - timedelta(days=2)),
            ]
        },
    )
    ada.put("/admin/settings/retention", json={"call_days": 365})
    assert ada.post("/admin/retention/purge").json()["calls"] == 0
    ada.put("/admin/settings/retention", json={"call_days": 183})
    purged = ada.post("/admin/retention/purge").json()
    assert purged["calls"] == 1 and purged["events"] == 1
    assert [c["call_id"] for c in ada.get("/calls").json()] == ["new"]


def test_an_agents_do_not_call_is_every_agents_with_who_when_and_why(center: Center) -> None:
    """The device logs "do not call" as an operation (`blacklist_add`); the center makes it a
    blacklist entry that every agent's delta carries (issue 13, item 1)."""
    ann, ada = center.client("ann"), center.client("ada")
    before = ann.get("/blacklist/delta").json()["version"]
    mark = {
        "id": event_id("op"),
        "kind": "operation",
        "device_time": iso(),
        "payload": {
            "operator": "ann",
            "action": "blacklist_add",
            "detail": {"number": "+4930777", "reason": "asked twice", "source": "enterprise"},
        },
    }
    other = {**mark, "id": event_id("op"), "payload": {"operator": "ann", "action": "login"}}
    not_a_number = {
        **mark,
        "id": event_id("op"),
        "payload": {"operator": "ann", "action": "blacklist_add", "detail": {"number": "x"}},
    }
    for _ in range(2):  # a resend is acknowledged, not applied twice
        stored = ann.post("/events", json={"events": [mark, other, not_a_number]}).json()
        assert len(stored["stored"]) == 3
    delta = ada.get("/blacklist/delta", params={"since": before}).json()
    assert delta["added"] == ["+4930777"]
    entries = ada.get("/admin/blacklist/+4930777").json()
    assert [(e["op"], e["who"], e["reason"]) for e in entries] == [("add", "ann", "asked twice")]
    assert entries[0]["at"]
    assert ann.get("/admin/blacklist/+4930777").status_code == 403
    assert ada.get("/admin/blacklist/call-me").status_code == 422
