"""Device hot-plug: the list of the agent's audio devices kept current without a restart, and the
policy for a running call when a device comes — back to the configured device when it returns,
else (nothing configured) over to a headset just plugged in. A device that goes away is handled
by the call audio itself (`softphone.devices.audio`: the call moves to the system default).

Where a sound server runs (PulseAudio/PipeWire), its sinks and sources ARE the devices a person
plugs in, and the server tells us their form factor ("headset", "headphone", …); it also moves a
running stream from one device to another without a gap, which is how a call follows a headset
plugged in mid-call. Elsewhere the list is PortAudio's, re-read only while no stream is open
(PortAudio can only re-read by re-initialising): the list updates between calls, and a call keeps
the device it has.

`DeviceWatch` follows the sound server's events (`pactl subscribe`: no cost while nothing is
plugged), or else — once audio is in use — re-scans PortAudio every 15 s while no stream is
open, and calls `on_change(old, new)` from its own thread: once with the list as first found
(old == new), then on every change. `follow_policy` moves a running call.
"""

from __future__ import annotations

import logging
import subprocess
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass

from softphone.devices.audio import CallAudio
from softphone.devices.portaudio import Kind, find_device, list_devices, rescan_devices
from softphone.devices.readiness.sound_server import ServerDevice, SoundServer

log = logging.getLogger(__name__)

POLL_SECONDS = 2.0
PORTAUDIO_POLL_SECONDS = 15.0  # re-initialising PortAudio costs ~25 ms of CPU each time
SETTLE_SECONDS = 0.2  # the server sends a burst of events per plug: look once they settle
HEADSET_FORMS = {"headset", "headphone", "hands-free", "handset"}
HEADSET_WORDS = (
    "headset", "headphone", "earphone", "earbud", "hands-free", "handsfree", "jabra",
    "plantronics", "poly ", "sennheiser", "epos", "airpods", "evolve",
)  # fmt: skip


def looks_like_headset(name: str, form_factor: str = "") -> bool:
    if form_factor in HEADSET_FORMS:
        return True
    lowered = f"{name.casefold()} "
    return any(word in lowered for word in HEADSET_WORDS)


@dataclass(frozen=True)
class DeviceList:
    """What the agent can pick from right now, by the names a person recognises."""

    inputs: tuple[str, ...] = ()
    outputs: tuple[str, ...] = ()
    headset_inputs: tuple[str, ...] = ()
    headset_outputs: tuple[str, ...] = ()
    source: str = "portaudio"  # "sound-server" or "portaudio": where the names come from

    def added(self, before: DeviceList) -> list[str]:
        return [
            n for n in (*self.inputs, *self.outputs) if n not in (*before.inputs, *before.outputs)
        ]


def current_devices(server: SoundServer) -> DeviceList | None:
    """The device list now; None when it cannot be read (PortAudio busy with a call's streams
    and no sound server): the caller keeps the last list."""
    sinks = server.devices("output")
    sources = server.devices("input") if sinks is not None else None
    if sinks is not None and sources is not None:
        mics = [s for s in sources if not s.is_monitor]
        return DeviceList(
            inputs=tuple(s.name for s in mics),
            outputs=tuple(s.name for s in sinks),
            headset_inputs=_headsets(mics),
            headset_outputs=_headsets(sinks),
            source="sound-server",
        )
    # Loading PortAudio costs an idle agent ~25 MB: the list is read once audio is in use.
    if "sounddevice" not in sys.modules or not rescan_devices():
        return None
    found = list_devices()
    ins = [d.name for d in found if d.max_input_channels > 0]
    outs = [d.name for d in found if d.max_output_channels > 0]
    return DeviceList(
        inputs=tuple(ins),
        outputs=tuple(outs),
        headset_inputs=tuple(n for n in ins if looks_like_headset(n)),
        headset_outputs=tuple(n for n in outs if looks_like_headset(n)),
    )


def _headsets(devices: list[ServerDevice]) -> tuple[str, ...]:
    return tuple(d.name for d in devices if looks_like_headset(d.description, d.form_factor))


