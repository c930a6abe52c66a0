"""One immutable list file: a header with checksums, then a compact set, memory-mapped.

Format 2 (written now) holds a bucket set (`buckets`), format 1 an Elias–Fano set (`efset`);
both are read, so a list imported by an older version keeps working until its next import or
fold rewrites it.

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
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np

from softphone.compliance.blacklist import buckets, efset
from softphone.compliance.blacklist.buckets import BucketSet, Layout
from softphone.compliance.blacklist.efset import I64, EFSet, Shape
from softphone.compliance.errors import BlacklistError

MAGIC = b"SPBLSET1"
FORMAT = 2
_PREFIX = struct.Struct("<8sII")  # magic, format, header size
# Format 1: count, base, low bits, sample bytes, buckets, body crc32.
_FORMAT_1 = struct.Struct("<8sIIQQIIQI")
# Format 2: body crc32, levels; per level of bucket set: count, base, low bits, sample bytes,
# buckets, kept numbers; then the deepest overflow's (Elias–Fano) count, base, low bits, sample
# bytes, buckets.
_FORMAT_2 = struct.Struct("<II")
_LEVEL = struct.Struct("<QQIIQQ")
_DEEPEST = struct.Struct("<QQIIQ")
_HEADER_SIZES = {1: 64, 2: 256}  # each ends with the crc32 of the bytes before it
NumberSet = BucketSet | EFSet
Encoder = Callable[[I64], tuple[Layout | Shape, Iterator[bytes]]]


def write_segment(path: Path, values: I64, fmt: int = FORMAT) -> int:
    """Write a sorted array of distinct numbers to `path`, atomically; the body's size. (`fmt`
    1 is kept for the tests that show an old file still reads.)"""
    encode: Encoder = buckets.encode if fmt == 2 else efset.encode
    shape, pieces = encode(values)
    header_size = _HEADER_SIZES[fmt]
    body_crc = 0
    temporary = path.with_name(path.name + ".tmp")
    with open(temporary, "wb") as out:
        out.write(bytes(header_size))
        for piece in pieces:
            body_crc = zlib.crc32(piece, body_crc)
            out.write(piece)
        header = _pack_header(shape, body_crc).ljust(header_size - 4, b"\0")
        out.seek(0)
        out.write(header + struct.pack("<I", zlib.crc32(header)))
        out.flush()
        os.fsync(out.fileno())
    os.replace(temporary, path)
    sync_folder(path.parent)
    return shape.size


def _pack_header(shape: Layout | Shape, body_crc: int) -> bytes:
    if isinstance(shape, Shape):
        return _FORMAT_1.pack(
            MAGIC, 1, _HEADER_SIZES[1], shape.count, shape.base, shape.low_bits,
            shape.sample_bytes, shape.buckets, body_crc,
        )  # fmt: skip
    levels = []
    deepest: Layout | Shape = shape
    while isinstance(deepest, Layout):
        levels.append(_LEVEL.pack(
            deepest.count, deepest.base, deepest.low_bits, deepest.sample_bytes,
            deepest.buckets, deepest.kept,
        ))  # fmt: skip
        deepest = deepest.overflow
    ef = _DEEPEST.pack(
        deepest.count, deepest.base, deepest.low_bits, deepest.sample_bytes, deepest.buckets
    )
    return b"".join(
        [
            _PREFIX.pack(MAGIC, 2, _HEADER_SIZES[2]),
            _FORMAT_2.pack(body_crc, len(levels)),
            *levels,
            ef,
        ]
    )


def open_segment(path: Path, verify: bool = True) -> NumberSet:
    """Map a list file; BlacklistError when it is missing, truncated or corrupt."""
    try:
        with open(path, "rb") as file:
            size = os.fstat(file.fileno()).st_size
            if size < _PREFIX.size:
                raise BlacklistError(f"{path} is truncated ({size} bytes)")
            data = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)
    except FileNotFoundError as exc:
        raise BlacklistError(f"{path} is missing") from exc
    except (OSError, ValueError) as exc:
        raise BlacklistError(f"cannot read {path}: {exc}") from exc
    try:
        shape, body_crc, header_size = _read_header(path, data, size)
        if size != header_size + shape.size:
            raise BlacklistError(
                f"{path} is truncated or padded: {size} bytes, expected {header_size + shape.size}"
            )
        if verify and _crc_of_body(data, header_size) != body_crc:
            raise BlacklistError(f"{path} is corrupt (checksum mismatch); import the list again")
        if isinstance(shape, Shape):
            return EFSet(shape, data, header_size)
        return BucketSet(shape, data, header_size)
    except BlacklistError:
        data.close()
        raise


def _crc_of_body(data: mmap.mmap, header_size: int) -> int:
    # Through views, not a slice: a slice would copy the whole list into memory.
    with memoryview(data) as view, view[header_size:] as body:
        return zlib.crc32(body)


def _read_header(path: Path, data: mmap.mmap, size: int) -> tuple[Layout | Shape, int, int]:
    """The set's parameters, the body's crc32 and the header's size."""
    magic, fmt, _ = _PREFIX.unpack(data[: _PREFIX.size])
    if magic != MAGIC:
        raise BlacklistError(f"{path} is not a blacklist file (bad magic)")
    if fmt not in _HEADER_SIZES:
        raise BlacklistError(f"{path} has format {fmt}; this version reads formats 1 and 2")
    header_size = _HEADER_SIZES[fmt]
    if size < header_size:
        raise BlacklistError(f"{path} is truncated ({size} bytes)")
    raw = data[:header_size]
    if zlib.crc32(raw[:-4]) != struct.unpack("<I", raw[-4:])[0]:
        raise BlacklistError(f"{path} has a corrupt header (checksum mismatch)")
    if fmt == 1:
        _, _, _, count, base, low_bits, sample_bytes, buckets, body_crc = _FORMAT_1.unpack(
            raw[: _FORMAT_1.size]
        )
        return Shape(count, base, low_bits, buckets, sample_bytes), body_crc, header_size
    body_crc, levels = _FORMAT_2.unpack_from(raw, _PREFIX.size)
    at = _PREFIX.size + _FORMAT_2.size
    if levels * _LEVEL.size + _DEEPEST.size > header_size - 4 - at:
        raise BlacklistError(f"{path} has a corrupt header ({levels} levels)")
    count, base, low_bits, sample_bytes, buckets = _DEEPEST.unpack_from(
        raw, at + levels * _LEVEL.size
    )
    layout: Layout | Shape = Shape(count, base, low_bits, buckets, sample_bytes)
    for level in reversed(range(levels)):
        count, base, low_bits, sample_bytes, buckets, kept = _LEVEL.unpack_from(
            raw, at + level * _LEVEL.size
        )
        layout = Layout(count, base, low_bits, buckets, kept, sample_bytes, layout)
    return layout, body_crc, header_size


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
