"""Where the center keeps recordings' audio: a small interface (`RecordingStore`) and its disk
implementation, the default (the folder comes from the center's options, `--recordings-dir`).

A recording arrives in pieces: `append` adds bytes to its part (durably: fsync before it
returns, so an acknowledged piece survives a crash or a restart of the center), `seal` turns
the part into the finished object once its checksum was verified, `open_range` reads a byte
range of the finished object (HTTP Range playback), `delete` forgets both. An object store
(S3 multipart uploads) can implement the same five calls; `tests/central/test_storage.py` holds
the contract tests every implementation must pass.
"""

from __future__ import annotations

import hashlib
import os
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

_KEY = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_READ = 256 * 1024

try:  # several center processes on one host share the folder: an OS lock per part file
    import fcntl
except ImportError:  # pragma: no cover - Windows: the in-process lock alone
    fcntl = None  # type: ignore[assignment]


class StoreConflict(Exception):
    """An append that does not start where the part ends; `size` is where it does end."""

    def __init__(self, size: int) -> None:
        super().__init__(f"the part holds {size} bytes")
        self.size = size


class RecordingStore(Protocol):
    def append(self, key: str, offset: int, data: bytes) -> int:
        """Adds `data` at `offset` to the key's part (offset must equal its size, else
        StoreConflict); durable when it returns. Returns the part's new size."""

    def part_size(self, key: str) -> int:
        """Bytes of the key's part received so far (0 when none)."""

    def part_sha256(self, key: str) -> str:
        """The hex SHA-256 of the part as received."""

    def seal(self, key: str) -> None:
        """The part becomes the finished object (after its checksum was verified)."""

    def size(self, key: str) -> int | None:
        """The finished object's size, None when there is none."""

    def open_range(self, key: str, start: int, end: int) -> Iterator[bytes]:
        """Bytes start..end (inclusive) of the finished object, in pieces."""

    def delete(self, key: str) -> None:
        """Forget the key's part and object (nothing when neither exists)."""


def valid_key(key: str) -> bool:
    """Keys are the devices' recording ids (lower-case UUIDs): safe as file names."""
    return bool(_KEY.match(key))


class DiskStore:
    """Parts in `<root>/parts/<key>.part`, finished objects in `<root>/<key[:2]>/<key>`."""

    def __init__(self, root: Path) -> None:
        self.root = root  # made with the first recording: a center without any has no folder
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()

    def _part(self, key: str) -> Path:
        if not valid_key(key):
            raise ValueError(f"not a recording key: {key!r}")
        return self.root / "parts" / f"{key}.part"

    def _object(self, key: str) -> Path:
        if not valid_key(key):
            raise ValueError(f"not a recording key: {key!r}")
        return self.root / key[:2] / key

    def _lock(self, key: str) -> threading.Lock:
        with self._guard:
            return self._locks.setdefault(key, threading.Lock())

    def append(self, key: str, offset: int, data: bytes) -> int:
        path = self._part(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        with self._lock(key):
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
            try:
                if fcntl is not None:
                    fcntl.flock(fd, fcntl.LOCK_EX)
                size = os.fstat(fd).st_size
                if offset != size:
                    raise StoreConflict(size)
                view = memoryview(data)
                while view:
                    view = view[os.write(fd, view) :]
                os.fsync(fd)
                return size + len(data)
            finally:
                os.close(fd)  # closing drops the flock too

    def part_size(self, key: str) -> int:
        try:
            return self._part(key).stat().st_size
        except FileNotFoundError:
            return 0

    def part_sha256(self, key: str) -> str:
        digest = hashlib.sha256()
        with self._part(key).open("rb") as part:
            while chunk := part.read(_READ):
                digest.update(chunk)
        return digest.hexdigest()

    def seal(self, key: str) -> None:
        target = self._object(key)
        target.parent.mkdir(exist_ok=True)
        with self._lock(key):
            os.replace(self._part(key), target)
            _fsync_dir(target.parent)
            _fsync_dir(self.root / "parts")

    def size(self, key: str) -> int | None:
        try:
            return self._object(key).stat().st_size
        except FileNotFoundError:
            return None

    def open_range(self, key: str, start: int, end: int) -> Iterator[bytes]:
        with self._object(key).open("rb") as audio:
            audio.seek(start)
            left = end - start + 1
            while left > 0 and (chunk := audio.read(min(_READ, left))):
                left -= len(chunk)
                yield chunk

    def delete(self, key: str) -> None:
        with self._lock(key):
            for path in (self._part(key), self._object(key)):
                path.unlink(missing_ok=True)
        with self._guard:
            self._locks.pop(key, None)


def _fsync_dir(folder: Path) -> None:
    """A rename is durable once its folder is synced (POSIX; Windows has no such call)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def default_root() -> Path:
    """Next to the default database: the user data dir's central/recordings."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("softphone", appauthor=False)) / "central" / "recordings"
