"""RTP is read by a thread of our own during calls only: an idle agent has no thread polling for
it (pjmedia's own media thread woke every 10 ms all day: 0.3 → 0.8 % of an idle core), and a
call's RTP never waits for the SIP thread's loop (tests/bench/audio_path.py, busy GIL)."""

from __future__ import annotations

import ctypes
import threading
from collections.abc import Iterator

import pjsua2 as pj
import pytest

from softphone.sip import pj_native
from softphone.sip.rtp_reader import RtpReader
from softphone.sip.setup import endpoint_config


class QuietWriter(pj.LogWriter):  # type: ignore[misc]
    def write(self, entry: pj.LogEntry) -> None:
        pass


@pytest.fixture
def endpoint() -> Iterator[pj.Endpoint]:
    ep = pj.Endpoint()
    ep.libCreate()
    writer = QuietWriter()
    ep.libInit(endpoint_config(writer, media_ioqueue=RtpReader().available))
    yield ep
    ep.libDestroy()


def pjmedia_threads() -> int:
    lib = pj_native.library()
    get_thread = lib.pjmedia_endpt_get_thread
    get_thread.restype, get_thread.argtypes = ctypes.c_void_p, [ctypes.c_void_p, ctypes.c_uint]
    return 1 if get_thread(lib.pjsua_get_pjmedia_endpt(), 0) else 0


def readers() -> int:
    return sum(thread.name == "rtp-reader" for thread in threading.enumerate())


def test_the_reader_finds_its_c_functions_here() -> None:
    # This machine is Linux, whose wheel exports them; without, RTP falls back to the SIP thread.
    assert RtpReader().available


def test_an_idle_agent_has_no_thread_polling_for_rtp(endpoint: pj.Endpoint) -> None:
    reader = RtpReader()
    assert pjmedia_threads() == 1  # pjsua gives its own media ioqueue a polling thread…
    reader.attach()
    assert pjmedia_threads() == 0  # …which is stopped as soon as the library is up
    assert readers() == 0


def test_the_reader_runs_while_calls_need_it_and_stops_when_told(endpoint: pj.Endpoint) -> None:
    reader = RtpReader()
    reader.attach()
    reader.start()
    reader.start()  # a second call while the first runs: still one reader
    assert readers() == 1
    reader.read_now()  # what a microphone's tick does first: returns at once
    reader.stop()
    assert readers() == 0
    reader.detach()
    reader.read_now()  # after the library is gone: nothing to read, no crash
