"""One immutable list file: a header with checksums, then an Elias–Fano set, memory-mapped.

A file is written complete under a temporary name, flushed to disk, then renamed into place, so
a reader sees the old file or the new one, never half of one. Opening checks the magic, the
sizes and both checksums: a truncated or corrupted file is a BlacklistError saying which file
and what is wrong, never a crash and never a wrong answer.
"""

from __future__ import annotations

import mmap
import os
import struct
import zlib
from pathlib import Path

import numpy as np

from softphone.compliance.blacklist.efset import I64, EFSet, Shape, encode
from softphone.compliance.errors import BlacklistError

MAGIC = b"SPBLSET1"
FORMAT = 1
_HEADER = struct.Struct("<8sIIQQIIQI")  # magic, format, header size, count, base, low bits,
HEADER_SIZE = 64  # sample bytes, buckets, body crc32 — then the header's own crc32 at 60


def write_segment(path: Path, values: I64) -> Shape:
    """Write a sorted array of distinct numbers to `path`, atomically."""
    shape, pieces = encode(values)
    body_crc = 0
    temporary = path.with_name(path.name + ".tmp")
    with open(temporary, "wb") as out:
        out.write(bytes(HEADER_SIZE))
        for piece in pieces:
            body_crc = zlib.crc32(piece, body_crc)
            out.write(piece)
        header = _HEADER.pack(
            MAGIC, FORMAT, HEADER_SIZE, shape.count, shape.base, shape.low_bits,
            shape.sample_bytes, shape.buckets, body_crc,
        )  # fmt: skip
        header = header.ljust(HEADER_SIZE - 4, b"\0")
        out.seek(0)
        out.write(header + struct.pack("<I", zlib.crc32(header)))
        out.flush()
        os.fsync(out.fileno())
    os.replace(temporary, path)
    sync_folder(path.parent)
    return shape


def open_segment(path: Path, verify: bool = True) -> EFSet:
    """Map a list file; BlacklistError when it is missing, truncated or corrupt."""
    try:
        with open(path, "rb") as file:
            size = os.fstat(file.fileno()).st_size
            if size < HEADER_SIZE:
                raise BlacklistError(f"{path} is truncated ({size} bytes)")
            data = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)
    except FileNotFoundError as exc:
        raise BlacklistError(f"{path} is missing") from exc
    except (OSError, ValueError) as exc:
        raise BlacklistError(f"cannot read {path}: {exc}") from exc
    try:
        shape, body_crc = _read_header(path, data[:HEADER_SIZE])
        if size != HEADER_SIZE + shape.size:
            raise BlacklistError(
                f"{path} is truncated or padded: {size} bytes, expected {HEADER_SIZE + shape.size}"
            )
        if verify and _crc_of_body(data) != body_crc:
            raise BlacklistError(f"{path} is corrupt (checksum mismatch); import the list again")
    except BlacklistError:
        data.close()
        raise
    return EFSet(shape, data, HEADER_SIZE)


def _crc_of_body(data: mmap.mmap) -> int:
    # Through views, not a slice: a slice would copy the whole list into memory.
    with memoryview(data) as view, view[HEADER_SIZE:] as body:
        return zlib.crc32(body)


def _read_header(path: Path, raw: bytes) -> tuple[Shape, int]:
    if raw[:8] != MAGIC:
        raise BlacklistError(f"{path} is not a blacklist file (bad magic)")
    if zlib.crc32(raw[:60]) != struct.unpack("<I", raw[60:64])[0]:
        raise BlacklistError(f"{path} has a corrupt header (checksum mismatch)")
    _, fmt, _, count, base, low_bits, sample_bytes, buckets, body_crc = _HEADER.unpack(
        raw[: _HEADER.size]
    )
    if fmt != FORMAT:
        raise BlacklistError(f"{path} has format {fmt}; this version reads format {FORMAT}")
    return Shape(count, base, low_bits, buckets, sample_bytes), body_crc


def sync_folder(folder: Path) -> None:
    """Make a rename durable (POSIX); Windows has no directory handles to flush."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_atomically(path: Path, data: bytes) -> None:
    temporary = path.with_name(path.name + ".tmp")
    with open(temporary, "wb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())
    os.replace(temporary, path)
    sync_folder(path.parent)


def sorted_distinct(values: I64) -> I64:
    """The numbers ascending, each once: sorted in place, repeats squeezed out in place (a
    national list is gigabytes; a copy of it would double the import's memory)."""
    values = np.asarray(values, dtype=np.int64)
    values.sort()
    if len(values) < 2:
        return values
    kept = 1
    for start in range(1, len(values), _SQUEEZE_CHUNK):
        chunk = values[start : start + _SQUEEZE_CHUNK]
        new = chunk != values[start - 1 : start - 1 + len(chunk)]
        if new.all() and kept == start:
            kept += len(chunk)  # nothing to move yet
            continue
        fresh = chunk[new]  # a copy: the slots written below may overlap the chunk
        values[kept : kept + len(fresh)] = fresh
        kept += len(fresh)
    return values[:kept]


_SQUEEZE_CHUNK = 1 << 22
