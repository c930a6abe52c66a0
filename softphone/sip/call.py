"""One SIP call: its state as the agent sees it, its audio wiring, DTMF, transfer and quality.

Every call's audio is connected to the bridge port both ways as soon as its media is active —
with no sound device clock, a call left unconnected leaks a conference slot (DESIGN.md; fixed
upstream only in PJSIP 2.16). Mute cuts only the bridge-to-call direction, so the call's slot
stays connected. (Measured: `adjustTxLevel(0)` on the call's port did not silence it here.)
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING

import pjsua2 as pj

from softphone.events import CallEnded, CallState, DtmfReceived, QualitySample, TransferStatus
from softphone.sip.context import EngineContext
from softphone.sip.dialog_trust import DialogTrust
from softphone.sip.guard import callback
from softphone.sip.info_dtmf import InfoDigits
from softphone.sip.quality import Quality, StreamFigures, assess
from softphone.sip.trust import FORBIDDEN
from softphone.sip.uri import plain_uri

if TYPE_CHECKING:
    from softphone.sip.account import AgentAccount

log = logging.getLogger(__name__)

QUALITY_INTERVAL_S = 5.0
DEFAULT_PTIME_MS = 20.0
# A far end's REFER is refused unless the outbound desk's rule accepts it: left at pjsua's
# default (202), pjsua would dial the Refer-To target itself, past the compliance gate.
REFER_REFUSED = 603
REFER_ACCEPTED = 202
# A re-INVITE's answer can only be 200 or 488 (pjsua2's OnCallRxReinviteParam).
OFFER_REFUSED = 488
# A call pjsua was to place for an accepted REFER and did not (make_call failed): let it go.
_REFER_PLACED_WITHIN_S = 10.0

_STATES = {
    pj.PJSIP_INV_STATE_CALLING: "calling",
    pj.PJSIP_INV_STATE_INCOMING: "ringing",
    pj.PJSIP_INV_STATE_EARLY: "early",
    pj.PJSIP_INV_STATE_CONNECTING: "connecting",
    pj.PJSIP_INV_STATE_CONFIRMED: "confirmed",
    pj.PJSIP_INV_STATE_DISCONNECTED: "disconnected",
}


def _address(pointer: object) -> int:
    """A `void *` the binding hands out (SWIG's object for it), as a number for ctypes."""
    try:
        return int(pointer)  # type: ignore[call-overload,no-any-return]
    except (TypeError, ValueError):
        return 0


class AgentCall(pj.Call):  # type: ignore[misc]
    def __init__(
        self,
        engine: EngineContext,
        account: AgentAccount,
        call_id: int = pj.PJSUA_INVALID_ID,
        direction: str = "outbound",
    ) -> None:
        super().__init__(account, call_id)
        self.engine = engine
        self._account = account
        self.key = ""
        self.direction = direction
        self.remote = ""
        self.sip_call_id = ""
        self.muted = False
        self.on_hold = False
        self.hung_up_by = ""
        self.ended = False
        self.confirmed_at: float | None = None
        self.last_quality: Quality | None = None
        self._quality_timer: object | None = None
        self._audio: pj.AudioMedia | None = None
        self._info_digits = InfoDigits()
        self._trust = DialogTrust(account.sources)

    # --- pjsua2 callbacks -------------------------------------------------------------------

    @callback
    def onCallState(self, prm: pj.OnCallStateParam) -> None:
        info = self.getInfo()
        self.remote = self.remote or str(info.remoteUri)
        self.sip_call_id = self.sip_call_id or str(info.callIdString)
        state = _STATES.get(info.state, "")
        if info.state == pj.PJSIP_INV_STATE_EARLY and info.lastStatusCode == 180:
            state = "ringing"
        if info.state == pj.PJSIP_INV_STATE_CONFIRMED and self.confirmed_at is None:
            self.confirmed_at = time.monotonic()
            self._trust.set_up(str(info.remoteContact))
            self._schedule_quality()
        if state and info.state != pj.PJSIP_INV_STATE_INCOMING:  # the offer is `incoming`
            self._publish_state(state)
        if info.state == pj.PJSIP_INV_STATE_DISCONNECTED:
            self._on_disconnected(info)

    @callback
    def onCallMediaState(self, prm: pj.OnCallMediaStateParam) -> None:
        info = self.getInfo()
        for media in info.media:
            if media.type != pj.PJMEDIA_TYPE_AUDIO:
                continue
            if media.status == pj.PJSUA_CALL_MEDIA_ACTIVE:
                self._connect_audio(media.index)
                if self.on_hold:
                    self.on_hold = False
                    self._publish_state("confirmed")
            elif media.status == pj.PJSUA_CALL_MEDIA_LOCAL_HOLD and not self.on_hold:
                self.on_hold = True
                self._publish_state("held")

    @callback
    def onStreamCreated(self, prm: pj.OnStreamCreatedParam) -> None:
        # Its jitter buffer is watched for drift until the stream goes (jitter_trim).
        index = int(prm.streamIdx)
        frame_ms = self._frame_ms(index)
        self.engine.trim.watch((self.getId(), index), _address(prm.stream), frame_ms)

    def _frame_ms(self, index: int) -> float:
        """The stream codec's frame length (the jitter buffer's unit; G.711: 10 ms)."""
        try:
            info = self.getStreamInfo(index).audCodecParam.info
        except pj.Error:
            return DEFAULT_PTIME_MS
        return float(info.frameLen) / max(1, int(info.frameLenDenum))

    @callback
    def onStreamDestroyed(self, prm: pj.OnStreamDestroyedParam) -> None:
        trimmed = self.engine.trim.forget((self.getId(), int(prm.streamIdx)))
        # The last chance to read the stream's RTCP figures before pjmedia frees them.
        self._sample_quality(publish=False)
        self._log_jitter_buffer(int(prm.streamIdx), trimmed)

    def _log_jitter_buffer(self, index: int, trimmed: int) -> None:
        """What the jitter buffer did to the far end's audio over the call: frames thrown away
        (pjmedia's discard, or trimmed for drift: a skip each), lost or found empty (concealed):
        heard as glitches, before our bridge."""
        try:
            jbuf = self.getStreamStat(index).jbuf
        except pj.Error:
            return
        log.info(
            "call %s jitter buffer: %d frames discarded, %d trimmed for drift, %d lost, %d empty, "
            "delay %d ms avg, %d ms at the end",
            self.key,
            int(jbuf.discard),
            trimmed,
            int(jbuf.lost),
            int(jbuf.empty),
            int(jbuf.avgDelayMsec),
            round(int(jbuf.size) * self._frame_ms(index)),
        )

    @callback
    def onDtmfDigit(self, prm: pj.OnDtmfDigitParam) -> None:
        self.engine.publish(DtmfReceived(call=self.key, digit=str(prm.digit)))

    @callback
    def onCallTsxState(self, prm: pj.OnCallTsxStateParam) -> None:
        self._trust.note(prm.e)  # a REFER's source, before onCallTransferRequest is asked
        self._info_digits.on_transaction(prm.e, self._send_info_digit)

    @callback
    def onCallRxReinvite(self, prm: pj.OnCallRxReinviteParam) -> None:
        # A stranger's re-INVITE would move the audio to it, or put the customer on hold.
        if not self._admits("re-INVITE", str(prm.rdata.srcAddress)):
            prm.statusCode = OFFER_REFUSED

    @callback
    def onCallReplaceRequest(self, prm: pj.OnCallReplaceRequestParam) -> None:
        # An INVITE with Replaces takes this call over: only the server may bring one.
        if not self._admits("INVITE with Replaces", str(prm.rdata.srcAddress)):
            prm.statusCode = FORBIDDEN

    @callback
    def onCallTransferStatus(self, prm: pj.OnCallTransferStatusParam) -> None:
        code = int(prm.statusCode)
        self.engine.publish(
            TransferStatus(call=self.key, code=code, reason=str(prm.reason), final=prm.finalNotify)
        )
        if prm.finalNotify and 200 <= code < 300:
            # The transferee has reached the target: our leg is done (as every phone does).
            self.hang_up()
        prm.cont = not prm.finalNotify

    @callback
    def onCallTransferRequest(self, prm: pj.OnCallTransferRequestParam) -> None:
        prm.statusCode = REFER_REFUSED  # first: whatever fails below, the REFER stays refused
        target = str(prm.dstUri)
        source, self._trust.refer_source = self._trust.refer_source, ""
        if not self._admits("REFER", source):
            prm.statusCode = FORBIDDEN
            return
        referee = self.engine.referee
        if referee is None:
            log.warning(
                "REFER to %s on call %s refused: transfers are not accepted", target, self.key
            )
            return
        code = referee(target, self.key)
        if not 200 <= code < 300:
            prm.statusCode = code
            return
        if not self.engine.pace.try_start():
            prm.statusCode = 503  # as for an inbound call past the cap (softphone.sip.pace)
            return
        # The call pjsua places is a call of its own: our object, its own key, outbound.
        # (Without one pjsua2 reuses this call's object: the new call's events came out under
        # this call's key, as `inbound` from the old caller.)
        placed = AgentCall(self.engine, self._account, direction="outbound")
        placed.remote = plain_uri(target)
        self.engine.adopt_call(placed)
        prm.newCall = placed
        prm.statusCode = REFER_ACCEPTED
        self.engine.schedule(_REFER_PLACED_WITHIN_S, lambda: _let_go_if_never_placed(placed))

    def _admits(self, what: str, source: str) -> bool:
        if self._trust.admits(what, source):
            return True
        # DEBUG only: SourceGate.refuse says it at most once a minute, however many come.
        log.debug("%s from %s on call %s refused: not the SIP server", what, source, self.key)
        return False

    # --- commands (SIP thread) -------------------------------------------------------------

    def hang_up(self, code: int = 0) -> None:
        if self.ended:
            return
        self.hung_up_by = self.hung_up_by or "agent"
        prm = pj.CallOpParam()
        if code:
            prm.statusCode = code
        self.hangup(prm)

    def reject(self, code: int) -> None:
        self.hang_up(code)

    def hold(self) -> None:
        self.setHold(pj.CallOpParam(True))

    def resume(self) -> None:
        prm = pj.CallOpParam(True)
        prm.opt.flag = pj.PJSUA_CALL_UNHOLD
        self.reinvite(prm)

    def set_muted(self, muted: bool) -> None:
        self.muted = muted
        if self._audio is None:
            return
        # The agent's microphone path into this call is cut; the call's own path into the
        # bridge stays, so the call's conference slot remains connected (see the module doc).
        if muted:
            self.engine.bridge.stopTransmit(self._audio)
        else:
            self.engine.bridge.startTransmit(self._audio)

    def send_dtmf(self, digits: str, prefer_info: bool = False) -> str:
        """Send DTMF in-band as RFC 2833 events; SIP INFO when asked or the peer lacks 2833."""
        if not prefer_info:
            try:
                self.dialDtmf(digits)
                return "rfc2833"
            except pj.Error as exc:
                log.info("RFC 2833 DTMF refused (%s); falling back to SIP INFO", exc.info())
        self._info_digits.send(digits, self._send_info_digit)
        return "info"

    # --- internals -------------------------------------------------------------------------

    def _send_info_digit(self, digit: str) -> None:
        prm = pj.CallSendDtmfParam()
        prm.method = pj.PJSUA_DTMF_METHOD_SIP_INFO
        prm.digits = digit
        self.sendDtmf(prm)

    def _publish_state(self, state: str) -> None:
        self.engine.publish(
            CallState(call=self.key, state=state, direction=self.direction, remote=self.remote)
        )

    def _connect_audio(self, index: int) -> None:
        audio = pj.AudioMedia.typecastFromMedia(self.getMedia(index))
        audio.startTransmit(self.engine.bridge)
        if not self.muted:
            self.engine.bridge.startTransmit(audio)
        self._audio = audio

    def _schedule_quality(self) -> None:
        self._quality_timer = self.engine.schedule(QUALITY_INTERVAL_S, self._periodic_quality)

    def _periodic_quality(self) -> None:
        if self.ended:
            return
        self._sample_quality(publish=True)
        self._schedule_quality()

    def _sample_quality(self, publish: bool) -> None:
        figures = self._stream_figures()
        if figures is None:
            return
        self.last_quality = assess(figures)
        if publish:
            self.engine.publish(self._quality_event(self.last_quality))

    def _stream_figures(self) -> StreamFigures | None:
        try:
            stat = self.getStreamStat(0)
            codec = str(self.getStreamInfo(0).codecName)
        except pj.Error:
            return None
        rx = stat.rtcp.rxStat
        return StreamFigures(
            rx_packets=int(rx.pkt),
            rx_lost=int(rx.loss),
            rx_reordered=int(rx.reorder),
            jitter_ms=float(rx.jitterUsec.mean) / 1000.0,
            rtt_ms=float(stat.rtcp.rttUsec.mean) / 1000.0,
            codec=codec,
        )

    def _quality_event(self, quality: Quality) -> QualitySample:
        return QualitySample(
            call=self.key,
            mos=quality.mos,
            loss_pct=quality.loss_pct,
            jitter_ms=quality.jitter_ms,
            rtt_ms=quality.rtt_ms,
            disorder_pct=quality.disorder_pct,
            codec=quality.codec,
        )

    def _on_disconnected(self, info: pj.CallInfo) -> None:
        self.ended = True
        self._audio = None
        self._info_digits.drop()
        if self._quality_timer is not None:
            self.engine.cancel(self._quality_timer)
            self._quality_timer = None  # the timer's action points back at us: no cycle
        duration = float(info.connectDuration.sec) + info.connectDuration.msec / 1000.0
        quality = self._quality_event(self.last_quality) if self.last_quality else None
        self.engine.publish(
            CallEnded(
                call=self.key,
                reason=str(info.lastReason),
                code=int(info.lastStatusCode),
                duration_s=round(duration, 3),
                direction=self.direction,
                remote=self.remote,
                hung_up_by=self.hung_up_by or "remote",
                quality=quality,
                sip_trace=self.engine.traces.take(self.sip_call_id),
            )
        )
        self.engine.release_call(self)


def _let_go_if_never_placed(call: AgentCall) -> None:
    if call.getId() == pj.PJSUA_INVALID_ID and not call.ended:
        log.warning("the call to %s asked by a REFER was not placed", call.remote)
        call.ended = True
        call.engine.release_call(call)
