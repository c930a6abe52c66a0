"""The calls the agent has in hand, followed from the engine's events, and the service record each
one becomes when it ends (`protocol.CallRecord`, written to the journal by the status keeper).

The engine's call keys ("c3") are short and reused across runs; each call gets its own id here,
unique for ever, which the journal and the center file it under.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from softphone.agent.status import Trigger
from softphone.events import CallEnded, CallState, IncomingCall, TransferAsked, TransferStatus
from softphone.protocol import CallRecord, QualitySummary
from softphone.sip.uri import number_of

_HUNG_UP_BY = {"agent": "agent", "remote": "customer"}


@dataclass
class LiveCall:
    key: str
    call_id: str
    direction: str
    number: str
    start_time: datetime
    answer_time: datetime | None = None
    skill_group: str = ""  # the queue an inbound call came through (IncomingCall), if named
    name: str = ""  # the caller's display name (From), kept in the journal for the history


@dataclass
class Transfer:
    """A transfer the agent asked for on a call, and how it went so far: `accepted` (the far
    end took the REFER), `completed` (the target answered) or `failed` (a final error)."""

    call_id: str
    to: str
    purpose: str
    result: str = "asked"
    code: int = 0
    reason: str = ""

    def note(self) -> str:
        """What the call record says: "survey transfer to 9001: completed (200 OK)"."""
        what = "survey transfer" if self.purpose == "survey" else "transfer"
        answer = f" ({self.code} {self.reason})".rstrip() if self.code else ""
        return f"{what} to {self.to}: {self.result}{answer}"


@dataclass(frozen=True)
class CallHappening:
    """One event turned into what it means for the status, and, at the end, the record."""

    trigger: Trigger
    call: LiveCall
    record: CallRecord | None = None
    sip_trace: str = ""


class CallBook:
    def __init__(self, agent_number: str, terminal: str) -> None:
        self.agent_number = agent_number
        self.terminal = terminal
        self.live: dict[str, LiveCall] = {}
        self.skill_group: str | None = None  # the agent's (first) skill group, from the config
        self.transfers: dict[str, Transfer] = {}  # by the engine's call key, until the call ends

    def offered(self, event: IncomingCall, now: datetime) -> CallHappening:
        call = LiveCall(event.call, uuid.uuid4().hex, "inbound", event.number, now)
        call.skill_group, call.name = event.skill_group, event.display_name
        self.live[event.call] = call
        return CallHappening(Trigger.OFFER, call)

    def state_changed(self, event: CallState, now: datetime) -> CallHappening | None:
        call = self.live.get(event.call)
        if call is None:
            if event.direction != "outbound":
                return None
            call = self._dialed(event.call, event.remote, now)
            return CallHappening(Trigger.DIAL, call)
        if event.state == "confirmed" and call.answer_time is None:
            call.answer_time = now
            return CallHappening(Trigger.ANSWER, call)
        return None

    def ended(self, event: CallEnded, now: datetime) -> list[CallHappening]:
        """The call's end; an outbound call never seen before (it failed at once) is dialled
        and ended in one go, so that it still gets its wrap-up and its record."""
        happenings: list[CallHappening] = []
        call = self.live.pop(event.call, None)
        if call is None:
            call = self._dialed(event.call, event.remote, now)
            self.live.pop(event.call)
            if event.direction == "inbound":
                call.direction = "inbound"
            else:
                happenings.append(CallHappening(Trigger.DIAL, call))
        unanswered_offer = call.direction == "inbound" and call.answer_time is None
        trigger = Trigger.OFFER_LOST if unanswered_offer else Trigger.CALL_END
        record = self._record(call, event, now, self.transfers.pop(event.call, None))
        trace = "\n\n".join(event.sip_trace)
        happenings.append(CallHappening(trigger, call, record, trace))
        return happenings

    def open_record(self, call: LiveCall) -> CallRecord:
        """The record of a call still under way (no end yet), for the center's live view."""
        inbound = call.direction == "inbound"
        return CallRecord(
            call_id=call.call_id,
            direction="inbound" if inbound else "outbound",
            terminal=self.terminal,
            calling_number=call.number if inbound else self.agent_number,
            called_number=self.agent_number if inbound else call.number,
            start_time=call.start_time,
            answer_time=call.answer_time,
            connected=call.answer_time is not None,
            skill_group=call.skill_group or self.skill_group,
        )

    def transfer_asked(self, event: TransferAsked) -> None:
        call = self.live.get(event.call)
        if call is not None:
            self.transfers[event.call] = Transfer(call.call_id, event.to, event.purpose)

    def transfer_status(self, event: TransferStatus) -> Transfer | None:
        """A NOTIFY's sipfrag (or the REFER's own answer): the transfer's result so far."""
        transfer = self.transfers.get(event.call)
        if transfer is None:
            return None
        if event.code >= 300:
            transfer.result = "failed"
        elif event.final and event.code >= 200:
            transfer.result = "completed"
        elif transfer.result == "asked":
            transfer.result = "accepted"
        transfer.code, transfer.reason = event.code, event.reason
        return transfer

    def call_id_of(self, key: str) -> str | None:
        call = self.live.get(key)
        return call.call_id if call is not None else None

    def _dialed(self, key: str, remote: str, now: datetime) -> LiveCall:
        call = LiveCall(key, uuid.uuid4().hex, "outbound", number_of(remote) or remote, now)
        self.live[key] = call
        return call

    def _record(
        self, call: LiveCall, event: CallEnded, now: datetime, transfer: Transfer | None
    ) -> CallRecord:
        hung_up_by = _HUNG_UP_BY.get(event.hung_up_by, "system")
        reason = f"{event.code} {event.reason}".strip() if event.code else event.reason
        if transfer is not None:  # why the call ended (or what was tried before it did)
            reason = "; ".join(filter(None, (transfer.note(), reason)))
        quality = event.quality
        summary = (
            None
            if quality is None
            else QualitySummary(
                mos=quality.mos,
                loss_pct=quality.loss_pct,
                jitter_ms=quality.jitter_ms,
                rtt_ms=quality.rtt_ms,
                codec=quality.codec or None,
            )
        )
        ended = {
            "end_time": now,
            "duration_s": event.duration_s,
            "hung_up_by": hung_up_by,
            "end_reason": reason or None,
            "quality": summary,
        }
        return self.open_record(call).model_copy(update=ended)
