"""pjsua2's own C functions, reached through ctypes, for the few things its binding cannot do.

The pjsua2 wheel's extension module carries all of pjlib, pjmedia and pjsua. On Linux and macOS
it exports their C functions (default symbol visibility); Windows' .pyd exports none, so there
`library()` is None and every user falls back to what the binding alone offers. Every function is
called through `CDLL`, which lets go of the GIL for the call: pjmedia may call back into Python
(a bridge port, a DTMF digit) from inside, on another thread, while its own locks are held.
"""

from __future__ import annotations

import ctypes
import functools
import threading
from typing import Any

import pjsua2 as pj

THREAD_DESC_LONGS = 64  # PJ_THREAD_DESC_SIZE: pjlib's per-thread record, kept by the caller


class Frame(ctypes.Structure):
    """pjmedia_frame, as pjmedia/frame.h lays it out."""

    _fields_ = [
        ("type", ctypes.c_int),
        ("buf", ctypes.c_void_p),
        ("size", ctypes.c_size_t),
        ("timestamp", ctypes.c_uint64),
        ("bit_info", ctypes.c_uint32),
    ]


PJMEDIA_FRAME_TYPE_AUDIO = 1


def get_audio_frame(lib: Any, port: int, frame: Frame, buffer: ctypes.Array[ctypes.c_char]) -> None:
    """One `get_frame` of a pjmedia port (the conference's master port: a tick; a stream's: one
    packet's worth of the far end's audio) into `buffer`, through the reused `frame`."""
    frame.type = PJMEDIA_FRAME_TYPE_AUDIO
    frame.buf = ctypes.addressof(buffer)
    frame.size = len(buffer)
    lib.pjmedia_port_get_frame(port, ctypes.byref(frame))


class TimeVal(ctypes.Structure):
    """pj_time_val: a timeout."""

    _fields_ = [("sec", ctypes.c_long), ("msec", ctypes.c_long)]


class JitterState(ctypes.Structure):
    """pjmedia_jb_state, as pjmedia/jbuf.h (2.15) lays it out: all unsigned."""

    _fields_ = [
        (name, ctypes.c_uint)
        for name in (
            "frame_size", "min_prefetch", "max_prefetch", "max_count", "burst", "prefetch",
            "size", "avg_delay", "min_delay", "max_delay", "dev_delay", "avg_burst", "lost",
            "discard", "empty",
        )
    ]  # fmt: skip


_SIGNATURES: dict[str, tuple[Any, list[Any]]] = {
    "pjsua_set_no_snd_dev": (ctypes.c_void_p, []),
    "pjmedia_port_get_frame": (ctypes.c_int, [ctypes.c_void_p, ctypes.POINTER(Frame)]),
    "pj_thread_is_registered": (ctypes.c_int, []),
    "pj_thread_register": (ctypes.c_int, [ctypes.c_char_p, ctypes.c_void_p, ctypes.c_void_p]),
    "pjsua_get_pjmedia_endpt": (ctypes.c_void_p, []),
    "pjmedia_endpt_get_ioqueue": (ctypes.c_void_p, [ctypes.c_void_p]),
    "pjmedia_endpt_stop_threads": (ctypes.c_int, [ctypes.c_void_p]),
    "pj_ioqueue_poll": (ctypes.c_int, [ctypes.c_void_p, ctypes.POINTER(TimeVal)]),
    "pjmedia_stream_get_port": (ctypes.c_int, [ctypes.c_void_p, ctypes.POINTER(ctypes.c_void_p)]),
    "pjmedia_stream_get_stat_jbuf": (ctypes.c_int, [ctypes.c_void_p, ctypes.POINTER(JitterState)]),
}


@functools.cache
def library() -> Any:
    """pjsua2's extension module with the functions above typed, or None where not exported."""
    module = getattr(pj, "_pjsua2", None)
    path = getattr(module, "__file__", None)
    if not path:
        return None
    try:
        lib = ctypes.CDLL(path)
        for name, (restype, argtypes) in _SIGNATURES.items():
            function = getattr(lib, name)
            function.restype = restype
            function.argtypes = argtypes
    except (OSError, AttributeError):
        return None
    return lib


class ThreadRecords:
    """Registers threads pjlib did not create (PortAudio's, our own) before they call into it.

    pjlib aborts the process on a call from a thread it does not know. Each record must outlive
    its thread's calls, so it is kept here, one per thread ident (512 bytes each)."""

    def __init__(self, name: bytes) -> None:
        self._name = name
        self._records: dict[int, Any] = {}
        self._known = threading.local()  # per thread, never reused as an ident may be

    def register_this_thread(self) -> None:
        # Called before every tick: asking pjlib each time would let the GIL go and queue for it
        # again, on the audio thread's hot path; the thread remembers instead.
        if getattr(self._known, "registered", False):
            return
        self._known.registered = True
        lib = library()
        if lib is None or lib.pj_thread_is_registered():
            return
        record = (ctypes.c_long * THREAD_DESC_LONGS)()
        handle = ctypes.c_void_p()
        self._records[threading.get_ident()] = (record, handle)
        lib.pj_thread_register(self._name, record, ctypes.byref(handle))

    def release(self, ident: int | None) -> None:
        """A thread of ours has ended: its record can go (PortAudio's never tell us they end)."""
        self._records.pop(ident or 0, None)
