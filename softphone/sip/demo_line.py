"""The demo's customer line: a pjsua2 process of ours that plays a customer on this computer.

`softphone demo line --port P --agent sip:agent@127.0.0.1:Q --speech FILE` listens on loopback
(no registrar: the demo agent's profile names this line as its server, so its INVITEs are the
server's and pass the agent's trust check), calls the agent soon after start and then every
`--interval-s` seconds when no call is up, and answers whatever the agent dials; either way the
far end hears the recorded speech (a WAV file, looped). A call the agent does not end is hung up
after `--talk-s` seconds.

It lives as long as the app that started it: stdin is a pipe from the app, and when it closes
(the app quit, crashed or was killed) the line hangs up and exits. JSON lines on stdout say what
happens (ready, calling, call_state, call_ended) for the app's log and for tests.
"""

from __future__ import annotations

import gc
import heapq
import itertools
import json
import os
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pjsua2 as pj

from softphone.sip.guard import callback

ANSWER_AFTER_S = 1.5  # rings briefly first, as a person would pick up
RETRY_AFTER_S = 5.0  # the agent's phone was not up yet: try again soon
RING_FOR_S = 45.0  # a caller in a queue gives up after a while: the agent sees a missed call


@dataclass
class LineOptions:
    port: int
    agent: str
    speech: str
    caller: str = "+8613912345678"
    first_call_s: float = 8.0
    interval_s: float = 120.0
    talk_s: float = 40.0
    ring_s: float = RING_FOR_S
    record: str = ""  # a WAV file of what the customer hears (the first call), for tests


@dataclass(order=True)
class _Timer:
    due: float
    seq: int
    action: Callable[[], None] = field(compare=False)
    cancelled: bool = field(default=False, compare=False)


class Line:
    """The line's state on its one thread: the timers, the calls, the quit flag."""

    def __init__(self, options: LineOptions, out: Any) -> None:
        self.options = options
        self.out = out
        self.calls: dict[int, LineCall] = {}
        self.timers: list[_Timer] = []
        self._seq = itertools.count()
        self.quit = threading.Event()
        self.account: LineAccount | None = None
        self.answered_any = False
        self.recorder: pj.AudioMediaRecorder | None = None

    def emit(self, event: str, **fields: Any) -> None:
        self.out.write(json.dumps({"event": event, "t": time.time(), **fields}) + "\n")
        self.out.flush()

    def schedule(self, delay_s: float, action: Callable[[], None]) -> _Timer:
        timer = _Timer(time.monotonic() + delay_s, next(self._seq), action)
        heapq.heappush(self.timers, timer)
        return timer

    def run_due(self) -> None:
        now = time.monotonic()
        while self.timers and self.timers[0].due <= now:
            timer = heapq.heappop(self.timers)
            if not timer.cancelled:
                try:
                    timer.action()
                except pj.Error as exc:
                    self.emit("error", message=exc.info())

    def call_agent(self) -> None:
        """Ring the agent, unless a call is up; the next attempt is planned when this one ends."""
        if self.calls or self.account is None:
            return
        call = LineCall(self, self.account)
        self.emit("calling", to=self.options.agent)
        call.makeCall(self.options.agent, pj.CallOpParam(True))
        self.calls[call.getId()] = call
        call.give_up_timer = self.schedule(self.options.ring_s, call.give_up)

    def call_ended(self, call: LineCall, connected: bool) -> None:
        self.calls.pop(call.getId(), None)
        if call.outbound:
            # The agent's phone rang (answered, declined or left ringing): the next call comes
            # after the interval, not at once; it never rang: the agent's app is not up yet.
            again = self.options.interval_s if connected or call.rang else RETRY_AFTER_S
            self.schedule(again, self.call_agent)
            self.emit("next_call", in_s=again)


class LineAccount(pj.Account):  # type: ignore[misc]
    def __init__(self, line: Line) -> None:
        super().__init__()
        self.line = line

    @callback
    def onIncomingCall(self, prm: pj.OnIncomingCallParam) -> None:
        call = LineCall(self.line, self, prm.callId, outbound=False)
        self.line.calls[call.getId()] = call
        self.line.emit("incoming", call=call.getId(), to=call.getInfo().localUri)
        ringing = pj.CallOpParam()
        ringing.statusCode = 180
        call.answer(ringing)
        self.line.schedule(ANSWER_AFTER_S, call.pick_up)


