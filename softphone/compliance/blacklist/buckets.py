"""An exact, compact, read-only set of numbers whose single lookup is a few dozen Python
operations: bucket counts read by popcount, low parts packed side by side, and an Elias–Fano set
(`efset`) for what does not fit.

Each number (relative to the smallest) is split into a bucket, its high part, and `low_bits` low
bits. Every bucket keeps its count of numbers, saturated at 3, in two bits. 56 such counts and a
16-bit running total (the numbers before the record since the last sample) make one 16-byte
record; a sample every 256 records holds the running total itself. The low parts of each
bucket's first three numbers follow in bucket order; a crowded bucket's fourth and later numbers
go to the overflow set. A lookup reads one record, adds two popcounts to find where its bucket's
low parts start, and compares at most three of them: two reads from memory and no select, where
an Elias–Fano lookup needs three reads and a select on a few hundred bits (twice the time).

With buckets about as wide as the mean gap between numbers a number costs its low bits, 2.3
bits of record and a little overflow: ≈ 0.94 byte for a US-sized list (250 M numbers, one in
32), within 1 % of Elias–Fano and against an information-theoretic floor of ≈ 0.85.

Layout (little-endian, every section 8-byte aligned): samples (uint32, or uint64 beyond 2³²
numbers) and a zero word; records (two uint64 each) and a zero word; low parts and four zero
words (a lookup reads whole words past the last one); the overflow set.
"""

from __future__ import annotations

import struct
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from softphone.compliance.blacklist.efset import (
    I64,
    U64,
    Buffer,
    EFSet,
    Shape,
    low_parts,
    pack_low,
    pad8,
    padded,
    shape_for,
)
from softphone.compliance.blacklist.efset import encode as encode_overflow

RECORD_BUCKETS = 56  # 112 bits of counts beside the 16-bit running total
RECORD_BYTES = 16
SAMPLE_EVERY = 256  # records per sample: 255 records hold at most 42,840 numbers (< 2¹⁶)
# Numbers a bucket keeps beside its count; the rest overflow. Four (a full bucket of three
# repeating its third) was measured at 250 M: lookups reaching the overflow fell from 3.2 % to
# 0.6 %, but the p99 stayed where the common path's own cold tail puts it (≈ 3 µs on a shared
# 2-core machine), the p50 paid a third popcount and the file grew to 0.967 byte/number.
KEPT = 3
MAX_DEPTH = 4  # levels of bucket sets; the last one's overflow is Elias–Fano
NESTED_FROM = 64  # fewer overflowing numbers than this go straight to Elias–Fano
_CHUNK = 1 << 20  # numbers per numpy pass (its temporaries: a few tens of MB)
_LOW_PADDING = 32  # zero bytes after the low parts: the widest read (3 × 50 bits) stays inside


