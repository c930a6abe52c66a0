"""A frame's bytes into and out of pjsua2's `ByteVector` in one copy, not one call per byte.

pjsua2 2.15's Python binding has no bulk read for a `ByteVector` (pjproject added
`copy_to_bytearray` later, PR #4588): `bytes(frame.buf)` walks SWIG's iterator, one wrapped call
per byte, and SWIG lets go of the GIL around every wrapped call. 640 of them per 20 ms frame
cost 0.3 ms on a quiet interpreter and 10-30 ms when other threads want the GIL (each call queues
for it again), which made pjmedia's clock thread late for the next frame in both directions
(issue 18). So the bytes are copied straight from and to the vector's storage: every C++ standard
library a wheel is built with (libstdc++, libc++, MSVC's release build) starts a `std::vector`
with the pointers to its first and past-its-last element. That layout is checked once, on a
vector of known content; where it does not hold, the binding's own (slow) ways are used.
"""

from __future__ import annotations

import ctypes
import functools
import logging
from typing import Any

import pjsua2 as pj

log = logging.getLogger(__name__)

MAX_FRAME_BYTES = 1 << 16  # a frame larger than this is not what the layout check expects
_PROBE = bytes(range(1, 200))


def _storage(vector: Any) -> tuple[int, int]:
    """(address of the first element, size) as the vector's own first two pointers say."""
    first, last = (ctypes.c_void_p * 2).from_address(int(vector.this))
    return (first or 0), (last or 0) - (first or 0)


@functools.cache
def layout_holds() -> bool:
    """Whether this binding's vectors have the layout read here (checked once)."""
    try:
        probe = pj.ByteVector(_PROBE)
        first, size = _storage(probe)
        holds = size == len(_PROBE) and bool(first) and ctypes.string_at(first, size) == _PROBE
    except Exception:
        holds = False
    if not holds:
        log.info("audio frames are copied byte by byte (slow while the GIL is busy)")
    return holds


def bytes_of(vector: Any) -> bytes:
    """The vector's bytes: one copy from its storage (b"" for an empty one)."""
    if layout_holds():
        first, size = _storage(vector)
        if first and 0 < size <= MAX_FRAME_BYTES:
            return ctypes.string_at(first, size)
        if size == 0:
            return b""
    return bytes(vector)


class OutgoingFrame:
    """One `ByteVector` of `size` bytes reused for every frame sent, refilled in place.

    The frame's setter copies it into pjsua2's own frame, so reusing it is safe; refilling it
    costs no wrapped call (building a new one costs one, and a GIL wait with it).
    """

    def __init__(self, size: int) -> None:
        self.size = size
        self._vector = pj.ByteVector(bytes(size))
        self._raw: Any = None
        if layout_holds():
            first, have = _storage(self._vector)
            if first and have == size:
                self._raw = (ctypes.c_char * size).from_address(first)

    def holding(self, data: bytes) -> Any:
        """A ByteVector with `data` (exactly `size` bytes)."""
        if self._raw is None:
            return pj.ByteVector(data)
        self._raw.raw = data
        return self._vector
