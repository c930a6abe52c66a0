"""AgentSession: the agent's use cases in one façade, shared by the headless agent and the GUI.

It owns the event bus, the SIP phone and the device side of call audio. Every outbound call —
dial, transfer, a far end's REFER — goes through the outbound desk, which alone holds the
phone's dialer and asks the compliance gate first.
"""

from __future__ import annotations

import logging
import sys
from concurrent.futures import Future
from dataclasses import replace
from datetime import datetime, timezone

from softphone import protocol
from softphone.agent.call_audio import CallAudioKeeper
from softphone.agent.desk import AgentDesk
from softphone.agent.hotplug import DeviceHotplug
from softphone.agent.outbound import OutboundDesk
from softphone.agent.readiness import ReadinessChecks
from softphone.agent.readiness_gate import ReadinessGate
from softphone.agent.recording import CallRecorder
from softphone.agent.snapshot import SessionSnapshot, SnapshotKeeper
from softphone.agent.status import AgentState, StatusPolicy
from softphone.compliance import place_names
from softphone.compliance.caller_info import CallerInfo, caller_info, shown_number
from softphone.compliance.errors import PolicyError
from softphone.compliance.gate import Gate
from softphone.compliance.profile import open_gate
from softphone.compliance.verdict import Verdict
from softphone.config import ConfigError, Profile
from softphone.devices.readiness.report import ReadinessReport
from softphone.events import EventBus
from softphone.journal.caller_history import CallsWith, RecentCall, calls_with, recent_calls
from softphone.journal.meta import Meta
from softphone.journal.outbox import Outbox, Parked
from softphone.sip.phone import SipPhone

log = logging.getLogger(__name__)
AUDIO_SWITCH_INTERVAL_S = 0.0005  # the GIL changes hands at least this often under contention