@dataclass(frozen=True)
class Layout:
    """The parameters that, with the buffer, define a set."""

    count: int
    base: int  # the smallest number
    low_bits: int
    buckets: int
    kept: int  # numbers whose low parts are in the stream; count - kept overflow
    sample_bytes: int  # 4 or 8
    overflow: Layout | Shape  # a nested bucket set, or at the deepest level Elias–Fano

    @property
    def records(self) -> int:
        return -(-self.buckets // RECORD_BUCKETS)

    @property
    def samples_size(self) -> int:
        return pad8(-(-self.records // SAMPLE_EVERY) * self.sample_bytes) + 8

    @property
    def records_size(self) -> int:
        return self.records * RECORD_BYTES + 8

    @property
    def low_size(self) -> int:
        return pad8(-(-self.kept * self.low_bits // 8)) + _LOW_PADDING

    @property
    def size(self) -> int:
        return self.samples_size + self.records_size + self.low_size + self.overflow.size


# -- building --------------------------------------------------------------------------------


def encode(values: I64) -> tuple[Layout, Iterator[bytes]]:
    """The layout and the bytes (in pieces, to write as they come) of a sorted distinct array
    of non-negative numbers."""
    layout = plan(values)
    return layout, _pieces(values, layout)


def plan(values: I64, depth: int = 0) -> Layout:
    """Of the two bucket widths around the mean gap between numbers, the one that makes the
    smaller set (for a national list, about one number a bucket). A set's overflow is a bucket
    set too, down to MAX_DEPTH levels, then Elias–Fano: a crowded bucket's fourth number costs
    a second lookup like the first, not one three times slower."""
    count = len(values)
    if count == 0:
        return Layout(0, 0, 0, 0, 0, 4, shape_for(values))
    spread = int(values[-1]) - int(values[0]) + 1
    textbook = max(0, (spread // count).bit_length() - 1)
    return min(
        (_layout(values, low_bits, depth) for low_bits in (textbook, textbook + 1)),
        key=lambda candidate: candidate.size,
    )


def _layout(values: I64, low_bits: int, depth: int) -> Layout:
    """The layout at one bucket width, from a counting pass over the numbers."""
    base = int(values[0])
    spilled = _spilled(values, base, low_bits)
    kept = len(values) - len(spilled)
    overflow: Layout | Shape = shape_for(spilled)
    if depth + 1 < MAX_DEPTH and len(spilled) >= NESTED_FROM:
        overflow = plan(spilled, depth + 1)
    buckets = ((int(values[-1]) - base) >> low_bits) + 1
    sample_bytes = 4 if kept < 2**32 else 8
    return Layout(len(values), base, low_bits, buckets, kept, sample_bytes, overflow)


def _spilled(values: I64, base: int, low_bits: int) -> I64:
    """The numbers after the first KEPT of each bucket."""
    parts = [np.zeros(0, dtype=np.int64)]
    for start, stop in _bucket_chunks(values, base, low_bits):
        chunk = values[start:stop]
        _, _, rank = _runs((chunk - base) >> low_bits)
        parts.append(chunk[rank >= KEPT])
    return np.concatenate(parts)


def _bucket_chunks(values: I64, base: int, low_bits: int) -> Iterator[tuple[int, int]]:
    """Slices of about _CHUNK numbers that never split a bucket."""
    start = 0
    while start < len(values):
        stop = min(len(values), start + _CHUNK)
        if stop < len(values):
            bucket = (int(values[stop - 1]) - base) >> low_bits
            stop = int(np.searchsorted(values, base + ((bucket + 1) << low_bits)))
        yield start, stop
        start = stop


def _runs(high: I64) -> tuple[I64, I64, I64]:
    """For `high` ascending: where each bucket's numbers start, how many there are, and per
    number how many of its bucket come before it."""
    starts = np.flatnonzero(np.r_[True, high[1:] != high[:-1]])
    runs = np.diff(np.r_[starts, len(high)])
    rank: I64 = np.arange(len(high), dtype=np.int64) - np.repeat(starts, runs)
    return starts, runs, rank


def _pieces(values: I64, layout: Layout) -> Iterator[bytes]:
    base, low_bits = layout.base, layout.low_bits
    counts = np.zeros(layout.records * RECORD_BUCKETS, dtype=np.uint8)
    lows = np.zeros(layout.kept, dtype=_low_dtype(low_bits))
    spilled: list[I64] = []
    kept = 0
    for start, stop in _bucket_chunks(values, base, low_bits):
        rel = values[start:stop] - base
        high = rel >> low_bits
        starts, runs, rank = _runs(high)
        keep = rank < KEPT
        counts[high[starts]] = np.minimum(runs, KEPT)
        part = rel[keep] & ((1 << low_bits) - 1)
        lows[kept : kept + len(part)] = part
        kept += len(part)
        spilled.append(values[start:stop][~keep])
    samples, records = _records(counts, layout)
    del counts
    yield padded(samples.tobytes(), layout.samples_size)
    yield padded(records.tobytes(), layout.records_size)
    del samples, records
    written = 0
    for start in range(0, layout.kept, _CHUNK):  # _CHUNK is a multiple of 8: whole bytes
        part_bytes = pack_low(lows[start : start + _CHUNK].astype(np.uint64), low_bits)
        written += len(part_bytes)
        yield part_bytes
    yield bytes(layout.low_size - written)
    del lows
    overflow = np.concatenate([np.zeros(0, np.int64), *spilled])
    if isinstance(layout.overflow, Layout):
        yield from _pieces(overflow, layout.overflow)
    else:
        shape, pieces = encode_overflow(overflow)
        assert shape == layout.overflow, (shape, layout.overflow)
        yield from pieces


def _low_dtype(low_bits: int) -> npt.DTypeLike:
    for dtype in (np.uint8, np.uint16, np.uint32):
        if low_bits <= np.iinfo(dtype).bits:
            return dtype
    return np.uint64


def _records(counts: npt.NDArray[np.uint8], layout: Layout) -> tuple[npt.NDArray[np.generic], U64]:
    """The samples and the records (a uint64 pair each) from the buckets' saturated counts.
    One bucket column at a time is widened to 64 bits: all of them at once would be eight bytes
    a bucket (2 GB for a national list)."""
    per_record = counts.reshape(layout.records, RECORD_BUCKETS)
    sums = per_record.sum(axis=1, dtype=np.int64)
    totals = np.cumsum(sums) - sums
    samples = totals[::SAMPLE_EVERY]
    relative = totals - np.repeat(samples, SAMPLE_EVERY)[: layout.records]
    low_word = relative.astype(np.uint64)
    high_word = np.zeros(layout.records, dtype=np.uint64)
    for bucket in range(RECORD_BUCKETS):
        at = 16 + 2 * bucket
        if at < 64:
            low_word |= per_record[:, bucket].astype(np.uint64) << np.uint64(at)
        else:
            high_word |= per_record[:, bucket].astype(np.uint64) << np.uint64(at - 64)
    records = np.empty(2 * layout.records, dtype=np.uint64)
    records[0::2], records[1::2] = low_word, high_word
    dtype = np.uint32 if layout.sample_bytes == 4 else np.uint64
    return samples.astype(dtype), records


# -- reading ---------------------------------------------------------------------------------


class BucketSet:
    """Membership in an encoded set, reading straight from `data` (bytes or a memory map) at
    `offset`."""

    def __init__(self, layout: Layout, data: Buffer, offset: int = 0) -> None:
        if len(data) - offset < layout.size:
            raise ValueError(f"set body is {len(data) - offset} bytes, expected {layout.size}")
        self.layout = layout
        self._data = data
        view = memoryview(data)
        self._records_at = offset + layout.samples_size
        self._low_at = self._records_at + layout.records_size
        overflow_at = self._low_at + layout.low_size
        self._samples = view[offset : self._records_at].cast(
            "I" if layout.sample_bytes == 4 else "Q"
        )
        self._records = view[self._records_at : self._low_at]
        self._lows = view[self._low_at : overflow_at]
        self.overflow: BucketSet | EFSet = (
            BucketSet(layout.overflow, data, overflow_at)
            if isinstance(layout.overflow, Layout)
            else EFSet(layout.overflow, data, overflow_at)
        )
        self.contains: Callable[[int], bool] = _lookup(self)

    def __len__(self) -> int:
        return self.layout.count

    def __contains__(self, number: object) -> bool:
        return isinstance(number, int) and self.contains(number)

    def contains_many(self, numbers: I64) -> npt.NDArray[np.bool_]:
        """Membership of every number in an array, vectorised."""
        numbers = np.asarray(numbers, dtype=np.int64)
        found = np.zeros(len(numbers), dtype=bool)
        if not self.layout.count:
            return found
        rel = numbers - self.layout.base
        inside = np.flatnonzero((rel >= 0) & (rel < self.layout.buckets << self.layout.low_bits))
        for at in range(0, len(inside), 1 << 16):
            which = inside[at : at + (1 << 16)]
            found[which], spills = self._in_buckets(rel[which])
            crowded = which[spills]
            found[crowded] = self.overflow.contains_many(numbers[crowded])
        return found

    def _in_buckets(self, rel: I64) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.bool_]]:
        """Found among the buckets' kept numbers; and whether to look in the overflow set."""
        layout = self.layout
        high = rel >> layout.low_bits
        count, first = self._slots(high)
        low = rel & ((1 << layout.low_bits) - 1)
        found = np.zeros(len(rel), dtype=bool)
        last_low = np.full(len(rel), -1, dtype=np.int64)
        for nth in range(KEPT):
            has = np.flatnonzero(count > nth)
            value = self._low_array(first[has] + nth)
            found[has] |= value == low[has]
            last_low[has] = value
        return found, (count == KEPT) & (last_low < low)

    def _slots(self, high: I64) -> tuple[I64, I64]:
        """Per bucket: its saturated count and the stream index of its first low part."""
        record, bucket = np.divmod(high, RECORD_BUCKETS)
        words = np.frombuffer(self._records, dtype="<u8")
        low_word, high_word = words[2 * record], words[2 * record + 1]
        shift = (16 + 2 * bucket).astype(np.uint64)
        in_low = shift < 64
        count = np.where(
            in_low,
            low_word >> np.where(in_low, shift, 0),
            high_word >> np.where(in_low, 0, shift - 64),
        ) & np.uint64(3)
        below_low = low_word & _LOW_MASKS[bucket]
        below_high = high_word & _HIGH_MASKS[bucket]
        before = (
            np.bitwise_count(below_low).astype(np.int64)
            + np.bitwise_count(below_low & _ODD).astype(np.int64)
            + np.bitwise_count(below_high).astype(np.int64)
            + np.bitwise_count(below_high & _ODD).astype(np.int64)
        )
        samples = np.asarray(self._samples).astype(np.int64)
        first = (
            samples[record // SAMPLE_EVERY] + (low_word & np.uint64(0xFFFF)).astype(np.int64)
            + before
        )  # fmt: skip
        return count.astype(np.int64), first

    def _low_array(self, index: I64) -> I64:
        return low_parts(np.frombuffer(self._lows, np.uint8), index, self.layout.low_bits)

    def decode_all(self) -> Iterator[I64]:
        """Every number, ascending, in arrays of about a million."""
        if not self.layout.count:
            return
        overflow = np.concatenate([np.zeros(0, np.int64), *self.overflow.decode_all()])
        step = max(1, (1 << 20) // RECORD_BUCKETS)
        for start in range(0, self.layout.records, step):
            kept = self._decode_records(start, min(self.layout.records, start + step))
            low_end = self.layout.base + (((start + step) * RECORD_BUCKETS) << self.layout.low_bits)
            low_start = self.layout.base + ((start * RECORD_BUCKETS) << self.layout.low_bits)
            spill = overflow[
                np.searchsorted(overflow, low_start) : np.searchsorted(overflow, low_end)
            ]
            yield np.sort(np.concatenate([kept, spill])) if len(spill) else kept

    def _decode_records(self, start: int, stop: int) -> I64:
        buckets = np.arange(start * RECORD_BUCKETS, stop * RECORD_BUCKETS, dtype=np.int64)
        buckets = buckets[buckets < self.layout.buckets]
        count, first = self._slots(buckets)
        if not count.any():
            return np.zeros(0, dtype=np.int64)
        owners = np.repeat(buckets, count)
        index = int(first[0]) + np.arange(int(count.sum()), dtype=np.int64)
        values: I64 = (owners << self.layout.low_bits) + self._low_array(index) + self.layout.base
        return values


# Per bucket k of a record: the bits of the counts before it, in the low and the high word.
_LOW_MASKS = np.array(
    [((1 << min(64, 16 + 2 * k)) - 1) ^ 0xFFFF for k in range(RECORD_BUCKETS)], dtype=np.uint64
)
_HIGH_MASKS = np.array(
    [(1 << max(0, 16 + 2 * k - 64)) - 1 for k in range(RECORD_BUCKETS)], dtype=np.uint64
)
_ODD = np.uint64(0xAAAA_AAAA_AAAA_AAAA)  # the high bit of every count: a count of 2 or 3


def _lookup(numbers: BucketSet) -> Callable[[int], bool]:
    """Membership of one number, as a closure over the set's constants (attribute look-ups
    would be a third of the work).

    The record holds the counts of buckets before this one: their sum is the popcount of their
    bits plus the popcount of their high bits (a count of 2 or 3 has it; 3 has both). The three
    low parts of a bucket fit one 64-bit read when low_bits ≤ 19 (a national list: 5 to 10);
    wider ones are read from a slice."""
    layout = numbers.layout
    data, samples = numbers._data, numbers._samples
    base, low_bits = layout.base, layout.low_bits
    mask, top = (1 << low_bits) - 1, layout.buckets << low_bits
    records_at, low_at = numbers._records_at, numbers._low_at
    from_bytes = int.from_bytes
    below = [((1 << (16 + 2 * k)) - 1) ^ 0xFFFF for k in range(RECORD_BUCKETS)]
    odd = int("10" * 64, 2)
    per_record, sample_shift = RECORD_BUCKETS, SAMPLE_EVERY.bit_length() - 1
    read = _WORD.unpack_from if KEPT * low_bits + 7 <= 64 else _wide_reader(low_bits)
    in_overflow = numbers.overflow.contains

    def contains(number: int) -> bool:
        rel = number - base
        if not 0 <= rel < top:
            return False
        high = rel >> low_bits
        record = high // per_record
        bucket = high - record * per_record
        at = records_at + (record << 4)
        counts = from_bytes(data[at : at + 16], "little")
        count = (counts >> (16 + (bucket << 1))) & 3
        if not count:
            return False  # an empty bucket: most absent numbers stop here
        before = counts & below[bucket]
        pos = (
            samples[record >> sample_shift] + (counts & 0xFFFF)
            + before.bit_count() + (before & odd).bit_count()
        ) * low_bits  # fmt: skip
        lows: int = read(data, low_at + (pos >> 3))[0] >> (pos & 7)
        low = rel & mask
        value = lows & mask  # a bucket's low parts ascend: stop at the first not below `low`
        if value >= low or count == 1:
            return value == low
        value = (lows >> low_bits) & mask
        if value >= low or count == 2:
            return value == low
        value = (lows >> (low_bits << 1)) & mask
        if value >= low:
            return value == low
        return in_overflow(number)  # a crowded bucket's fourth and later numbers

    return contains


_WORD = struct.Struct("<Q")


def _wide_reader(low_bits: int) -> Callable[[Buffer, int], tuple[int]]:
    span = (KEPT * low_bits + 7 + 7) // 8

    def read(data: Buffer, at: int) -> tuple[int]:
        return (int.from_bytes(data[at : at + span], "little"),)

    return read
