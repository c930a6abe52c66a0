"""The recording store's contract: what every implementation (the disk store here; an S3
object store later) must do for uploads to resume and playback to seek. A new implementation
joins `STORES` and passes these unchanged."""

from __future__ import annotations

import hashlib
import os
import threading
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest

from softphone.central.storage import DiskStore, RecordingStore, StoreConflict

STORES: dict[str, Callable[[Path], RecordingStore]] = {"disk": DiskStore}


@pytest.fixture(params=sorted(STORES))
def store(request: pytest.FixtureRequest, tmp_path: Path) -> RecordingStore:
    return STORES[request.param](tmp_path / "store")


def _key() -> str:
    return str(uuid.uuid4())


def test_pieces_append_in_order_and_a_gap_or_overlap_is_a_conflict(store: RecordingStore) -> None:
    key = _key()
    assert store.part_size(key) == 0
    assert store.append(key, 0, b"abc") == 3
    with pytest.raises(StoreConflict) as overlap:
        store.append(key, 1, b"xyz")
    assert overlap.value.size == 3
    with pytest.raises(StoreConflict):
        store.append(key, 9, b"xyz")
    assert store.append(key, 3, b"\x00def") == 7
    assert store.part_size(key) == 7
    assert store.part_sha256(key) == hashlib.sha256(b"abc\x00def").hexdigest()
    assert store.size(key) is None  # not sealed: nothing to play


def test_a_sealed_object_reads_any_range(store: RecordingStore) -> None:
    key, data = _key(), os.urandom(700_000)
    for start in range(0, len(data), 100_000):
        store.append(key, start, data[start : start + 100_000])
    store.seal(key)
    assert store.size(key) == len(data)
    assert store.part_size(key) == 0
    assert b"".join(store.open_range(key, 0, len(data) - 1)) == data
    assert b"".join(store.open_range(key, 123_456, 654_321)) == data[123_456:654_322]
    assert b"".join(store.open_range(key, len(data) - 1, len(data) - 1)) == data[-1:]


def test_delete_forgets_part_and_object(store: RecordingStore) -> None:
    sealed, partial = _key(), _key()
    store.append(sealed, 0, b"1234")
    store.seal(sealed)
    store.append(partial, 0, b"12")
    store.delete(sealed)
    store.delete(partial)
    store.delete(_key())  # never seen: nothing to do
    assert store.size(sealed) is None and store.part_size(partial) == 0
    assert store.append(partial, 0, b"again") == 5  # a discarded upload starts from 0


def test_concurrent_appends_of_one_piece_store_it_once(store: RecordingStore) -> None:
    key, piece = _key(), os.urandom(50_000)
    results: list[object] = []

    def send() -> None:
        try:
            results.append(store.append(key, 0, piece))
        except StoreConflict as exc:
            results.append(exc)

    threads = [threading.Thread(target=send) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results.count(len(piece)) == 1
    assert store.part_size(key) == len(piece)


def test_keys_that_are_not_recording_ids_are_refused(store: RecordingStore) -> None:
    for bad in ("../../etc/passwd", "", "A" * 36):
        with pytest.raises(ValueError):
            store.append(bad, 0, b"x")


def test_the_disk_store_survives_a_new_instance(tmp_path: Path) -> None:
    """A restarted center opens the same folder and finds the part where it was."""
    key = _key()
    DiskStore(tmp_path).append(key, 0, b"before restart")
    again = DiskStore(tmp_path)
    assert again.part_size(key) == len(b"before restart")
    assert again.append(key, len(b"before restart"), b"!") == len(b"before restart!")
