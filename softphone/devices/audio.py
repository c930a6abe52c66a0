"""The agent's call audio on real devices: PortAudio streams behind two small jitter buffers.

The conference's tick (through the SIP bridge port; pjmedia's clock thread, or this microphone's
own callback while it drives the conference) takes one 20 ms frame of microphone audio
and gives one 20 ms frame for the speaker at a time (`read_frame`, `write_frame`); PortAudio's
threads fill and drain the same buffers. Neither side ever waits for the other: a late device
means a frame of silence, a full buffer drops the oldest audio. A watchdog thread per call notices
a device that stops (PortAudio error, stream finished, no callback for 2 s) or that the sound
server moved away (see `pulse_watch`), and moves that side of the call to the system default
device without ending the call, telling `on_device_lost(role, old_name, new_name)`.

Devices are chosen BY NAME, as PortAudio lists them (`list_devices`): exact name first, then a
case-insensitive part of a name; "" is the system default. On Linux PortAudio speaks ALSA, where
PulseAudio/PipeWire appear as "pulse" and "default"; a particular sink or source gets a name of
its own by an ALSA PCM of type pulse, e.g. in ~/.asoundrc (or a file added to ALSA_CONFIG_PATH):

    pcm.agent_speaker { type pulse; device "alsa_output.usb-Jabra.analog-stereo" }
    pcm.agent_mic { type pulse; device "alsa_input.usb-Jabra.mono-fallback" }

after which `CallAudio("agent_mic", "agent_speaker")` opens exactly that headset (PortAudio reads
the ALSA configuration when it initialises: at first use, or `rescan_devices()`).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

import numpy as np

from softphone.devices.device_stream import (
    MOVED,
    CallBuffers,
    DeviceStream,
    follows_server_default,
)
from softphone.devices.levels import LevelMeter
from softphone.devices.portaudio import (
    AudioDevice,
    AudioUnavailable,
    Kind,
    find_device,
    list_devices,
    portaudio_version,
    rescan_devices,
    sd,
    supported_rate,
)
from softphone.devices.pulse_watch import PulseWatch
from softphone.devices.ringer import Ringer
from softphone.devices.voice_cleaning import VoiceCleaner, VoiceProcessing

__all__ = [
    "AudioDevice",
    "AudioUnavailable",
    "CallAudio",
    "Ringer",
    "find_device",
    "list_devices",
    "portaudio_version",
    "rescan_devices",
]

log = logging.getLogger(__name__)

DeviceLost = Callable[[str, str, str], None]
Note = tuple[str, str, str]  # (role, old device, new device) for on_device_lost
ROLES: tuple[Kind, Kind] = ("input", "output")
WATCH_INTERVAL = 0.1  # seconds between the watchdog's looks at the streams
PULSE_CHECK_SECONDS = 1.0  # how often the sound server is asked whether it moved a stream
RETRY_SECONDS = 2.0  # a side with no device at all tries again this often
RETRY_WINDOW = 30.0  # a device that fails again within this after a reopen goes to the default


class CallAudio:
    """Microphone and speaker of the agent's calls, as 16-bit mono little-endian frames."""

    def __init__(
        self,
        input_name: str,
        output_name: str,
        sample_rate: int = 16000,
        frame_ms: int = 20,
        on_device_lost: DeviceLost | None = None,
        buffer_ms: int = 400,
        prefill_ms: int = 40,
        voice: VoiceProcessing | None = None,
    ) -> None:
        self.input_name = input_name
        self.output_name = output_name
        self.sample_rate = sample_rate
        self.frame_samples = sample_rate * frame_ms // 1000
        self.on_device_lost = on_device_lost
        self.buffers = CallBuffers(sample_rate, frame_ms, buffer_ms, prefill_ms)
        self.voice = voice
        self.cleaner: VoiceCleaner | None = None  # read by pjmedia's clock thread
        self.sent_meter = LevelMeter()  # the agent's voice as it leaves, after cleaning
        # The echo path as our buffers make it (both prefills, a frame each way); the processing
        # refines it from the signals.
        self._echo_delay_ms = 2 * prefill_ms + 2 * frame_ms
        self._streams: dict[Kind, DeviceStream | None] = {"input": None, "output": None}
        self._retry_at: dict[Kind, float] = {}
        self._lock = threading.RLock()
        self._wake = threading.Event()
        self._watch: threading.Thread | None = None
        self._pulse = PulseWatch()
        self._next_pulse_check = 0.0
        self._started = False
        self._stopped = False

    # --- lifecycle (any thread) -----------------------------------------------------------

    @property
    def device_names(self) -> tuple[str, str]:
        """(input, output) devices actually open; "" for a side that has none."""
        mic, speaker = self._streams["input"], self._streams["output"]
        return (mic.device.name if mic else "", speaker.device.name if speaker else "")

    @property
    def duplex(self) -> bool:
        """True when one PortAudio stream carries both sides (same device both ways)."""
        mic = self._streams["input"]
        return mic is not None and mic is self._streams["output"]

    def start(self) -> None:
        """Open the devices. A named device that is missing or fails opens the default instead
        (reported through on_device_lost); raises AudioUnavailable only without PortAudio."""
        sd()
        with self._lock:
            if self._started or self._stopped:  # a stopped CallAudio stays stopped
                return
            self._started = True
            notes = self._open_wanted({"input": self.input_name, "output": self.output_name})
            self._start_cleaning()
            self._watch = threading.Thread(target=self._watch_loop, name="call-audio-watch")
            self._watch.daemon = True
            self._watch.start()
        self._notify(notes)

    def restart_on(self, input_name: str, output_name: str) -> None:
        """Move the running call to other devices; buffered audio carries over."""
        with self._lock:
            self.input_name, self.output_name = input_name, output_name
            if not self._started or self._stopped:
                return
            self._close_all()
            notes = self._open_wanted({"input": input_name, "output": output_name})
        self._notify(notes)

    def stop(self) -> None:
        """Close the devices; idempotent and safe from any thread, callbacks included."""
        with self._lock:
            if self._stopped:
                return
            self._stopped = True
            self._close_all()
        self._wake.set()
        watch = self._watch
        if watch is not None and watch is not threading.current_thread():
            watch.join(2.0)
        self.buffers.mic_meter.reset()
        self.buffers.speaker_meter.reset()
        self.sent_meter.reset()
        log.info("call audio: %s", self.gaps_and_skips())

    def gaps_and_skips(self) -> str:
        """What the two clocks (sound card and pjmedia) cost the call's audio: each gap is a
        moment of silence, each skip audio thrown away; both are heard as glitches."""
        rate = self.sample_rate / 1000
        sides = []
        for name, side in (("microphone", self.buffers.mic), ("speaker", self.buffers.speaker)):
            sides.append(
                f"{name} {side.underruns} gaps, {side.dropped / rate:.0f} ms skipped "
                f"({side.skips} times), {side.hidden / rate:.0f} ms dropped beside gaps, "
                f"cushion {side.target / rate:.0f} ms, mean {side.mean_level() / rate:.0f} ms"
            )
        return "; ".join([*sides, self.buffers.timing()])

    def __enter__(self) -> CallAudio:
        self.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.stop()

    # --- who reads the microphone (see softphone.sip.conference_drive) -----------------------

    def drive_with(self, offer: Callable[[int], None] | None) -> None:
        """Tell `offer` after each captured block how many whole frames are buffered (the
        conference is then ticked from the microphone's own thread)."""
        self.buffers.on_captured = offer

    def capture_driven(self, driven: bool) -> None:
        """The microphone's reads now come right after its writes (no cushion needed), or again
        from a clock of their own (the usual cushion). The speaker's writes then come from the
        microphone's thread, whose Python callback waits for the GIL like any other: up to 30-40
        ms when the agent's other threads are busy (tests/bench/audio_path.py), which ran a 40 ms
        speaker cushion dry once in most such calls; it keeps a frame more meanwhile."""
        buffers = self.buffers
        buffers.mic.set_floor(0 if driven else buffers.prefill)
        buffers.speaker.set_floor(buffers.prefill + (buffers.frame_samples if driven else 0))

    # --- the bridge side (pjmedia's clock thread): copy a frame, nothing more ---------------

    def read_frame(self) -> bytes:
        """One frame of captured audio, cleaned; silence when not enough is buffered. Never
        blocks."""
        clock = self.buffers.timers["clock"]
        began = clock.begin()
        samples = self.buffers.mic.read(self.frame_samples)
        cleaner = self.cleaner
        if cleaner is not None:
            try:
                samples = cleaner.near(samples)
            except Exception:  # the call goes on uncleaned rather than silent
                self._stop_cleaning("the microphone side")
        self.sent_meter.update(samples)
        data = samples.tobytes()
        clock.end(began)
        return data

    def write_frame(self, data: bytes) -> None:
        """Queue one received frame for playback (and as the echo canceller's reference). Never
        blocks; drops the oldest when full."""
        samples = np.frombuffer(data, dtype="<i2", count=len(data) // 2)
        cleaner = self.cleaner
        if cleaner is not None:
            try:
                cleaner.far(samples)
            except Exception:
                self._stop_cleaning("the far end's side")
        self.buffers.speaker.write(samples)

    @property
    def processing(self) -> tuple[str, ...]:
        """The cleaning stages working on this call ("aec", "ns", "agc", "hpf")."""
        cleaner = self.cleaner
        return cleaner.stages.names() if cleaner is not None else ()

    def sent_level_dbfs(self) -> float:
        return self.sent_meter.dbfs()

    def _start_cleaning(self) -> None:
        if self.voice is None:
            return
        stages = self.voice.stages(headset=self._output_is_headset())
        if not stages.any:
            return
        try:
            self.cleaner = VoiceCleaner(stages, self.sample_rate, self._echo_delay_ms)
        except Exception:
            log.warning("voice processing could not start; the call goes on without it")
            return
        log.info("voice processing on this call: %s", ", ".join(stages.names()))

    def _output_is_headset(self) -> bool:
        speaker = self._streams["output"]
        if speaker is None or not self._pulse.available:
            return False
        return any(self._pulse.is_headset(stream) for stream in speaker.server)

    def _stop_cleaning(self, where: str) -> None:
        if self.cleaner is not None:
            self.cleaner = None
            log.warning("voice processing failed on %s; the call goes on without it", where)

    def input_level_dbfs(self) -> float:
        return self.buffers.mic_meter.dbfs()

    def output_level_dbfs(self) -> float:
        return self.buffers.speaker_meter.dbfs()

    # --- opening and closing (under the lock) ---------------------------------------------

    def _open_roles(self, wanted: dict[Kind, str]) -> list[tuple[Kind, str, bool]]:
        """Open each role on its named device, else on the default: (role, opened, fell back)."""
        try:
            devices = list_devices()
        except Exception as exc:
            log.warning("no audio devices: %s", exc)
            devices = []
        chosen = {role: find_device(name, role, devices) for role, name in wanted.items()}
        both = chosen.get("input"), chosen.get("output")
        duplex = len(wanted) == 2 and both[0] is not None and both[0] == both[1]
        if duplex and both[0] and self._try_open(ROLES, both[0], wanted["input"]):
            return [(role, both[0].name, False) for role in ROLES]
        opened: list[tuple[Kind, str, bool]] = []
        for role in wanted:
            device = chosen[role]
            if device is not None and self._try_open((role,), device, wanted[role]):
                opened.append((role, device.name, False))
                continue
            default = find_device("", role, devices)
            if default is not None and default != device and self._try_open((role,), default, ""):
                opened.append((role, default.name, True))
            else:
                opened.append((role, "", True))
                self._retry_at[role] = time.monotonic() + RETRY_SECONDS
        return opened

    def _open_wanted(self, wanted: dict[Kind, str]) -> list[Note]:
        return [
            (role, wanted[role], new)
            for role, new, fell_back in self._open_roles(wanted)
            if fell_back and (wanted[role] or not new)
        ]

    def _try_open(
        self, roles: tuple[Kind, ...], device: AudioDevice, wanted: str
    ) -> DeviceStream | None:
        kind = "duplex" if len(roles) == 2 else roles[0]
        try:
            rate = supported_rate(device, kind, self.sample_rate)
            stream = DeviceStream(roles, device, rate, self.buffers, self._wake.set)
            # A device chosen by name is watched for the sound server moving it elsewhere.
            named = wanted != "" and device.host_api == "ALSA"
            stream.open(self._pulse if named and not follows_server_default(device) else None)
        except Exception as exc:
            log.warning("%s device %r did not open: %s", kind, device.name, exc)
            return None
        for role in roles:
            self._streams[role] = stream
            self._retry_at.pop(role, None)
        return stream

    def _close_all(self) -> None:
        for stream in self._open_streams():
            self._close(stream)

    def _close(self, stream: DeviceStream) -> None:
        for role in stream.roles:
            if self._streams[role] is stream:
                self._streams[role] = None
        stream.close()

    def _open_streams(self) -> list[DeviceStream]:
        return list({id(s): s for s in self._streams.values() if s is not None}.values())

    # --- the watchdog thread -----------------------------------------------------------------

    def _watch_loop(self) -> None:
        while not self._stopped:
            self._wake.wait(WATCH_INTERVAL)
            self._wake.clear()
            try:
                with self._lock:
                    notes = [] if self._stopped else self._check()
                self._notify(notes)
            except Exception:  # the watchdog must outlive any surprise
                log.exception("call audio watchdog failed")

    def _check(self) -> list[Note]:
        now = time.monotonic()
        pulse = None
        if now >= self._next_pulse_check:
            self._next_pulse_check = now + PULSE_CHECK_SECONDS
            pulse = self._pulse
        notes: list[Note] = []
        for stream in self._open_streams():
            reason = stream.trouble(now, pulse)
            if reason:
                notes += self._replace(stream, reason)
        for role, when in list(self._retry_at.items()):
            if when <= now and self._streams[role] is None:
                wanted = self.input_name if role == "input" else self.output_name
                opened = self._open_roles({role: wanted})
                notes += [(role, "", new) for role, new, _ in opened if new]
        return notes

    def _replace(self, stream: DeviceStream, reason: str) -> list[Note]:
        """Reopen a failed stream: once more on its own device (a glitch), else on the default."""
        old = stream.device
        log.warning("%s device %r %s", "/".join(stream.roles), old.name, reason)
        self._close(stream)
        glitch = reason != MOVED and not (stream.retried and stream.age() < RETRY_WINDOW)
        if glitch:
            again = self._try_open(stream.roles, old, old.name)
            if again is not None:
                again.retried = True
                return []
        opened = self._open_roles(dict.fromkeys(stream.roles, ""))
        return [(role, old.name, new) for role, new, _ in opened if new != old.name]

    def _notify(self, notes: list[Note]) -> None:
        for role, old, new in notes:
            log.warning("%s device %r replaced by %r", role, old, new or "(none)")
            if self.on_device_lost is not None:
                try:
                    self.on_device_lost(role, old, new)
                except Exception:
                    log.exception("on_device_lost failed")
