"""Hot-plug for the agent: a `devices` event whenever the device list changes, and a running
call moved by the policy of `softphone.devices.hotplug` (the configured device when it is back,
else a headset just plugged in), each move told in a `device_changed` event.
"""

from __future__ import annotations

import logging

from softphone.agent.call_audio import CallAudioKeeper
from softphone.config import AudioSettings
from softphone.devices.hotplug import DeviceList, DeviceWatch, follow_policy
from softphone.events import DeviceChanged, DevicesChanged, EventBus

log = logging.getLogger(__name__)


class DeviceHotplug:
    def __init__(self, bus: EventBus, settings: AudioSettings, keeper: CallAudioKeeper) -> None:
        self.bus = bus
        self.settings = settings
        self.keeper = keeper
        self.watch = DeviceWatch(self._changed)

    def start(self) -> None:
        self.watch.start()

    def stop(self) -> None:
        self.watch.stop()

    def _changed(self, before: DeviceList, now: DeviceList) -> None:
        """On the watch's thread: tell, then move the call if the policy says so."""
        names = (*now.inputs, *now.outputs)
        self.bus.publish(
            DevicesChanged(
                inputs=now.inputs,
                outputs=now.outputs,
                added=tuple(now.added(before)),
                removed=tuple(n for n in (*before.inputs, *before.outputs) if n not in names),
            )
        )
        audio = self.keeper.audio
        if audio is None:
            return
        wanted = (self.settings.input, self.settings.output)
        for note in follow_policy(audio, wanted, before, now, self.watch.server):
            log.info("hot-plug: %s", note)
            self.bus.publish(DeviceChanged(role="call", device=note, reason="device plugged in"))
