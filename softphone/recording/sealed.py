"""The sealed recording file: the encoder's bytes in AES-GCM records, each one readable alone.

A recording is an Ogg Vorbis stream that only ever grows. It reaches the disk as a header and a
run of records; each record seals the bytes the encoder produced since the previous one. A killed
process or a lost battery leaves the records sealed so far intact and readable: the plaintext is
their concatenation, a playable (truncated) Ogg stream. The last record carries the `FINAL` flag,
so a file alone says whether it was closed.

Layout: MAGIC, the recording's 16-byte id; then records of [flags u8][length u32 BE][ciphertext
with its 16-byte tag]. Each recording has its own key, derived from the profile's master key and
the recording id (HKDF-SHA256), so the nonce can be the record's index: never reused under one
key, and a reordered, dropped or replayed record fails its tag (the header, index and flags are
the associated data).
"""

from __future__ import annotations

import hashlib
import os
import struct
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

MAGIC = b"SPREC\x01"
FINAL = 0x01
_RECORD_HEAD = struct.Struct(">BI")
_MAX_RECORD = 16 * 1024 * 1024
SUFFIX = ".sprec"


class SealedError(ValueError):
    """Not a sealed recording, or not one this key opens."""


def _file_key(master_key: bytes, recording_id: uuid.UUID) -> AESGCM:
    # Loaded by the first recording, not at start: with libsndfile, ~7 MB of the idle window's
    # memory (tests/gui/test_idle_imports.py); most agents record no call.
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    derived = HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None, info=b"softphone recording"
    ).derive(master_key + recording_id.bytes)
    return AESGCM(derived)


def _invalid_tag() -> type[Exception]:
    from cryptography.exceptions import InvalidTag  # loaded with the key, by _file_key

    return InvalidTag


def _nonce(index: int) -> bytes:
    return b"\0\0\0\0" + index.to_bytes(8, "big")


def _aad(header: bytes, index: int, flags: int) -> bytes:
    return header + index.to_bytes(8, "big") + bytes([flags])


class SealedWriter:
    """Appends sealed records to a new file; `seal` makes the bytes so far survive a crash."""

    def __init__(self, path: Path, master_key: bytes, recording_id: uuid.UUID) -> None:
        self.path = path
        self.header = MAGIC + recording_id.bytes
        self._aead = _file_key(master_key, recording_id)
        self._file: BinaryIO = open(path, "xb")  # noqa: SIM115 - held for the recording's life
        self._file.write(self.header)
        self._index = 0
        self.plain_size = 0
        self.sha256 = hashlib.sha256()
        self.closed = False

    def seal(self, plain: bytes, final: bool = False, sync: bool = True) -> None:
        if self.closed:
            raise SealedError("the recording is already closed")
        flags = FINAL if final else 0
        sealed = self._aead.encrypt(
            _nonce(self._index), plain, _aad(self.header, self._index, flags)
        )
        self._file.write(_RECORD_HEAD.pack(flags, len(sealed)) + sealed)
        self._file.flush()
        if sync:  # a power loss keeps what was sealed (once a second or so: cheap)
            os.fsync(self._file.fileno())
        self._index += 1
        self.plain_size += len(plain)
        self.sha256.update(plain)
        if final:
            self._file.close()
            self.closed = True

    def abandon(self) -> None:
        """Close without the final record (the file then reads as incomplete)."""
        if not self.closed:
            self._file.close()
            self.closed = True


@dataclass(frozen=True)
class SealedSummary:
    size: int
    sha256: str
    complete: bool
    records: int


class SealedReader:
    """Opens a sealed file with the profile's master key; yields the plaintext record by record
    and stops quietly at a torn or missing tail (the crash case)."""

    def __init__(self, path: Path, master_key: bytes) -> None:
        self.path = path
        with open(path, "rb") as head:
            self.header = head.read(len(MAGIC) + 16)
        if len(self.header) != len(MAGIC) + 16 or not self.header.startswith(MAGIC):
            raise SealedError(f"{path} is not a sealed recording")
        self.recording_id = uuid.UUID(bytes=self.header[len(MAGIC) :])
        self._aead = _file_key(master_key, self.recording_id)
        self.complete = False

    def chunks(self) -> Iterator[bytes]:
        with open(self.path, "rb") as file:
            file.seek(len(self.header))
            index = 0
            while head := file.read(_RECORD_HEAD.size):
                if len(head) < _RECORD_HEAD.size:
                    return  # torn record head: the process died writing it
                flags, length = _RECORD_HEAD.unpack(head)
                body = file.read(length) if length <= _MAX_RECORD else b""
                if len(body) < length or length == 0:
                    return
                try:
                    plain = self._aead.decrypt(_nonce(index), body, _aad(self.header, index, flags))
                except _invalid_tag():
                    if index == 0:
                        raise SealedError(f"{self.path}: wrong key or damaged file") from None
                    return  # a torn last record: what came before stands
                yield plain
                index += 1
                if flags & FINAL:
                    self.complete = True
                    return

    def read_from(self, offset: int) -> Iterator[bytes]:
        """The plaintext from byte `offset` on (an upload resumed where the center stopped)."""
        position = 0
        for plain in self.chunks():
            end = position + len(plain)
            if end > offset:
                yield plain[max(0, offset - position) :]
            position = end

    def summary(self) -> SealedSummary:
        digest = hashlib.sha256()
        size = records = 0
        for plain in self.chunks():
            digest.update(plain)
            size += len(plain)
            records += 1
        return SealedSummary(size, digest.hexdigest(), self.complete, records)

    def export(self, out: BinaryIO) -> SealedSummary:
        digest = hashlib.sha256()
        size = records = 0
        for plain in self.chunks():
            out.write(plain)
            digest.update(plain)
            size += len(plain)
            records += 1
        return SealedSummary(size, digest.hexdigest(), self.complete, records)
