"""Recordings reach the center whole or not at all: devices announce, send pieces and resume
from where the center stands — after a dropped connection or a restart of the center — and
the center keeps exactly the bytes sent, verified by SHA-256 (issue 17, upload and storage)."""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest

from softphone.central.storage import DiskStore
from tests.central.recording_lab import announcement, audio_bytes, put_piece, sha256, upload
from tests.central.server import Center, start_center


@pytest.fixture
def center_options(tmp_path: Path) -> dict[str, Any]:
    return {"recordings_dir": tmp_path / "recordings"}


def _served(center: Center, who: str, key: str) -> bytes:
    answer = center.client(who).get(f"/recordings/{key}/audio")
    assert answer.status_code == 200, answer.text
    return answer.content


def _interrupted_put(center: Center, key: str, data: bytes, start: int) -> None:
    """A PUT whose connection drops half-way through its body (a laptop closing its lid)."""
    url = urlsplit(center.api)
    body = data[start:]
    head = (
        f"PUT {url.path}/recordings/{key}/content HTTP/1.1\r\n"
        f"Host: {url.netloc}\r\nAuthorization: Bearer {center.token('ann')}\r\n"
        f"Content-Type: application/octet-stream\r\nContent-Length: {len(body)}\r\n"
        f"Content-Range: bytes {start}-{len(data) - 1}/{len(data)}\r\n\r\n"
    ).encode()
    with socket.create_connection((url.hostname, url.port)) as sock:
        sock.sendall(head + body[: len(body) // 2])


def test_an_upload_resumes_after_a_dropped_connection_and_a_restarted_center(
    center: Center, center_options: dict[str, Any]
) -> None:
    data = audio_bytes(700_000)
    meta = announcement(data)
    key = meta["recording_id"]
    ann = center.client("ann")
    assert ann.post("/recordings", json=meta).status_code == 201
    assert put_piece(ann, key, data, 0, 199_999).json() == {"received": 200_000, "complete": False}

    _interrupted_put(center, key, data, 200_000)
    assert ann.get(f"/recordings/{key}/status").json() == {"received": 200_000, "complete": False}
    assert put_piece(ann, key, data, 200_000, 399_999).json()["received"] == 400_000

    center.server.stop()  # the center goes down with 400,000 bytes of the file received
    again = start_center(center.database.url, center.backend, **center_options)
    try:
        center.url = again.url  # the same accounts and tokens: the database is the same
        ann = center.client("ann")
        known = ann.post("/recordings", json=meta)
        assert (known.status_code, known.json()["received"]) == (200, 400_000)
        wrong_start = put_piece(ann, key, data, 300_000, 399_999)
        assert (wrong_start.status_code, wrong_start.json()) == (409, {"received": 400_000})
        done = put_piece(ann, key, data, 400_000, len(data) - 1)
        assert done.json() == {"received": len(data), "complete": True}
        assert sha256(_served(center, "ann", key)) == sha256(data)
        assert ann.get(f"/recordings/{key}/status").json() == {
            "received": len(data),
            "complete": True,
        }
        assert ann.post("/recordings", json=meta).json()["received"] == len(data)
    finally:
        again.close()


def test_a_checksum_mismatch_is_refused_and_nothing_is_kept(
    center: Center, center_options: dict[str, Any]
) -> None:
    data = audio_bytes(100_000)
    meta = announcement(data)
    key = meta["recording_id"]
    ann = center.client("ann")
    ann.post("/recordings", json=meta)
    put_piece(ann, key, data, 0, 49_999)
    corrupted = data[:50_000] + bytes([data[50_000] ^ 0xFF]) + data[50_001:]
    refused = put_piece(ann, key, corrupted, 50_000, len(data) - 1)
    assert refused.status_code == 422 and refused.json()["received"] == 0
    assert ann.get(f"/recordings/{key}/status").json() == {"received": 0, "complete": False}
    assert ann.get(f"/recordings/{key}/audio").status_code == 404
    root: Path = center_options["recordings_dir"]
    assert [p for p in root.rglob("*") if p.is_file()] == []
    upload(ann, meta, data)  # the device sends it again from 0
    assert sha256(_served(center, "ann", key)) == sha256(data)


def test_a_recording_is_its_agents_alone_to_upload(center: Center) -> None:
    data = audio_bytes(10_000)
    meta = announcement(data)
    key = meta["recording_id"]
    ann, al = center.client("ann"), center.client("al")
    assert ann.post("/recordings", json=meta).status_code == 201
    assert al.post("/recordings", json=meta).status_code == 403
    assert put_piece(al, key, data, 0, len(data) - 1).status_code == 403
    assert al.get(f"/recordings/{key}/status").status_code == 403
    assert center.client("sue").post("/recordings", json=meta).status_code == 403  # no agent
    assert ann.get(f"/recordings/{key}/status").json() == {"received": 0, "complete": False}


def test_bad_pieces_are_refused_without_writing(center: Center) -> None:
    data = audio_bytes(10_000)
    meta = announcement(data)
    key = meta["recording_id"]
    ann = center.client("ann")
    ann.post("/recordings", json=meta)
    base = f"/recordings/{key}/content"
    assert ann.put(base, content=data[:10]).status_code == 400  # no Content-Range
    lying = ann.put(base, content=data[:10], headers={"Content-Range": "bytes 0-19/10000"})
    assert lying.status_code == 400
    beyond = ann.put(base, content=data[:10], headers={"Content-Range": "bytes 0-9/20000"})
    assert beyond.status_code == 400
    unknown = put_piece(ann, "00000000-0000-4000-8000-000000000000", data, 0, 9)
    assert unknown.status_code == 404
    assert ann.get(f"/recordings/{key}/status").json()["received"] == 0


def test_a_changed_unfinished_file_starts_again_and_a_finished_one_cannot_change(
    center: Center,
) -> None:
    data = audio_bytes(20_000)
    meta = announcement(data)
    ann = center.client("ann")
    ann.post("/recordings", json=meta)
    put_piece(ann, meta["recording_id"], data, 0, 9_999)
    longer = data + audio_bytes(5_000)  # the device's file grew (recorded on after a crash)
    grown = {**meta, "size": len(longer), "sha256": sha256(longer), "incomplete": True}
    assert ann.post("/recordings", json=grown).json()["received"] == 0
    upload(ann, grown, longer)
    assert ann.post("/recordings", json=meta).status_code == 409


def test_the_upload_needs_a_token(center: Center) -> None:
    anonymous = httpx.post(f"{center.api}/recordings", json=announcement(b"x" * 100))
    assert anonymous.status_code == 401


def test_a_file_whose_last_piece_landed_just_before_a_crash_is_checked_on_resume(
    center: Center, center_options: dict[str, Any]
) -> None:
    """The center wrote the last piece and went down before checking it: the device, asking
    again, is told the file is complete (or, were it corrupt, to start from 0)."""
    data = audio_bytes(30_000)
    meta = announcement(data)
    key = meta["recording_id"]
    ann = center.client("ann")
    ann.post("/recordings", json=meta)
    DiskStore(center_options["recordings_dir"]).append(key, 0, data)  # as the crashed center did
    again = ann.post("/recordings", json=meta)
    assert again.json() == {"received": len(data), "complete": True}
    assert sha256(_served(center, "ann", key)) == sha256(data)
