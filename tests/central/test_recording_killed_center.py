"""A real `softphone central serve --recordings-dir …` killed with SIGKILL in the middle of an
upload: the bytes it acknowledged are on disk, the restarted center answers where to resume,
and the file it serves at the end is byte-identical to what the device sent (issue 17). On
SQLite and on PostgreSQL."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import httpx
import pytest

from softphone.central.db import Database
from softphone.central.users import create_user
from tests.central.conftest import database_url
from tests.central.processes import central_processes
from tests.central.recording_lab import announcement, audio_bytes, put_piece, sha256
from tests.central.server import PASSWORD, PASSWORD_HASH

pytestmark = pytest.mark.integration


def _agent(url: str) -> httpx.Client:
    answer = httpx.post(f"{url}/api/v1/login", json={"user": "ann", "password": PASSWORD})
    answer.raise_for_status()
    token = answer.json()["token"]
    return httpx.Client(
        base_url=f"{url}/api/v1", headers={"Authorization": f"Bearer {token}"}, timeout=20
    )


def test_a_killed_center_resumes_the_upload_byte_for_byte(
    request: pytest.FixtureRequest, backend: str, tmp_path: Path
) -> None:
    url = database_url(request, backend, tmp_path)
    database = Database(url)
    database.migrate()
    with database.writing() as session:
        create_user(session, "ann", "agent", PASSWORD_HASH, ["sales"])
    database.dispose()
    folder = tmp_path / "audio"
    options = ("--recordings-dir", str(folder))
    data = audio_bytes(3_000_000)
    meta = announcement(data)
    key = meta["recording_id"]

    with central_processes(url, 1, tmp_path, options) as (first,):
        with _agent(first.url) as ann:  # type: ignore[attr-defined]
            assert ann.post("/recordings", json=meta).status_code == 201
            assert put_piece(ann, key, data, 0, 1_499_999).json()["received"] == 1_500_000
        os.killpg(first.pid, signal.SIGKILL)  # no clean shutdown: the power went
        first.wait()
    assert (folder / "parts" / f"{key}.part").stat().st_size == 1_500_000

    with central_processes(url, 1, tmp_path, options) as (second,):
        ann = _agent(second.url)  # type: ignore[attr-defined]
        resumed = ann.post("/recordings", json=meta)
        assert (resumed.status_code, resumed.json()["received"]) == (200, 1_500_000)
        done = put_piece(ann, key, data, 1_500_000, len(data) - 1)
        assert done.json() == {"received": len(data), "complete": True}
        assert sha256(ann.get(f"/recordings/{key}/audio").content) == sha256(data)
        ann.close()
    assert (folder / key[:2] / key).read_bytes() == data
