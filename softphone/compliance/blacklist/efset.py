"""An exact, compact, read-only set of numbers: Elias–Fano coding of a sorted integer array.

Each number x (relative to the smallest) is split into `low_bits` low bits, packed side by side,
and a high part stored in unary in the "upper" bit vector (bit high + i set for the i-th
number). With u the spread of the numbers and n their count, that costs n·(2 + log2(u/n)) bits:
≈ 0.9 byte per number for a national list (u ≈ 10¹⁰, n ≈ 2.5·10⁸), against a floor of ≈ 0.85.
A sampled count every GROUP buckets makes a lookup read a few words, so the set works straight
from a memory-mapped file: nothing is decoded when it is opened.

Layout (little-endian, all sections 8-byte aligned): samples (uint32, or uint64 beyond 2³² numbers),
upper words (uint64), low words (uint64), each section followed by one zero word of padding.
"""

from __future__ import annotations

import mmap
import struct
from bisect import bisect_left
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import accumulate

import numpy as np
import numpy.typing as npt

GROUP_BITS = 6
GROUP = 1 << GROUP_BITS  # buckets per sample: the longest stretch of upper bits a lookup scans
_CHUNK = 1 << 20  # numbers encoded per numpy pass (a multiple of 8: low parts stay byte-aligned)

U64 = npt.NDArray[np.uint64]
Buffer = bytes | mmap.mmap
I64 = npt.NDArray[np.int64]