class LineCall(pj.Call):  # type: ignore[misc]
    def __init__(self, line: Line, account: pj.Account, call_id: int = -1, outbound: bool = True):
        super().__init__(account, call_id)
        self.line = line
        self.outbound = outbound
        self.connected = False
        self.player: pj.AudioMediaPlayer | None = None
        self.hang_up_timer: _Timer | None = None
        self.give_up_timer: _Timer | None = None
        self.rang = False  # the agent's phone said it rings (180/183)

    def pick_up(self) -> None:
        if self.getId() in self.line.calls and not self.connected:
            op = pj.CallOpParam()
            op.statusCode = 200
            self.answer(op)

    def end(self) -> None:
        if self.getId() in self.line.calls:
            self.hangup(pj.CallOpParam())

    def give_up(self) -> None:
        """Nobody answered for `ring_s`: hang up (a CANCEL), as a waiting customer does."""
        if self.getId() in self.line.calls and not self.connected:
            self.line.emit("gave_up", call=self.getId(), after_s=self.line.options.ring_s)
            self.end()

    @callback
    def onCallState(self, prm: pj.OnCallStateParam) -> None:
        info = self.getInfo()
        state = info.stateText.upper()
        self.line.emit("call_state", call=info.id, state=state, code=info.lastStatusCode)
        if info.state == pj.PJSIP_INV_STATE_EARLY and info.lastStatusCode in (180, 183):
            self.rang = True
        answered_or_over = (pj.PJSIP_INV_STATE_CONFIRMED, pj.PJSIP_INV_STATE_DISCONNECTED)
        if info.state in answered_or_over and self.give_up_timer is not None:
            self.give_up_timer.cancelled = True
        if info.state == pj.PJSIP_INV_STATE_CONFIRMED and not self.connected:
            self.connected = True
            self.line.answered_any = True
            self.hang_up_timer = self.line.schedule(self.line.options.talk_s, self.end)
        elif info.state == pj.PJSIP_INV_STATE_DISCONNECTED:
            if self.hang_up_timer is not None:
                self.hang_up_timer.cancelled = True
            self.line.emit("call_ended", call=info.id, code=info.lastStatusCode)
            self.line.call_ended(self, self.connected)

    @callback
    def onCallMediaState(self, prm: pj.OnCallMediaStateParam) -> None:
        info = self.getInfo()  # kept: .media points into it (SWIG, no copy)
        for media in info.media:
            if media.type == pj.PJMEDIA_TYPE_AUDIO and media.status == pj.PJSUA_CALL_MEDIA_ACTIVE:
                self._speak(pj.AudioMedia.typecastFromMedia(self.getMedia(media.index)))

    def _speak(self, audio: pj.AudioMedia) -> None:
        """The customer talks: the recorded speech, looped, for as long as the call is up."""
        if self.player is None:
            self.player = pj.AudioMediaPlayer()
            self.player.createPlayer(self.line.options.speech, 0)
        self.player.startTransmit(audio)
        if self.line.options.record and self.line.recorder is None:
            self.line.recorder = pj.AudioMediaRecorder()
            self.line.recorder.createRecorder(self.line.options.record)
            audio.startTransmit(self.line.recorder)


def _endpoint(port: int) -> pj.Endpoint:
    ep = pj.Endpoint()
    ep.libCreate()
    cfg = pj.EpConfig()
    cfg.uaConfig.threadCnt = 0  # one thread owns pjsua2, as in the agent (DESIGN.md)
    cfg.uaConfig.mainThreadOnly = True
    cfg.uaConfig.userAgent = "AgentSoftphone-demo-line"
    cfg.logConfig.consoleLevel = int(os.environ.get("SOFTPHONE_DEMO_LINE_LOG", "1"))
    cfg.logConfig.level = cfg.logConfig.consoleLevel
    cfg.medConfig.noVad = True
    ep.libInit(cfg)
    transport = pj.TransportConfig()
    transport.port = port
    transport.boundAddress = "127.0.0.1"  # the demo stays on this computer
    ep.transportCreate(pj.PJSIP_TRANSPORT_UDP, transport)
    ep.libStart()
    ep.audDevManager().setNullDev()  # the null device is the media clock; no sound card used
    return ep


def _account(line: Line) -> LineAccount:
    cfg = pj.AccountConfig()
    cfg.idUri = f"sip:{line.options.caller}@127.0.0.1"
    cfg.mediaConfig.transportConfig.port = 0
    cfg.mediaConfig.transportConfig.boundAddress = "127.0.0.1"
    account = LineAccount(line)
    account.create(cfg)
    return account


def _watch_parent(line: Line) -> None:
    """Quit when stdin closes: the app that started the line is gone (however it went)."""
    for raw in sys.stdin:
        if raw.strip() == "quit":
            break
    line.quit.set()


def run(options: LineOptions) -> int:
    out = os.fdopen(os.dup(1), "w", buffering=1)
    os.dup2(2, 1)  # pjlib writes to stdout; stdout is the line's report channel
    line = Line(options, out)
    ep = _endpoint(options.port)
    line.account = _account(line)
    threading.Thread(target=_watch_parent, args=(line,), name="parent-watch", daemon=True).start()
    line.schedule(options.first_call_s, line.call_agent)
    line.emit("ready", port=options.port, pid=os.getpid())
    while not line.quit.is_set():
        ep.libHandleEvents(10)
        line.run_due()
    _shut_down(ep, line)
    return 0


def _shut_down(ep: pj.Endpoint, line: Line) -> None:
    ep.hangupAllCalls()
    deadline = time.monotonic() + 1.0
    while line.calls and time.monotonic() < deadline:
        ep.libHandleEvents(10)
    line.calls.clear()
    line.recorder = None  # closes the WAV file
    if line.account is not None:
        line.account.shutdown()
    line.account = None
    gc.collect()
    ep.libDestroy()