class AgentSession:
    def __init__(self, profile: Profile, sip_password: str, bus: EventBus | None = None) -> None:
        self.profile = profile
        self.bus = bus or EventBus()
        self._snapshots = SnapshotKeeper(self.bus)  # before anything can publish
        self.desk = AgentDesk(profile, self.bus)  # journal first: a damaged one stops us here
        self.phone = SipPhone(self.bus, profile.settings.sip, sip_password)
        self.audio = CallAudioKeeper(
            self.bus, profile.settings.audio, self.phone.set_audio_pipe, self._center_voice
        )
        self.readiness = ReadinessChecks(self.bus, profile)
        self.readiness.refused_requests = self.phone.engine.sources.summary
        self.hotplug = DeviceHotplug(self.bus, profile.settings.audio, self.audio)
        self.readiness_gate = ReadinessGate(profile.settings.readiness)
        self.outbound = OutboundDesk(
            _open_gate(profile, self.desk),
            self.phone,
            self.bus,
            self.desk.writes,  # queued: a dial never waits on SQLite
            self.desk.writer.operator,
        )
        if self.desk.sync is not None:  # the center's blacklist deltas land in the gate's store
            self.desk.sync.on_blacklist_delta = self.outbound.apply_central_delta
        self.recorder = CallRecorder(profile, self.bus, self.desk.journal, self.desk.executor)
        self.phone.set_audio_tap(self.recorder.writer.tap)

    def _center_voice(self) -> dict[str, object] | None:
        """The center's voice cleaning settings as last pulled (a journal read)."""
        stored, _ = Meta(self.desk.journal).config()
        voice = (stored or {}).get("voice")
        return voice if isinstance(voice, dict) else None

    def start(self) -> None:
        # The audio callbacks (PortAudio's thread, pjmedia's clock) each need the GIL every
        # 20 ms; with other threads busy (a sync backlog draining, the window repainting) the
        # interpreter's default 5 ms switch interval let them wait long enough to miss a block
        # (tests/bench/audio_path.py, busy GIL: ~300 → ~140 glitches a minute at 0.5 ms).
        sys.setswitchinterval(AUDIO_SWITCH_INTERVAL_S)
        place_names.prepare_in_background()  # the first pop-up must not wait for the index
        self.desk.start()
        self.audio.start()
        self.recorder.start()
        self.phone.start()
        self.hotplug.start()

    def stop(self) -> None:
        """Hang up, unregister, release the devices: the order the engine's rules need; then
        the agent signs off in the journal (the calls' records are in by then)."""
        self.hotplug.stop()
        self.phone.stop()
        self.audio.stop()
        self.recorder.stop()  # the last recording sealed and in the journal before it closes
        self.desk.stop()

    @property
    def sip_port(self) -> int:
        return self.phone.sip_port

    @property
    def listen_ports(self) -> dict[str, int]:
        return self.phone.listen_ports

    def dial(self, number: str) -> Future[str]:
        """Dial after the compliance gate said yes; a blocked dial publishes `blocked`."""
        return self.outbound.dial(number)

    def do_not_call(self, number: str, reason: str) -> str:
        """The customer asked not to be called again: blacklisted at once (E.164 returned)."""
        return self.outbound.do_not_call(number, reason)

    def answer(self, call: str | None = None) -> Future[str]:
        return self.phone.answer(call)

    def answer_holding_others(self, call: str | None = None) -> Future[str]:
        """Answer a call that rang while the agent talks: the current call goes on hold."""
        return self.phone.answer_holding_others(call)

    def reject(self, call: str | None = None, how: str = "busy") -> Future[str]:
        return self.phone.reject(call, how)

    def hangup(self, call: str | None = None) -> Future[str]:
        return self.phone.hangup(call)

    def hold(self, call: str | None = None) -> Future[str]:
        return self.phone.hold(call)

    def resume(self, call: str | None = None) -> Future[str]:
        return self.phone.resume(call)

    def mute(self, muted: bool = True, call: str | None = None) -> Future[str]:
        self.recorder.mute(muted, call)  # the agent's channel records what the customer hears
        return self.phone.mute(muted, call)

    def record(self, on: bool, call: str | None = None) -> Future[str]:
        """Record the call (on demand) or resume; off pauses (the span is left out). A
        `recording` event follows; `recording_saved` when the call ends."""
        return self.recorder.record(on, call)

    def dtmf(self, digits: str, call: str | None = None) -> Future[str]:
        return self.phone.dtmf(digits, call)

    def transfer(self, to: str, call: str | None = None) -> Future[str]:
        """Blind transfer, after the compliance gate said yes (colleagues are exempt)."""
        return self.outbound.transfer(to, call)

    def attended_transfer(self, call: str, to_call: str) -> Future[str]:
        return self.outbound.attended_transfer(call, to_call)

    def survey_number(self) -> str:
        """The satisfaction survey's number, as the center set it ("" before a pull, or when
        the center has none)."""
        return self.desk.status.survey_number

    def transfer_to_survey(self, call: str | None = None) -> Future[str]:
        """Blind transfer of the caller to the satisfaction survey, gated like any transfer;
        the call record notes it and how it went. ValueError when the center set no number."""
        number = self.survey_number()
        if not number:
            raise ValueError("the center has set no survey number")
        return self.outbound.transfer(number, call, purpose="survey")

    def levels(self) -> None:
        self.audio.publish_levels()

    def set_status(self, status: str, reason: str | None = None) -> None:
        """The agent picks a status; `available` may need a passing readiness check first."""
        _within("reason", reason, protocol.SHORT_TEXT)
        if status == "available":
            self.readiness_gate.allow_available()
        self.desk.status.set_status(status, reason)

    def wrap_up_done(self, remarks: str | None = None, disposition: str | None = None) -> None:
        """The agent closes wrap-up; StatusRefused while a timed-mandatory one still runs, and
        ValueError (wrap-up still open) for remarks the center would refuse for their length."""
        _within("remarks", remarks, protocol.LONG_TEXT)
        _within("disposition", disposition, protocol.SHORT_TEXT)
        self.desk.status.wrap_up_done(remarks=remarks, disposition=disposition)

    def set_cellphone_pickup(self, on: bool) -> None:
        """'Answer on my cellphone' (a synced flag; the central routing uses it)."""
        self.desk.status.set_cellphone_pickup(on)

    # --- what the agent's window shows (read-only) ------------------------------------------

    def snapshot(self) -> SessionSnapshot:
        """Registration and live calls now: what a view renders when it opens, before it
        follows the events (it subscribes first, then asks)."""
        return self._snapshots.snapshot()

    def caller_info(self, number: str, language: str = "en") -> CallerInfo:
        """Who calls: the number formatted, provider, region, zones, and why it is on a
        do-not-call list if it is. Reads offline data and the blacklist: off the GUI thread."""
        gate = self.outbound.gate
        info = caller_info(number, gate.policy.default_region, language)
        if info.e164 is None:
            return info
        try:
            listed = gate.blacklist.listing(info.e164, datetime.now(timezone.utc))
        except Exception as exc:  # the pop-up still shows the rest; dialling stays gated
            log.warning("do-not-call lookup of %s failed: %s", info.e164, exc)
            return info
        return replace(info, do_not_call=listed)

    def shown_number(self, remote: str) -> str:
        """A call's other party as people read it ("+49 30 12345678", not a SIP URI)."""
        return shown_number(remote, self.outbound.gate.policy.default_region)

    def check_dial(self, number: str) -> Verdict:
        """What the gate would say to dialling `number` now, for the dial line as the agent
        types; nothing is dialled or counted (`dial` checks again). Reads the blacklist and
        the journal: off the GUI thread."""
        return self.outbound.gate.check(number)

    def calls_with(self, caller: CallerInfo, limit: int = 5) -> CallsWith:
        """Our last calls with the caller and their count, from the journal (off the GUI
        thread: a SQLite read)."""
        return calls_with(self.desk.journal, caller.national_digits, limit)

    def recent_calls(self, limit: int = 200) -> tuple[RecentCall, ...]:
        """The agent's latest calls, newest first, for the history view (off the GUI thread:
        a SQLite read). Journal writes handed in before (the call whose end the window just
        heard of) are made first; a troubled disk is not waited for beyond a second."""
        self.desk.executor.settle(timeout_s=1.0)
        return recent_calls(self.desk.journal, limit)

    @property
    def agent_state(self) -> AgentState:
        return self.desk.status.state

    @property
    def status_policy(self) -> StatusPolicy:
        """Reason codes and wrap-up mode in force (the center's when synced, else defaults)."""
        return self.desk.status.policy

    def quick_remarks(self) -> list[str]:
        """The center's quick remarks (wrap-up dispositions); empty before the first pull."""
        stored, _ = Meta(self.desk.journal).config()
        remarks = (stored or {}).get("quick_remarks") or []
        return [str(r) for r in remarks]

    @property
    def syncs_to_center(self) -> bool:
        return self.desk.sync is not None

    def outbox_waiting(self) -> int:
        """Journal events not yet acknowledged by the center (parked ones not counted)."""
        return Outbox(self.desk.journal).waiting()

    def parked_events(self) -> list[Parked]:
        """Events the center refused for good, with its error (kept, not retried)."""
        return Outbox(self.desk.journal).parked()

    def check_readiness(self, record: bool = True) -> Future[ReadinessReport]:
        """Microphone, speaker, camera and network checked; a `readiness` event follows and the
        report goes into the journal (and so to the center, which shows the agent's last one).
        `record=False`: the caller records it (`record_readiness`) once the agent answered."""
        checking = self.readiness.check(publish=record)
        if record:
            checking.add_done_callback(self._journal_readiness)
        return checking

    def record_readiness(self, report: ReadinessReport) -> None:
        """A report the agent has answered: published, journaled, and what `available` asks."""
        self.readiness.publish(report)
        done: Future[ReadinessReport] = Future()
        done.set_result(report)
        self._journal_readiness(done)

    def _journal_readiness(self, done: Future[ReadinessReport]) -> None:
        if done.cancelled() or done.exception() is not None:
            return
        report = done.result()
        self.readiness_gate.remember(report.overall, report.checked_at)
        wire = protocol.ReadinessReport.model_validate(report.payload())
        self.desk.writes.readiness(wire, report.checked_at)  # queued: the executor says trouble


def _open_gate(profile: Profile, desk: AgentDesk) -> Gate:
    try:
        return open_gate(profile.folder, profile.settings.sip.sip_domain, desk.history)
    except PolicyError as exc:  # compliance.toml is a settings file: report it as one
        raise ConfigError(str(exc)) from exc


def _within(field: str, text: str | None, limit: int) -> None:
    """Refuse here, while the agent can still shorten it, what the center refuses for good."""
    if text is not None and len(text) > limit:
        raise ValueError(f"{field} may be at most {limit:,} characters, not {len(text):,}")