@dataclass(frozen=True)
class Shape:
    """The parameters that, with the buffer, define a set."""

    count: int
    base: int  # the smallest number
    low_bits: int
    buckets: int  # high parts 0 … buckets-1
    sample_bytes: int  # 4 or 8

    @property
    def groups(self) -> int:
        return self.buckets // GROUP + 2

    @property
    def samples_size(self) -> int:
        return pad8(self.groups * self.sample_bytes) + 8

    @property
    def upper_size(self) -> int:
        return pad8((self.count + self.buckets + 7) // 8) + 8

    @property
    def low_size(self) -> int:
        return pad8((self.count * self.low_bits + 7) // 8) + 8

    @property
    def size(self) -> int:
        return self.samples_size + self.upper_size + self.low_size


def pad8(size: int) -> int:
    return (size + 7) // 8 * 8


def shape_for(values: I64) -> Shape:
    """Parameters for a sorted array of distinct non-negative numbers."""
    count = len(values)
    if count == 0:
        return Shape(0, 0, 0, 0, 4)
    return shape_of(count, int(values[0]), int(values[-1]))


def shape_of(count: int, smallest: int, largest: int) -> Shape:
    """The smallest layout for `count` numbers from `smallest` to `largest`: the textbook
    low_bits = ⌊log2(spread/count)⌋, or one more when the samples make that cheaper (at a
    spread/count just under a power of two, e.g. a US list of 250 M numbers: 0.94 byte a number
    instead of 1.0)."""
    spread = largest - smallest + 1
    textbook = max(0, (spread // count).bit_length() - 1)
    sample_bytes = 4 if count < 2**32 else 8
    shapes = [
        Shape(count, smallest, low_bits, ((spread - 1) >> low_bits) + 1, sample_bytes)
        for low_bits in (textbook, textbook + 1)
    ]
    return min(shapes, key=lambda shape: shape.size)


def encode(values: I64) -> tuple[Shape, Iterator[bytes]]:
    """The shape and the bytes (in pieces, to write as they come) of a sorted distinct array."""
    shape = shape_for(values)
    return shape, _pieces(values, shape)


def _pieces(values: I64, shape: Shape) -> Iterator[bytes]:
    """Two passes over the numbers, a chunk at a time: the samples and upper bits first (they
    come first in the file), then the low parts, written as they are packed — so that encoding
    a national list holds little beyond the list itself."""
    counts = np.zeros(shape.groups, dtype=np.int64)
    upper = np.zeros(shape.upper_size, dtype=np.uint8)
    for start in range(0, shape.count, _CHUNK):
        rel = values[start : start + _CHUNK] - shape.base
        high = rel >> shape.low_bits
        first = int(high[0]) // GROUP + 1  # the numbers ascend: their groups are a short range
        found = np.bincount(high // GROUP + 1 - first)
        counts[first : first + len(found)] += found
        _set_bits(upper, high + np.arange(start, start + len(rel), dtype=np.int64))
    samples = np.cumsum(counts).astype(np.uint32 if shape.sample_bytes == 4 else np.uint64)
    del counts
    yield padded(samples.tobytes(), shape.samples_size)
    yield upper.tobytes()
    del upper
    written = 0
    for start in range(0, shape.count, _CHUNK):
        part = pack_low(
            (values[start : start + _CHUNK] - shape.base).astype(np.uint64), shape.low_bits
        )
        written += len(part)
        yield part
    yield bytes(shape.low_size - written)


def _set_bits(out: npt.NDArray[np.uint8], positions: I64) -> None:
    byte_index = positions >> 3
    bits = (np.uint8(1) << (positions & 7).astype(np.uint8)).astype(np.uint8)
    starts = np.flatnonzero(np.r_[True, byte_index[1:] != byte_index[:-1]])
    out[byte_index[starts]] |= np.bitwise_or.reduceat(bits, starts)


def pack_low(rel: U64, low_bits: int) -> bytes:
    if low_bits == 0:
        return b""
    bits = np.empty((len(rel), low_bits), dtype=np.uint8)
    for bit in range(low_bits):  # one bit at a time: temporaries of one byte a number
        bits[:, bit] = (rel >> np.uint64(bit)) & np.uint64(1)
    return np.packbits(bits.ravel(), bitorder="little").tobytes()


def padded(data: bytes, size: int) -> bytes:
    return data + bytes(size - len(data))


class EFSet:
    """Membership in an encoded set, reading straight from `data` (bytes or a memory map) at
    `offset`."""

    def __init__(self, shape: Shape, data: Buffer, offset: int = 0) -> None:
        if len(data) - offset < shape.size:
            raise ValueError(f"set body is {len(data) - offset} bytes, expected {shape.size}")
        self.shape = shape
        self._data = data
        self._base, self._low_bits = shape.base, shape.low_bits
        self._mask = (1 << shape.low_bits) - 1
        self._top = shape.buckets << shape.low_bits if shape.count else 0
        view = memoryview(data)
        samples_end = offset + shape.samples_size
        self._samples = view[offset:samples_end].cast("I" if shape.sample_bytes == 4 else "Q")
        self._upper_at = samples_end
        self._low_at = samples_end + shape.upper_size
        self._upper = view[samples_end : self._low_at]
        self._low = view[self._low_at : self._low_at + shape.low_size]
        self.contains: Callable[[int], bool] = _lookup(self)

    def __len__(self) -> int:
        return self.shape.count

    def __contains__(self, number: object) -> bool:
        return isinstance(number, int) and self.contains(number)

    def contains_many(self, numbers: I64) -> npt.NDArray[np.bool_]:
        """Membership of every number in an array, vectorised: per number, only the low parts
        of its own bucket are read."""
        found = np.zeros(len(numbers), dtype=bool)
        if not self.shape.count:
            return found
        rel = np.asarray(numbers, dtype=np.int64) - self._base
        inside = np.flatnonzero((rel >= 0) & (rel < self._top))
        for at in range(0, len(inside), 65536):
            which = inside[at : at + 65536]
            found[which] = self._in_buckets(rel[which])
        return found

    def _in_buckets(self, rel: I64) -> npt.NDArray[np.bool_]:
        high = rel >> self._low_bits
        row, rank, before = self._ones(high >> GROUP_BITS)
        # A one whose zeros before it (from its group's start) equal the bucket is in it.
        in_bucket = np.flatnonzero(row[1] == (high & (GROUP - 1))[row[0]])
        lows = self._low_array(before[row[0][in_bucket]] + rank[in_bucket])
        hit = lows == (rel & self._mask)[row[0][in_bucket]]
        found = np.zeros(len(rel), dtype=bool)
        found[row[0][in_bucket][hit]] = True
        return found

    def decode_groups(self, groups: I64) -> I64:
        """The numbers of the given sample groups (sorted, distinct), ascending."""
        groups = groups[(groups >= 0) & (groups < self.shape.groups - 1)]
        parts = [self._decode(groups[i : i + 65536]) for i in range(0, len(groups), 65536)]
        return np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)

    def decode_all(self) -> Iterator[I64]:
        """Every number, ascending, in arrays of about a million."""
        groups = np.arange(self.shape.groups - 1, dtype=np.int64)
        per_group = max(1.0, self.shape.count / max(1, len(groups)))
        step = max(1, int((1 << 20) / per_group))
        for start in range(0, len(groups), step):
            yield self.decode_groups(groups[start : start + step])

    def _decode(self, groups: I64) -> I64:
        (row, bucket), rank, before = self._ones(groups)
        high = groups[row] * GROUP + bucket
        low = self._low_array(before[row] + rank)
        values: I64 = (high << self._low_bits) + low + self._base
        return values

    def _ones(self, groups: I64) -> tuple[tuple[I64, I64], I64, I64]:
        """For every number of the given groups (one row per entry of `groups`): its row, its
        bucket within the group and its rank within the row; and each row's count of numbers
        before its group."""
        samples = np.asarray(self._samples)
        before = samples[groups].astype(np.int64)
        ones = samples[groups + 1].astype(np.int64) - before
        start = groups * GROUP + before
        lead = start & 7  # bits of the byte before the group starts: cleared below
        width = 8 + GROUP + int(ones.max(initial=0))  # bits from the byte boundary
        upper = np.frombuffer(self._upper, np.uint8)
        span = np.arange((width + 7) // 8 + 1)
        raw = upper[np.minimum((start >> 3)[:, None] + span, len(upper) - 1)]
        bits = np.unpackbits(raw, axis=1, bitorder="little")
        column = np.arange(bits.shape[1])
        bits[
            (column[None, :] < lead[:, None]) | (column[None, :] >= (lead + GROUP + ones)[:, None])
        ] = 0
        row, col = np.nonzero(bits)
        rank = np.arange(len(row)) - np.repeat(np.cumsum(ones) - ones, ones)
        # Zeros before a one, counted from the group's start, are its bucket within the group.
        return (row, col - lead[row] - rank), rank, before

    def _low_array(self, index: I64) -> I64:
        return low_parts(np.frombuffer(self._low, np.uint8), index, self._low_bits)


def low_parts(packed: npt.NDArray[np.uint8], index: I64, low_bits: int) -> I64:
    """The `index`-th low parts of `low_bits` bits packed side by side (as `pack_low` packs)."""
    if not low_bits:
        return np.zeros(len(index), dtype=np.int64)
    at = index * low_bits
    value = np.zeros(len(index), dtype=np.int64)
    for byte in range(((low_bits + 7) >> 3) + 1):  # enough bytes to cover any offset
        value |= packed[(at >> 3) + byte].astype(np.int64) << (8 * byte)
    result: I64 = (value >> (at & 7)) & ((1 << low_bits) - 1)
    return result


def _lookup(numbers: EFSet) -> Callable[[int], bool]:
    """Membership of one number, as a closure over the set's constants: a lookup is a few
    dozen bytecodes, and attribute look-ups would be a third of them.

    The bucket of a number starts after the `skip`-th zero of its group's upper bits. That
    select is done on all the group's bytes at once (SWAR, on a Python int): a translate gives
    each byte's count of zeros, a multiplication their running sums, one in each byte lane, and
    an addition flags the lanes that reach the zero sought. Every running sum stays below
    128 (a group holds GROUP zeros, its slice at most 15 more before and after it), so no lane
    carries into the next. A group longer than the lanes (a dense stretch) takes the
    byte-by-byte path, a bucket of many numbers a binary search."""
    data, samples = numbers._data, numbers._samples
    base, low_bits, mask, top = numbers._base, numbers._low_bits, numbers._mask, numbers._top
    upper_at, low_at = numbers._upper_at, numbers._low_at
    group_end = upper_at + GROUP // 8 + 1  # the group's last byte, and the next one
    zeros_in_byte, zeros_in_lead = _ZEROS_IN_BYTE, _ZEROS_IN_LEAD
    lanes, highs, max_lanes, over = _LANES, _HIGHS, _MAX_LANES, _OVER
    from_bytes, word_at = int.from_bytes, _WORD.unpack_from
    select_bytewise, search_bucket = _select_bytewise, _search_bucket
    group_bits, in_group = GROUP_BITS, GROUP - 1
    after_kth_zero = b"\0" + _AFTER_ZERO  # at 8·byte + k: the bit after its k-th zero

    def contains(number: int) -> bool:
        rel = number - base
        if not 0 <= rel < top:
            return False
        high = rel >> low_bits
        group = high >> group_bits
        before = samples[group]
        start = (group << group_bits) + before  # bit where bucket group·GROUP starts
        raw = data[
            upper_at + (start >> 3) : group_end + ((start + samples[group + 1] - before) >> 3)
        ]
        lead = start & 7
        skip = high & in_group
        if not skip:
            at = lead
        elif len(raw) <= max_lanes:
            # The bucket starts after the `rank`-th zero from the byte boundary: the zeros
            # among the `lead` bits before `start` come first.
            rank = skip + zeros_in_lead[(raw[0] << 3) + lead]
            running = from_bytes(raw.translate(zeros_in_byte), "little") * lanes
            # Bit 7 of lane k of running + over[rank] is set when the k+1 first bytes hold
            # `rank` zeros or more: the lanes without it are the bytes before the one sought.
            byte = max_lanes - ((running + over[rank]) & highs).bit_count()
            passed = ((running << 8) >> (byte << 3)) & 255  # zeros in the bytes before
            at = (byte << 3) + after_kth_zero[(raw[byte] << 3) + rank - passed]
        else:
            at = select_bytewise(raw, skip, lead)
        run = from_bytes(raw, "little") >> at
        if not run & 1:
            return False  # an empty bucket: about a third of absent numbers stop here
        pos = (before + at - lead - skip) * low_bits  # the bucket's first low part
        # Eight bytes are always there (the low parts end with a word of padding): at least
        # 56 bits of the bucket's low parts.
        chunk = word_at(data, low_at + (pos >> 3))[0] >> (pos & 7)
        low = rel & mask
        first = chunk & mask
        if first == low:
            return True
        if first > low or not run & 2:
            return False  # the bucket's low parts ascend: `low` would have come first
        length = ((run + 1) & ~run).bit_length() - 1  # numbers in the bucket
        if length * low_bits > 56:  # a crowded bucket (a block listed solid): its lows ascend
            return search_bucket(data, low_at, pos, length, low_bits, low)
        for _ in range(length - 1):
            chunk >>= low_bits
            if chunk & mask == low:
                return True
        return False

    return contains


def _search_bucket(
    data: Buffer, low_at: int, pos: int, length: int, low_bits: int, low: int
) -> bool:
    """Binary search among a bucket's `length` low parts (ascending), the first at bit `pos`."""
    mask = (1 << low_bits) - 1
    lo, hi = 0, length
    while lo < hi:
        middle = (lo + hi) >> 1
        at = pos + middle * low_bits
        word = int.from_bytes(
            data[low_at + (at >> 3) : low_at + ((at + low_bits) >> 3) + 1], "little"
        )
        value = (word >> (at & 7)) & mask
        if value == low:
            return True
        if value < low:
            lo = middle + 1
        else:
            hi = middle
    return False


def _select_bytewise(raw: bytes, skip: int, lead: int) -> int:
    """The bit (from the start of `raw`) just after the zero that ends bucket `skip - 1`."""
    rank = skip + lead - (raw[0] & ((1 << lead) - 1)).bit_count()
    running = list(accumulate(raw.translate(_ZEROS_IN_BYTE)))
    byte = bisect_left(running, rank)
    passed = running[byte - 1] if byte else 0
    return byte * 8 + _AFTER_ZERO[(raw[byte] << 3) + rank - passed - 1]


# Per byte value: its count of zero bits, and (at 8·byte + k) the bit just after its k+1-th zero.
_ZEROS_IN_BYTE = bytes(8 - bin(b).count("1") for b in range(256))
_AFTER_ZERO = bytes(
    ([i + 1 for i in range(8) if not (b >> i) & 1] + [0] * 8)[k]
    for b in range(256)
    for k in range(8)
)
# At 8·byte + lead: the zeros among the byte's lowest `lead` bits.
_ZEROS_IN_LEAD = bytes(
    lead - bin(b & ((1 << lead) - 1)).count("1") for b in range(256) for lead in range(8)
)
_WORD = struct.Struct("<Q")
# Byte lanes for the SWAR select: the longest slice of a group it reads at once.
_MAX_LANES = 32
_LANES = int.from_bytes(b"\x01" * _MAX_LANES, "little")
_HIGHS = _LANES << 7
# Per rank (at most 7 zeros before the group, GROUP - 1 in it): 128 - rank in every lane.
_OVER = [_HIGHS - rank * _LANES for rank in range(GROUP + 8)]
