"""The call recorder: when a call is recorded, paused and saved, by the policy in force.

It follows the bus (a call confirmed, held, resumed, ended) and the agent's commands (record on or
off, mute) and hands every decision to the recording writer's thread, so the SIP thread that
publishes the events never waits on a file, the keyring or SQLite. "always" records each call from
its start; "on_demand" records once the agent presses record; "off" pauses (the span is left out,
for card details) and "on" resumes. Hold pauses too (music on hold is no part of the call), and
mute records silence on the agent's channel (what the customer heard). At start-up, recordings a
killed agent left half-written are measured and saved as incomplete.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Callable
from concurrent.futures import Future
from datetime import datetime, timezone
from pathlib import Path

from softphone.config import Profile, RecordingSettings
from softphone.events import CallEnded, CallState, Event, EventBus, RecordingSaved, RecordingState
from softphone.journal import recordings
from softphone.journal.executor import JournalExecutor
from softphone.journal.meta import Meta
from softphone.journal.store import Journal
from softphone.recording.keys import recording_key
from softphone.recording.policy import in_force, prompt_frames
from softphone.recording.sealed import SealedError, SealedReader
from softphone.recording.writer import Recording, RecordingWriter
from softphone.secrets import SecretError
from softphone.sip.bridge import CLOCK_RATE, FRAME_BYTES

log = logging.getLogger(__name__)

AGENT_PAUSE = "agent"
HOLD_PAUSE = "hold"


class RecordingRefused(ValueError):
    """The policy in force does not let the agent record (mode "never")."""


def recordings_folder(profile: Profile) -> Path:
    return profile.data_dir / "recordings"


class CallRecorder:
    def __init__(
        self, profile: Profile, bus: EventBus, journal: Journal, executor: JournalExecutor
    ) -> None:
        self.profile = profile
        self.bus = bus
        self.journal = journal
        self.executor = executor
        self._key: bytes | None = None
        self._remotes: dict[str, str] = {}  # live calls → their far end (SIP thread only)
        self._held: set[str] = set()
        self._muted: set[str] = set()  # muted calls: mute is per call, as pjsua2's is
        self.writer = RecordingWriter(
            recordings_folder(profile),
            self._master_key,
            CLOCK_RATE,
            FRAME_BYTES,
            on_begun=self._begun,
            on_saved=self._saved,
        )
        self._unsubscribe: Callable[[], None] = lambda: None

    def start(self) -> None:
        self._unsubscribe = self.bus.subscribe(self._on_event)
        self.writer.start()
        self.writer.run_soon(self._save_leftovers)

    def stop(self) -> None:
        self._unsubscribe()
        self.writer.stop()

    # --- the agent's commands (any thread) --------------------------------------------------

    def record(self, on: bool, call: str | None = None) -> Future[str]:
        """On: start recording the call (on demand) or resume after a pause; off: pause. The
        Future holds the call's key, or RecordingRefused / ValueError saying why not."""
        done: Future[str] = Future()
        target = call or next(iter(self._remotes), None)
        if target is None or target not in self._remotes:
            done.set_exception(ValueError("no call to record"))
            return done
        remote = self._remotes[target]

        def run() -> None:
            policy = self.policy()
            if policy.mode == "never":
                done.set_exception(RecordingRefused('recording is off here (mode "never")'))
            elif on:
                self._record_on(target, remote, policy)
                done.set_result(target)
            else:
                self._pause(target, AGENT_PAUSE)
                done.set_result(target)

        self.writer.run_soon(run)
        return done

    def mute(self, muted: bool, call: str | None = None) -> None:
        """The agent muted (or unmuted) a call: its recording's agent channel follows."""
        target = call or next(reversed(self._remotes), None)  # the newest live call
        if target is None:
            return
        if muted:
            self._muted.add(target)
        else:
            self._muted.discard(target)
        self.writer.run_soon(self._apply_mute)

    def policy(self) -> RecordingSettings:
        """The profile's [recording] with the center's settings over it (a journal read)."""
        stored, _ = Meta(self.journal).config()
        center = (stored or {}).get("recording")
        return in_force(
            self.profile.settings.recording, center if isinstance(center, dict) else None
        )

    # --- on the SIP thread: note, hand over, return -----------------------------------------

    def _on_event(self, event: Event) -> None:
        if isinstance(event, CallState):
            if event.state == "confirmed" and event.call not in self._remotes:
                self._remotes[event.call] = event.remote
                remote = event.remote
                self.writer.run_soon(lambda: self._call_up(event.call, remote))
            elif event.state == "held" and event.call in self._remotes:
                self._held.add(event.call)
                self.writer.run_soon(lambda: self._pause(event.call, HOLD_PAUSE))
            elif event.state == "confirmed" and event.call in self._held:
                self._held.discard(event.call)
                self.writer.run_soon(lambda: self._resume(event.call, HOLD_PAUSE))
        elif isinstance(event, CallEnded):
            self._remotes.pop(event.call, None)
            self._held.discard(event.call)
            self._muted.discard(event.call)
            self.writer.finish(event.call)

    # --- on the writer thread ---------------------------------------------------------------

    def _call_up(self, call: str, remote: str) -> None:
        policy = self.policy()
        if policy.mode == "always":
            self._begin(call, remote, policy)
        elif policy.mode == "on_demand":  # the window shows its record button for this call
            self.bus.publish(RecordingState(call=call, state="ready"))

    def _record_on(self, call: str, remote: str, policy: RecordingSettings) -> None:
        current = self.writer.current
        if current is None:
            self._begin(call, remote, policy)
        elif current.call == call:
            self._resume(call, AGENT_PAUSE)

    def _begin(self, call: str, remote: str, policy: RecordingSettings) -> None:
        channels = 2 if policy.channels == "split" else 1
        prompt = prompt_frames(policy.consent_prompt, CLOCK_RATE, FRAME_BYTES // 2)
        try:
            self.writer.begin(call, channels, remote, prompt)
        except Exception as exc:  # the keyring or the disk: the call goes on unrecorded
            log.warning("recording: call %s cannot be recorded: %s", call, exc)
            return
        self._apply_mute()

    def _apply_mute(self) -> None:
        current = self.writer.current
        self.writer.mute(current is not None and current.call in self._muted)

    def _pause(self, call: str, reason: str) -> None:
        current = self.writer.current
        if current is not None and current.call == call and reason not in current.paused:
            self.writer.pause(reason)
            self.writer.run_soon(lambda: self._tell_state(current))

    def _resume(self, call: str, reason: str) -> None:
        current = self.writer.current
        if current is not None and current.call == call and reason in current.paused:
            self.writer.resume(reason)
            self.writer.run_soon(lambda: self._tell_state(current))

    def _tell_state(self, current: Recording) -> None:
        state = "paused" if current.paused else "recording"
        self.bus.publish(RecordingState(call=current.call, state=state, recording=current.id))

    def _master_key(self) -> bytes:
        if self._key is None:
            self._key = recording_key(self.profile.folder)
        return self._key

    def _begun(self, current: Recording) -> None:
        self.executor.submit(
            recordings.begun,
            self.journal,
            current.id,
            current.call,
            current.path,
            current.started_at,
            current.channels,
            current.format,
            current.remote,
        )
        self._tell_state(current)

    def _saved(self, done: Recording) -> None:
        self.executor.submit(
            recordings.saved,
            self.journal,
            done.id,
            done.duration_s,
            done.size,
            done.sha256,
            done.incomplete,
        )
        self.bus.publish(
            RecordingSaved(
                call=done.call,
                path=str(done.path),
                duration_s=done.duration_s,
                sha256=done.sha256,
                size=done.size,
                incomplete=done.incomplete,
                recording=done.id,
            )
        )

    def _save_leftovers(self) -> None:
        """A killed agent's recordings: what was sealed is kept, measured, marked incomplete."""
        rows = recordings.leftovers(self.journal)
        if not rows:
            return
        try:  # never a new key here: it could not open what the old one sealed
            key = recording_key(self.profile.folder, create=False)
        except (LookupError, SecretError) as exc:
            log.warning("recording: %d recordings left by a stopped agent: %s", len(rows), exc)
            return
        import soundfile as sf  # only a stopped agent's leftovers need libsndfile at start

        for row in rows:
            try:
                reader = SealedReader(row.path, key)
                plain = io.BytesIO()
                summary = reader.export(plain)
            except (OSError, SealedError) as exc:
                log.warning("recording %s left by a stopped agent is unreadable: %s", row.id, exc)
                continue
            plain.seek(0)
            try:
                with sf.SoundFile(plain) as audio:
                    duration = round(audio.frames / audio.samplerate, 2)
            except (RuntimeError, sf.LibsndfileError):
                duration = 0.0
            self._saved(
                Recording(
                    row.id,
                    row.call_id,
                    row.path,
                    datetime.fromisoformat(row.started_at).astimezone(timezone.utc),
                    row.channels,
                    row.remote,
                    duration_s=duration,
                    size=summary.size,
                    sha256=summary.sha256,
                    incomplete=not reader.complete,
                )
            )
            log.info("recording %s of call %s saved as incomplete", row.id, row.call_id)
