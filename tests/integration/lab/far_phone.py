"""A second SIP phone for the lab: a plain pjsua2 process the tests drive with JSON lines.

Run as `python far_phone.py --registrar HOST:PORT --user U --password P [--auto-answer 200]
[--tone-hz F] [--play WAV] [--record WAV] [--srtp off|optional|mandatory]`.
Events out (stdout): ready, registered, registration_failed,
incoming, call_state, dtmf (digit, method), transfer_request (to), held, resumed, call_ended.
Commands in (stdin): call{to}, answer, hangup, dtmf{digits}, quit.

It follows the same pjsua2 rules as the product (one thread, null audio device as the clock) but
shares no code with it: a far end that reused our engine could not catch our engine's mistakes.
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import sys
import threading
import time
from typing import Any

import pjsua2 as pj

OUT = os.fdopen(os.dup(1), "w", buffering=1)
os.dup2(2, 1)  # pjlib chatter to stderr; stdout is the control channel


def emit(event: str, **fields: Any) -> None:
    OUT.write(json.dumps({"event": event, "t": time.time(), **fields}) + "\n")


class Phone:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.calls: dict[int, FarCall] = {}
        self.commands: queue.SimpleQueue[dict[str, Any]] = queue.SimpleQueue()
        self.tone: pj.ToneGenerator | None = None
        self.recorder: pj.AudioMediaRecorder | None = None
        self.player: pj.AudioMediaPlayer | None = None


class FarAccount(pj.Account):
    def __init__(self, phone: Phone) -> None:
        super().__init__()
        self.phone = phone

    def onRegState(self, prm: pj.OnRegStateParam) -> None:
        try:
            if self.getInfo().regIsActive:
                emit("registered", code=prm.code)
            else:
                emit("registration_failed", code=prm.code, reason=prm.reason)
        except Exception as exc:
            emit("error", message=repr(exc))

    def onIncomingCall(self, prm: pj.OnIncomingCallParam) -> None:
        try:
            call = FarCall(self.phone, self, prm.callId)
            self.phone.calls[call.getId()] = call
            emit("incoming", call=call.getId(), **{"from": call.getInfo().remoteUri})
            mode = self.phone.args.auto_answer
            op = pj.CallOpParam()
            op.statusCode = 180 if mode in ("none", "ring") else int(mode)
            call.answer(op)
        except Exception as exc:
            emit("error", message=repr(exc))


class FarCall(pj.Call):
    def __init__(self, phone: Phone, account: pj.Account, call_id: int = -1) -> None:
        super().__init__(account, call_id)
        self.phone = phone
        self.held = False

    def onCallState(self, prm: pj.OnCallStateParam) -> None:
        try:
            info = self.getInfo()
            emit("call_state", call=info.id, state=info.stateText.upper(), code=info.lastStatusCode)
            if info.state == pj.PJSIP_INV_STATE_DISCONNECTED:
                emit("call_ended", call=info.id, code=info.lastStatusCode, reason=info.lastReason)
                self.phone.calls.pop(info.id, None)
        except Exception as exc:
            emit("error", message=repr(exc))

    def onCallMediaState(self, prm: pj.OnCallMediaStateParam) -> None:
        try:
            info = self.getInfo()  # keep it: .media points into it (SWIG, no copy)
            for media in info.media:
                if media.type != pj.PJMEDIA_TYPE_AUDIO:
                    continue
                emit("media", call=self.getId(), status=int(media.status), dir=int(media.dir))
                if media.status == pj.PJSUA_CALL_MEDIA_REMOTE_HOLD and not self.held:
                    self.held = True
                    emit("held", call=self.getId())
                elif media.status == pj.PJSUA_CALL_MEDIA_ACTIVE:
                    if self.held:
                        self.held = False
                        emit("resumed", call=self.getId())
                    self._connect(media.index)
        except Exception as exc:
            emit("error", message=repr(exc))

    def _connect(self, index: int) -> None:
        audio = pj.AudioMedia.typecastFromMedia(self.getMedia(index))
        if self.phone.tone is not None:
            self.phone.tone.startTransmit(audio)
        if self.phone.player is not None:
            self.phone.player.startTransmit(audio)
        if self.phone.recorder is not None:
            audio.startTransmit(self.phone.recorder)

    def onDtmfDigit(self, prm: pj.OnDtmfDigitParam) -> None:
        try:
            method = "rfc2833" if prm.method == pj.PJSUA_DTMF_METHOD_RFC2833 else "info"
            emit("dtmf", call=self.getId(), digit=prm.digit, method=method)
        except Exception as exc:
            emit("error", message=repr(exc))

    def onCallTransferRequest(self, prm: pj.OnCallTransferRequestParam) -> None:
        emit("transfer_request", call=self.getId(), to=prm.dstUri)


MEDIA_STATUS = {
    pj.PJSUA_CALL_MEDIA_NONE: "none",
    pj.PJSUA_CALL_MEDIA_ACTIVE: "active",
    pj.PJSUA_CALL_MEDIA_LOCAL_HOLD: "local_hold",
    pj.PJSUA_CALL_MEDIA_REMOTE_HOLD: "remote_hold",
    pj.PJSUA_CALL_MEDIA_ERROR: "error",
}


def run_command(phone: Phone, account: FarAccount, cmd: dict[str, Any]) -> bool:
    name = cmd.get("cmd")
    if name == "quit":
        return False
    call = next(iter(phone.calls.values()), None)
    if name == "call":
        new = FarCall(phone, account)
        op = pj.CallOpParam(True)
        new.makeCall(cmd["to"], op)
        phone.calls[new.getId()] = new
    elif name == "answer" and call is not None:
        op = pj.CallOpParam()
        op.statusCode = 200
        call.answer(op)
    elif name == "hangup" and call is not None:
        call.hangup(pj.CallOpParam())
    elif name == "media_status" and call is not None:
        info = call.getInfo()
        statuses = [MEDIA_STATUS.get(int(m.status), str(m.status)) for m in info.media]
        emit("media_status", call=call.getId(), audio=statuses[0] if statuses else "none")
    elif name == "dtmf" and call is not None:
        call.dialDtmf(cmd["digits"])
    else:
        emit("error", message=f"cannot {name} now")
    return True


def read_stdin(phone: Phone) -> None:
    for line in sys.stdin:
        if line.strip():
            phone.commands.put(json.loads(line))
    phone.commands.put({"cmd": "quit"})


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--registrar", required=True)
    parser.add_argument("--user", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--auto-answer", default="200")
    parser.add_argument("--tone-hz", type=float, default=0.0)
    parser.add_argument("--record", default="")
    parser.add_argument("--play", default="", help="a WAV file the customer says, looped")
    parser.add_argument("--srtp", choices=("off", "optional", "mandatory"), default="off")
    args = parser.parse_args()
    phone = Phone(args)

    ep = pj.Endpoint()
    ep.libCreate()
    cfg = pj.EpConfig()
    cfg.uaConfig.threadCnt = 0
    cfg.uaConfig.mainThreadOnly = True
    cfg.logConfig.consoleLevel = int(os.environ.get("FAR_LOG", "1"))
    cfg.logConfig.level = int(os.environ.get("FAR_LOG", "1"))
    ep.libInit(cfg)
    tcfg = pj.TransportConfig()
    tcfg.port = 0
    ep.transportCreate(pj.PJSIP_TRANSPORT_UDP, tcfg)
    ep.libStart()
    ep.audDevManager().setNullDev()
    if args.tone_hz:
        phone.tone = pj.ToneGenerator()
        phone.tone.createToneGenerator(16000, 1)
        tone = pj.ToneDesc()
        tone.freq1 = int(args.tone_hz)
        tone.freq2 = 0
        tone.on_msec = 30000  # a short: at most 32767 ms, looped
        tone.off_msec = 0
        tones = pj.ToneDescVector()
        tones.append(tone)
        phone.tone.play(tones, True)
    if args.play:
        phone.player = pj.AudioMediaPlayer()
        phone.player.createPlayer(args.play)
    if args.record:
        phone.recorder = pj.AudioMediaRecorder()
        phone.recorder.createRecorder(args.record)

    acfg = pj.AccountConfig()
    acfg.idUri = f"sip:{args.user}@127.0.0.1"
    acfg.regConfig.registrarUri = f"sip:{args.registrar}"
    acfg.regConfig.timeoutSec = 60
    acfg.mediaConfig.transportConfig.port = 0
    acfg.mediaConfig.srtpUse = {
        "off": pj.PJMEDIA_SRTP_DISABLED,
        "optional": pj.PJMEDIA_SRTP_OPTIONAL,
        "mandatory": pj.PJMEDIA_SRTP_MANDATORY,
    }[args.srtp]
    acfg.mediaConfig.srtpSecureSignaling = 0
    acfg.sipConfig.proxies.append(f"sip:{args.registrar};lr")
    acfg.sipConfig.authCreds.append(pj.AuthCredInfo("digest", "*", args.user, 0, args.password))
    account = FarAccount(phone)
    account.create(acfg)
    emit("ready")

    threading.Thread(target=read_stdin, args=(phone,), daemon=True).start()
    running = True
    while running:
        ep.libHandleEvents(10)
        while running:
            try:
                cmd = phone.commands.get_nowait()
            except queue.Empty:
                break
            try:
                running = run_command(phone, account, cmd)
            except Exception as exc:
                emit("error", message=repr(exc))

    ep.hangupAllCalls()
    for _ in range(50):
        ep.libHandleEvents(10)
    phone.calls.clear()
    phone.tone = None
    phone.player = None
    phone.recorder = None
    account.shutdown()
    del account
    import gc

    gc.collect()
    ep.libDestroy()
    return 0


if __name__ == "__main__":
    sys.exit(main())
