"""How pjmedia's RTP jitter buffer trades delay for glitches on every call.

pjmedia's default ("progressive discard") keeps the buffer at the latest burst level: whenever it
stands above it, one frame is thrown away and the codec's concealment plays in its place. A far
end whose packets come in bursts (a softphone reading its sound card in 40–60 ms lumps, as
PulseAudio gives them) has the buffer grow after each burst and shrink again a few seconds later:
a concealed frame, the buffer running dry at the next burst, another concealed frame — a glitch
the customer's voice carries every few seconds, measured as 1–6 lost and as many empty frames a
call on loopback (tests/bench/audio_path.py). "Static discard" throws a frame away only when the
buffer stands at twice the burst level, which is what clock drift between the far end and us
does — and also what a conference tick held back by a busy interpreter does for a moment: 0–4
frames a call skipped under load. So where `JitterTrim` can watch the buffers (pjsua2's C
functions reachable: Linux, macOS) pjmedia discards nothing and drift is trimmed there, only once
the buffer has stood full for seconds; elsewhere (Windows) static discard stays. A floor of a few
frames keeps the buffer from running dry at each burst. pjmedia's 500 ms limit (`jbMax`) bounds
the buffer either way. The floor is also where a call starts (pjmedia's default starts with no
cushion at all, so the first late packet or early tick ran it dry: a glitch in most busy-GIL
calls). All of it costs a few tens of milliseconds of delay, which this direction has to spare
(far→agent is half of baresip's).

pjsua2's binding wraps the discard algorithm's enum as an opaque pointer, so it is written
through the value the binding hands out (see `_set_discard`).
"""

from __future__ import annotations

import ctypes

import pjsua2 as pj

DISCARD_NONE = 0  # pjmedia_jb_discard_algo: NONE 0, STATIC 1, PROGRESSIVE 2 (the default)
DISCARD_STATIC = 1
MIN_PREFETCH_MS = 60  # at the start and after running dry: this much before playing (again)
MAX_PREFETCH_MS = 300


def steady_jitter_buffer(media: pj.MediaConfig, drift_trimmed: bool) -> None:
    """Configure every call's RTP jitter buffer (`MediaConfig` before `libInit`);
    `drift_trimmed`: `JitterTrim` shortens a drifting buffer, so pjmedia never does."""
    media.jbInit = MIN_PREFETCH_MS  # pjmedia's default plays the first packet at once: no cushion
    media.jbMinPre = MIN_PREFETCH_MS
    media.jbMaxPre = MAX_PREFETCH_MS
    _set_discard(media, DISCARD_NONE if drift_trimmed else DISCARD_STATIC)


def _set_discard(media: pj.MediaConfig, algorithm: int) -> None:
    # The getter returns a heap copy of the enum behind an opaque pointer; write the value there
    # and hand the copy back to the setter, which copies it into the config. The binding has no
    # destructor for the copy and would print a warning on stdout when it is collected (the
    # headless agent's protocol channel): it is disowned, 4 bytes kept once per start.
    value = media.jbDiscardAlgo
    value.disown()
    ctypes.c_int.from_address(int(value)).value = algorithm
    media.jbDiscardAlgo = value
