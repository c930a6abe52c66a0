"""Noticing that PulseAudio (or PipeWire's pulse server) moved one of our streams to another device.

When a headset is unplugged, the sound server does not fail our stream: it moves it to the default
sink or source, and PortAudio (through ALSA's pulse plugin) never learns of it. The call goes on,
on the laptop's speakers, and the agent must be told. PortAudio cannot say which server stream is
ours, so we ask the server with `pactl` (pulseaudio-utils; PipeWire ships the same tool): the
playback or record streams of this process that appear while we open a device are that device's,
and if one later sits on another sink or source, it was moved. Without `pactl` (or off Linux)
this watch is simply absent: audio still flows, only the notice is lost.
"""

from __future__ import annotations

import os
import shutil
import sys
from dataclasses import dataclass
from typing import Literal

from softphone.devices import pactl

Kind = Literal["input", "output"]
PACTL_TIMEOUT = 2.0
_LISTS = {"output": "sink-inputs", "input": "source-outputs"}
_DEVICE_FIELD = {"output": "sink", "input": "source"}


@dataclass(frozen=True)
class ServerStream:
    """Our stream on the sound server: its index and the sink/source it was opened on."""

    kind: Kind
    index: int
    device: int


class PulseWatch:
    def __init__(self, pactl: str | None = None, pid: int | None = None) -> None:
        on_linux = sys.platform.startswith("linux")
        self.pactl = pactl or (shutil.which("pactl") if on_linux else None)
        self.pid = str(pid if pid is not None else os.getpid())

    @property
    def available(self) -> bool:
        return self.pactl is not None

    def streams(self, kind: Kind) -> dict[int, int] | None:
        """This process's server streams of a kind: stream index → sink/source index."""
        text = pactl.run(self.pactl, "-f", "json", "list", _LISTS[kind], timeout_s=PACTL_TIMEOUT)
        return None if text is None else parse_streams(text, kind, self.pid)

    def identify(self, kind: Kind, before: dict[int, int] | None) -> ServerStream | None:
        """The one stream of ours that appeared since `before` (None if not exactly one)."""
        after = self.streams(kind)
        if before is None or after is None:
            return None
        new = [index for index in after if index not in before]
        if len(new) != 1:
            return None
        return ServerStream(kind, new[0], after[new[0]])

    def moved(self, stream: ServerStream) -> bool:
        """True when the server now plays `stream` on another device than it was opened on."""
        now = self.streams(stream.kind)
        if now is None or stream.index not in now:
            return False  # unknown, or gone: the stream's own silence tells that story
        return now[stream.index] != stream.device

    def is_headset(self, stream: ServerStream) -> bool:
        """True when the sink or source `stream` plays on is a headset or headphones, as the
        server describes it (`device.form_factor`, or the active port); False when unknown."""
        text = pactl.run(self.pactl, "-f", "json", "list", _DEVICES[stream.kind])
        return text is not None and headset_device(text, stream.device)


HEADSET_WORDS = ("headset", "headphone", "handset")
_DEVICES = {"output": "sinks", "input": "sources"}


def headset_device(text: str, index: int) -> bool:
    """Whether device `index` in a `pactl -f json list sinks|sources` answer is worn on the head."""
    for entry in pactl.json_entries(text):
        if not isinstance(entry, dict) or entry.get("index") != index:
            continue
        properties = entry.get("properties") or {}
        described = f"{properties.get('device.form_factor', '')} {entry.get('active_port', '')}"
        return any(word in described.lower() for word in HEADSET_WORDS)
    return False


def parse_streams(text: str, kind: Kind, pid: str) -> dict[int, int]:
    """Stream index → device index, for the streams of process `pid` in `pactl -f json` output."""
    found: dict[int, int] = {}
    for entry in pactl.json_entries(text):
        try:
            if str(entry["properties"].get("application.process.id")) == pid:
                found[int(entry["index"])] = int(entry[_DEVICE_FIELD[kind]])
        except (KeyError, TypeError, ValueError, AttributeError):
            continue
    return found
