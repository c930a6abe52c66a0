"""Who may hear a recording, and how it streams: an agent only its own, a supervisor only its
groups' agents', an admin all; the audio answers HTTP Range requests (seeking) with 206 and a
correct Content-Range; every playback and download is in the audit log (issue 17, listening)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import httpx
import pytest

from tests.central.recording_lab import announcement, audio_bytes, upload
from tests.central.server import Center, call_event


def _recorded(center: Center, agent: str, size: int = 50_000, **call: Any) -> tuple[str, bytes]:
    data = audio_bytes(size)
    meta = announcement(data, call_key=call.pop("call_id", "c1"))
    upload(center.client(agent), meta, data)
    return meta["recording_id"], data


def test_only_the_agent_its_supervisors_and_admins_hear_a_recording(center: Center) -> None:
    key, _ = _recorded(center, "ann")  # ann is in sales
    audio = f"/recordings/{key}/audio"
    assert center.client("ann").get(audio).status_code == 200
    assert center.client("al").get(audio).status_code == 403  # another agent, same group
    assert center.client("bo").get(audio).status_code == 403
    assert center.client("sam").get(audio).status_code == 403  # supervises support only
    assert center.client("sue").get(audio).status_code == 200
    assert center.client("ada").get(audio).status_code == 200
    assert center.client("sam").post(f"/recordings/{key}/listen").status_code == 403
    assert center.client("al").post(f"/recordings/{key}/listen").status_code == 403
    assert center.anonymous().get(audio).status_code == 401
    unknown = "/recordings/00000000-0000-4000-8000-000000000000/audio"
    assert center.client("ada").get(unknown).status_code == 404


def test_range_requests_seek_within_the_file(center: Center) -> None:
    key, data = _recorded(center, "ann", size=300_000)
    sue = center.client("sue")
    audio = f"/recordings/{key}/audio"
    whole = sue.get(audio)
    assert whole.headers["accept-ranges"] == "bytes"
    assert whole.headers["content-type"] == "audio/flac"
    for asked, (start, end) in {
        "bytes=1000-1999": (1000, 1999),
        "bytes=250000-": (250_000, len(data) - 1),
        "bytes=-500": (len(data) - 500, len(data) - 1),
        "bytes=299000-999999": (299_000, len(data) - 1),
    }.items():
        part = sue.get(audio, headers={"Range": asked})
        assert part.status_code == 206, asked
        assert part.headers["content-range"] == f"bytes {start}-{end}/{len(data)}"
        assert part.content == data[start : end + 1]
        assert int(part.headers["content-length"]) == end - start + 1
    beyond = sue.get(audio, headers={"Range": f"bytes={len(data)}-"})
    assert beyond.status_code == 416
    assert beyond.headers["content-range"] == f"bytes */{len(data)}"


def test_a_ticket_plays_without_a_header_and_each_playback_is_audited(center: Center) -> None:
    key, data = _recorded(center, "ann")
    sue, ada = center.client("sue"), center.client("ada")
    ticket = sue.post(f"/recordings/{key}/listen").json()
    plain = httpx.Client(base_url=center.url, timeout=10)
    center.clients.append(plain)
    assert plain.get(ticket["url"]).content == data
    assert plain.get(ticket["url"], headers={"Range": "bytes=10-19"}).content == data[10:20]
    other = ticket["url"].replace(key, "00000000-0000-4000-8000-000000000000")
    assert plain.get(other).status_code in (401, 404)  # a ticket opens one recording only
    download = sue.post(f"/recordings/{key}/listen", params={"purpose": "download"}).json()
    fetched = plain.get(download["url"])
    assert fetched.headers["content-disposition"].startswith("attachment")
    ada.get(f"/recordings/{key}/audio")  # with a bearer token: a download
    ada.get(f"/recordings/{key}/audio", headers={"Range": "bytes=100-"})  # seeking: no new row
    rows = ada.get("/admin/audit", params={"subject": key}).json()
    assert [(r["actor"], r["action"]) for r in rows] == [
        ("ada", "recording.download"),
        ("sue", "recording.download"),
        ("sue", "recording.play"),
    ]
    sue.post("/logout")
    assert plain.get(ticket["url"]).status_code == 401  # the ticket died with the login


def test_the_call_list_filters_and_shows_each_calls_recordings(center: Center) -> None:
    now = datetime.now(timezone.utc)
    ann, bo = center.client("ann"), center.client("bo")
    good = call_event("k1", start=now - timedelta(minutes=9), callee="+8613800138000")
    poor = call_event("k2", start=now - timedelta(minutes=5), callee="+8613900139000")
    good["payload"].update(disposition="sale", quality={"mos": 4.3})
    poor["payload"].update(disposition="no sale", quality={"mos": 2.9})
    ann.post("/events", json={"events": [good, poor]})
    bo.post("/events", json={"events": [call_event("k3", start=now - timedelta(minutes=1))]})
    key, _ = _recorded(center, "ann", call_id="k1")
    sue = center.client("sue")

    def ids(**params: Any) -> list[str]:
        answer = sue.get("/call-list", params=params)
        assert answer.status_code == 200, answer.text
        return [c["call_id"] for c in answer.json()]

    assert ids() == ["k2", "k1"]  # bo's call is support's: not sue's to see
    assert ids(mos_min=4) == ["k1"] and ids(mos_max=3) == ["k2"]
    assert ids(disposition="sale") == ["k1"]
    assert ids(number="138 0013 8000") == ["k1"]
    assert ids(since=(now - timedelta(minutes=6)).isoformat()) == ["k2"]
    assert ids(agent="ann", group="sales") == ["k2", "k1"]
    (k1,) = sue.get("/call-list", params={"disposition": "sale"}).json()
    assert [r["id"] for r in k1["recordings"]] == [key] and k1["recordings"][0]["complete"]
    assert sue.get("/call-list", params={"group": "support"}).status_code == 403
    assert sue.get("/call-list", params={"agent": "bo"}).status_code == 403
    assert [c["call_id"] for c in bo.get("/call-list").json()] == ["k3"]  # an agent: its own


@pytest.mark.parametrize("who", ["sue", "ann"])
def test_the_audit_log_is_for_admins(center: Center, who: str) -> None:
    assert center.client(who).get("/admin/audit").status_code == 403
