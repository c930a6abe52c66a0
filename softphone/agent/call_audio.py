"""Keeps the agent's audio devices open while calls need them, and rings the ring device.

Devices open when the first call's media comes up and close when the last call ends, so the
microphone is not held open all day (and no OS "microphone in use" light stays on). Opening a
PortAudio stream can take tens of milliseconds, so it happens on a worker thread of its own, never
on the SIP thread that publishes the events. A device that will not open leaves the call up with
silence and says so in a `device_changed` event; it never ends a call.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable

from softphone.config import AudioSettings
from softphone.devices.audio import CallAudio, Ringer
from softphone.devices.voice_cleaning import VoiceProcessing, warm_up
from softphone.events import (
    AudioLevels,
    CallEnded,
    CallState,
    DeviceChanged,
    Event,
    EventBus,
    IncomingCall,
)
from softphone.sip.bridge import CLOCK_RATE, FRAME_MS, FramePipe

log = logging.getLogger(__name__)

_STOP = "stop"


class CallAudioKeeper:
    def __init__(
        self,
        bus: EventBus,
        settings: AudioSettings,
        install_pipe: Callable[[FramePipe | None], None],
    ) -> None:
        self.bus = bus
        self.settings = settings
        self.install_pipe = install_pipe
        self.audio: CallAudio | None = None
        self.ringer: Ringer | None = None
        self._live: set[str] = set()
        self._ringing: set[str] = set()
        self._work: queue.SimpleQueue[str] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._run, name="call-audio", daemon=True)
        self._unsubscribe: Callable[[], None] | None = None
        self.voice = VoiceProcessing(
            settings.echo_cancellation,
            settings.noise_suppression,
            settings.auto_gain,
            settings.high_pass,
        )

    def start(self) -> None:
        self._unsubscribe = self.bus.subscribe(self._on_event)
        self._thread.start()
        if self.voice.echo_cancellation != "off" or self.voice.noise_suppression:
            self._work.put("warm_up")  # load the voice processing before the first call needs it

    def stop(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
        self._work.put(_STOP)
        if self._thread.is_alive():
            self._thread.join(5.0)

    def publish_levels(self) -> None:
        audio = self.audio
        if audio is None:
            self.bus.publish(AudioLevels())
            return
        self.bus.publish(
            AudioLevels(
                input_dbfs=round(audio.input_level_dbfs(), 1),
                output_dbfs=round(audio.output_level_dbfs(), 1),
                sent_dbfs=round(audio.sent_level_dbfs(), 1),
                processing=audio.processing,
            )
        )

    # --- on the publishing (SIP) thread: decide, hand the work over -----------------------

    def _on_event(self, event: Event) -> None:
        if isinstance(event, IncomingCall):
            self._ringing.add(event.call)
            self._work.put("ring")
        elif isinstance(event, CallState) and event.state in ("connecting", "confirmed"):
            self._ringing.discard(event.call)
            self._live.add(event.call)
            self._work.put("open")
        elif isinstance(event, CallEnded):
            self._ringing.discard(event.call)
            self._live.discard(event.call)
            self._work.put("settle")

    # --- on the audio worker thread --------------------------------------------------------

    def _run(self) -> None:
        while (job := self._work.get()) != _STOP:
            try:
                self._settle(job)
            except Exception:
                log.exception("call audio %s failed", job)
        self._close_all()

    def _settle(self, job: str) -> None:
        if job == "warm_up":
            warm_up()
            return
        if self._ringing and self.ringer is None and not self._live:
            self._start_ringer()
        elif (not self._ringing or self._live) and self.ringer is not None:
            self.ringer.stop()
            self.ringer = None
        if self._live and self.audio is None:
            self._open_audio()
        elif not self._live and self.audio is not None:
            self._close_audio()

    def _open_audio(self) -> None:
        audio = CallAudio(
            self.settings.input,
            self.settings.output,
            sample_rate=CLOCK_RATE,
            frame_ms=FRAME_MS,
            on_device_lost=self._on_device_lost,
            voice=self.voice,
        )
        try:
            audio.start()
        except Exception as exc:
            log.warning("call audio devices did not open: %s", exc)
            self.bus.publish(DeviceChanged(role="call", device="", reason=f"unavailable: {exc}"))
            return
        self.audio = audio
        self.install_pipe(audio)

    def _close_audio(self) -> None:
        self.install_pipe(None)
        if self.audio is not None:
            self.audio.stop()
            self.audio = None

    def _start_ringer(self) -> None:
        ringer = Ringer(self.settings.ring or self.settings.output)
        try:
            ringer.start()
        except Exception as exc:
            log.warning("ring device did not open: %s", exc)
            return
        self.ringer = ringer

    def _on_device_lost(self, role: str, old_name: str, new_name: str) -> None:
        self.bus.publish(
            DeviceChanged(role=role, device=new_name, reason=f"{old_name or 'device'} lost")
        )

    def _close_all(self) -> None:
        if self.ringer is not None:
            self.ringer.stop()
            self.ringer = None
        self._close_audio()
