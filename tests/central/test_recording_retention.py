"""Recordings go when their time is up (6 months by default, an admin's setting) and when a
deletion request names their number or their agent: the audio file and the row both, each
deletion in the audit log; the audit log itself is kept per its own setting (issue 17)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from softphone.central.models import AuditEntry
from tests.central.recording_lab import announcement, audio_bytes, put_piece, upload
from tests.central.server import Center, call_event, start_center
from tests.integration.lab.tools import wait_for

NOW = datetime.now(timezone.utc)


@pytest.fixture
def center_options(tmp_path: Path) -> dict[str, Any]:
    return {"recordings_dir": tmp_path / "recordings"}


def _files(center_options: dict[str, Any]) -> list[str]:
    root: Path = center_options["recordings_dir"]
    return sorted(p.name for p in root.rglob("*") if p.is_file())


def _record(center: Center, agent: str, call_id: str, started: datetime, **call: Any) -> str:
    client = center.client(agent)
    client.post("/events", json={"events": [call_event(call_id, start=started, **call)]})
    data = audio_bytes(20_000)
    meta = announcement(data, call_key=call_id, started_at=started)
    upload(client, meta, data)
    return str(meta["recording_id"])


def _gone(center: Center, agent: str, key: str) -> bool:
    return center.client(agent).get(f"/recordings/{key}/status").status_code == 404


def test_the_purge_deletes_recordings_past_their_period(
    center: Center, center_options: dict[str, Any]
) -> None:
    old = _record(center, "ann", "old", NOW - timedelta(days=200))
    new = _record(center, "ann", "new", NOW - timedelta(days=2))
    ada = center.client("ada")
    assert ada.get("/admin/settings/retention").json()["recording_days"] == 183
    ada.put("/admin/settings/retention", json={"call_days": 365, "recording_days": 365})
    assert ada.post("/admin/retention/purge").json()["recordings"] == 0
    assert _files(center_options) == sorted([old, new])

    ada.put("/admin/settings/retention", json={"call_days": 365})  # recordings: 183 days
    assert ada.post("/admin/retention/purge").json()["recordings"] == 1
    assert _files(center_options) == [new]
    assert _gone(center, "ann", old) and not _gone(center, "ann", new)
    (deleted,) = ada.get("/admin/audit", params={"action": "recording.delete"}).json()
    assert (deleted["subject"], deleted["actor"]) == (old, "(retention)")
    changes = ada.get("/admin/audit", params={"action": "settings.change"}).json()
    assert [c["detail"]["after"]["recording_days"] for c in changes] == [183, 365]
    assert changes[0]["actor"] == "ada" and changes[0]["subject"] == "retention"


def test_the_hourly_purge_deletes_the_files_too(
    center: Center, center_options: dict[str, Any]
) -> None:
    _record(center, "ann", "old", NOW - timedelta(days=200))
    center.server.stop()
    timed = start_center(center.database.url, center.backend, purge_every_s=0.2, **center_options)
    try:
        wait_for(lambda: _files(center_options) == [], 20, "the timed purge to delete the audio")
    finally:
        timed.close()


def test_a_deletion_request_for_a_number_takes_its_recordings(
    center: Center, center_options: dict[str, Any]
) -> None:
    theirs = _record(center, "ann", "d1", NOW - timedelta(hours=2), caller="+8613800138000")
    other = _record(center, "ann", "d2", NOW - timedelta(hours=1), caller="+8613900139000")
    ada = center.client("ada")
    report = ada.post("/deletion-requests", json={"number": "+86 138 0013 8000"}).json()
    assert report["removed"]["recordings"] == 1
    assert _files(center_options) == [other]
    assert _gone(center, "ann", theirs)
    actions = [(r["action"], r["actor"]) for r in ada.get("/admin/audit").json()]
    assert ("deletion_request", "ada") in actions and ("recording.delete", "ada") in actions


def test_a_deletion_request_for_an_agent_takes_all_its_recordings(
    center: Center, center_options: dict[str, Any]
) -> None:
    _record(center, "ann", "a1", NOW - timedelta(hours=2))
    _record(center, "ann", "a2", NOW - timedelta(hours=1))
    kept = _record(center, "al", "a3", NOW - timedelta(hours=1))
    ada = center.client("ada")
    assert (
        ada.post("/deletion-requests", json={"agent": "ann"}).json()["removed"]["recordings"] == 2
    )
    assert _files(center_options) == [kept]


def test_the_audit_log_is_kept_per_its_setting(center: Center) -> None:
    with center.database.writing() as session:
        for days in (400, 10):
            at = NOW - timedelta(days=days)
            session.add(AuditEntry(at=at, actor="x", action="recording.play", subject=f"{days}",
                                   detail={}))  # fmt: skip
    ada = center.client("ada")
    ada.put("/admin/settings/retention", json={"call_days": 183, "audit_days": 365})
    assert ada.post("/admin/retention/purge").json()["audit"] == 1
    left = ada.get("/admin/audit", params={"actor": "x"}).json()
    assert [r["subject"] for r in left] == ["10"]


def test_an_agents_device_reads_the_deletion_requests_it_must_carry_out(center: Center) -> None:
    """The device erases its own copies (recordings included): every number's request, and a
    request for its own agent; another agent's is none of its business."""
    ada = center.client("ada")
    first = ada.post("/deletion-requests", json={"number": "+8613800138000"}).json()["id"]
    ada.post("/deletion-requests", json={"agent": "al"})
    mine = ada.post("/deletion-requests", json={"agent": "ann"}).json()["id"]
    seen = center.client("ann").get("/deletion-requests").json()
    assert [(r["subject_kind"], r["subject"]) for r in seen] == [
        ("agent", "ann"),
        ("number", "+8613800138000"),
    ]
    later = center.client("ann").get("/deletion-requests", params={"since": first}).json()
    assert [r["id"] for r in later] == [mine]
    assert len(ada.get("/deletion-requests").json()) == 3
    assert center.client("sue").get("/deletion-requests").status_code == 403


def test_a_change_of_whose_recordings_one_hears_is_audited(center: Center) -> None:
    ada = center.client("ada")
    ada.patch("/admin/users/sam", json={"groups": ["support", "sales"], "password": "x" * 12})
    (change,) = ada.get("/admin/audit", params={"action": "account.change"}).json()
    assert (change["actor"], change["subject"]) == ("ada", "sam")
    assert change["detail"] == {"groups": ["support", "sales"], "password_changed": True}


def test_a_recording_deleted_mid_upload_does_not_come_back(
    center: Center, center_options: dict[str, Any]
) -> None:
    """The deletion request reaches the center while the device is still sending: the next
    piece finds nothing (404), and announcing it again is refused for good (410) — a device
    that has not yet heard of the request cannot bring the customer's voice back."""
    ann = center.client("ann")
    ann.post("/events", json={"events": [call_event("m1", start=NOW, caller="+8613800138000")]})
    data = audio_bytes(40_000)
    meta = announcement(data, call_key="m1")
    key = meta["recording_id"]
    ann.post("/recordings", json=meta)
    put_piece(ann, key, data, 0, 19_999)
    center.client("ada").post("/deletion-requests", json={"number": "+8613800138000"})
    assert _files(center_options) == []
    assert put_piece(ann, key, data, 20_000, len(data) - 1).status_code == 404
    again = ann.post("/recordings", json=meta)
    assert again.status_code == 410, again.text
    assert _files(center_options) == []