def follow_policy(
    audio: CallAudio,
    wanted: tuple[str, str],
    before: DeviceList,
    now: DeviceList,
    server: SoundServer,
) -> list[str]:
    """Move a running call after the device list changed; what was done, in words.

    A side that fell back to the default returns to its configured device when that is back;
    a side on the default moves to a headset that was just plugged in (on a sound server, by
    moving our stream there: the call does not even pause).
    """
    done: list[str] = []
    wanted_in, wanted_out = wanted
    open_in, open_out = audio.device_names
    # Only when something appeared: retrying a missing device on every change would make the
    # call stutter each time anything else is plugged or unplugged.
    appeared = bool(now.added(before))
    back_in = bool(wanted_in) and open_in != find_name(wanted_in, "input")
    back_out = bool(wanted_out) and open_out != find_name(wanted_out, "output")
    if appeared and (back_in or back_out):
        audio.restart_on(wanted_in, wanted_out)
        done.append(f"call back on {' / '.join(n for n in audio.device_names if n)}")
    if now.source != "sound-server":
        return done
    for kind, wanted_name, fresh in (
        ("input", wanted_in, [n for n in now.headset_inputs if n not in before.headset_inputs]),
        ("output", wanted_out, [n for n in now.headset_outputs if n not in before.headset_outputs]),
    ):
        if not wanted_name and fresh and server.move_our_streams(kind, fresh[0]):  # type: ignore[arg-type]
            done.append(f"{kind} moved to {fresh[0]}")
    return done


def find_name(wanted: str, kind: Kind) -> str:
    try:
        device = find_device(wanted, kind)
    except Exception:
        return ""
    return device.name if device else ""


class DeviceWatch:
    """Polls the device list on its own thread and reports changes; `stop()` ends it."""

    def __init__(
        self,
        on_change: Callable[[DeviceList, DeviceList], None],
        server: SoundServer | None = None,
        interval: float = POLL_SECONDS,
    ) -> None:
        self.on_change = on_change
        self.server = server or SoundServer()
        self.interval = interval
        self.devices = DeviceList()
        self._stop = threading.Event()
        self._first_look = threading.Event()
        self._events: subprocess.Popen[str] | None = None
        self._thread = threading.Thread(target=self._run, name="device-watch", daemon=True)

    def start(self) -> None:
        """Returns at once: the first look happens on the watch's thread (the agent's start-up,
        and so its registration, must not wait for a device scan)."""
        self._thread.start()

    def wait_first_look(self, timeout: float = 5.0) -> bool:
        return self._first_look.wait(timeout)

    def stop(self) -> None:
        self._stop.set()
        events = self._events
        if events is not None:
            events.kill()  # ends the reader's readline at once
        if self._thread.is_alive():
            self._thread.join(self.interval + 5.0)

    def _pause(self) -> float:
        if self.devices.source == "sound-server":
            return self.interval
        return max(self.interval, PORTAUDIO_POLL_SECONDS)

    def _read(self) -> DeviceList | None:
        try:
            return current_devices(self.server)
        except Exception as exc:  # no audio system at all: nothing to watch
            log.debug("device list unreadable: %s", exc)
            return None

    def _run(self) -> None:
        # Subscribe before the first look, so that nothing plugged in between is missed.
        events = self._events = self.server.subscribe()
        first = self._read()
        self.devices = first or DeviceList()
        self._first_look.set()
        if first is not None:
            self._tell(first, first)  # the list as found: nothing added or removed
        while not self._stop.is_set():
            if self.devices.source == "sound-server":
                self._follow_server_events(events or self.server.subscribe())
            else:
                self._end(events)  # no server answered: its subscription is of no use
            events = None
            if not self._stop.wait(self._pause()):  # polling, or the subscription ended
                self._look()
        self._end(events)

    def _follow_server_events(self, events: subprocess.Popen[str] | None) -> None:
        """Look again after each device event, until the subscription ends (stop, or the
        server went away: then polling takes over until it is back)."""
        if events is None or events.stdout is None:
            return
        self._events = events
        try:
            for line in events.stdout:
                if self._stop.is_set():
                    break
                device = " sink " in line or " source " in line
                if device and ("'new'" in line or "'remove'" in line):
                    self._stop.wait(SETTLE_SECONDS)
                    self._look()
        finally:
            self._end(events)

    def _end(self, events: subprocess.Popen[str] | None) -> None:
        if events is not None:
            events.kill()
            events.wait()
        self._events = None

    def _look(self) -> None:
        now = self._read()
        if now is None or now == self.devices:
            return
        before, self.devices = self.devices, now
        self._tell(before, now)

    def _tell(self, before: DeviceList, now: DeviceList) -> None:
        try:
            self.on_change(before, now)
        except Exception:
            log.exception("device change handler failed")
