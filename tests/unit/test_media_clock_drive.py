"""Who ticks the conference during a call: the microphone while it offers audio, the null clock
the moment it stops (a device stalled or being reopened), so the call's audio never waits for a
device. pjsua's devices and the drive's C side are stand-ins here: a stalled microphone cannot be
made on demand on a sound server (tests/integration/test_call_audio.py runs the real drive)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from softphone.sip import media_clock
from softphone.sip.media_clock import CHECK_S, SILENT_S, MediaClock


class Devices:
    def __init__(self) -> None:
        self.null_clock = False

    def setNullDev(self) -> None:  # pjsua2's names
        self.null_clock = True

    def setNoDev(self) -> None:
        self.null_clock = False


class Drive:
    available = True

    def __init__(self, devices: Devices) -> None:
        self.devices = devices
        self.driving = False
        self.offered_at = 0.0
        self.ticked_at = 0.0

    def take_over(self) -> None:
        self.devices.setNoDev()  # as pjsua_set_no_snd_dev does
        self.driving = True

    def hand_back(self) -> None:
        self.driving = False


class Timers:
    def __init__(self) -> None:
        self.due: list[tuple[float, Callable[[], None]]] = []

    def schedule(self, delay: float, action: Callable[[], None]) -> object:
        entry = (delay, action)
        self.due.append(entry)
        return entry

    def cancel(self, entry: object) -> None:
        if entry in self.due:
            self.due.remove(entry)

    def run(self) -> None:
        due, self.due = self.due, []
        for _, action in due:
            action()


Lab = tuple[MediaClock, Devices, Drive, Timers, list[float]]


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Lab:
    now = [1000.0]
    monkeypatch.setattr(media_clock.time, "monotonic", lambda: now[0])
    devices, timers = Devices(), Timers()
    clock = MediaClock(lambda: devices, timers.schedule, timers.cancel)
    drive = Drive(devices)
    clock.drive = drive  # type: ignore[assignment]
    return clock, devices, drive, timers, now


def test_a_microphone_offering_audio_takes_the_ticking_and_a_silent_one_gives_it_back(
    clock: Lab,
) -> None:
    media, devices, drive, timers, now = clock
    media.call_needs_it()
    assert devices.null_clock and not drive.driving  # the call's audio flows from the start

    now[0] += CHECK_S
    drive.offered_at = now[0] - 0.02  # the microphone had a block ready a moment ago
    timers.run()
    assert drive.driving and not devices.null_clock

    now[0] += CHECK_S
    drive.ticked_at = now[0] - 0.02
    timers.run()
    assert drive.driving  # ticking: it keeps the clock

    now[0] += SILENT_S + 0.01  # the microphone stalls
    timers.run()
    assert not drive.driving and devices.null_clock

    now[0] += CHECK_S  # no offer since: the null clock stays
    timers.run()
    assert devices.null_clock and not drive.driving


def test_the_clock_stops_with_the_calls_and_the_drive_with_it(
    clock: Lab,
) -> None:
    media, devices, drive, timers, now = clock
    media.call_needs_it()
    drive.offered_at = now[0]
    timers.run()
    assert drive.driving
    media.stop()  # shutdown: no tick may reach a port being destroyed
    assert not drive.driving and not devices.null_clock and not media.running
    assert timers.due == []  # no check left to run after the engine is gone


def test_without_the_c_functions_the_null_clock_ticks_alone(
    clock: Lab,
) -> None:
    media, devices, drive, timers, now = clock
    drive.available = False
    media.call_needs_it()
    drive.offered_at = now[0]
    timers.run()
    assert devices.null_clock and not drive.driving and timers.due == []


def test_the_real_drive_finds_its_c_functions_here() -> None:
    # Linux and macOS wheels export pjsua2's C functions; this machine is Linux. A wheel that
    # stops exporting them would silently bring back the 40 ms cushion: fail here instead.
    from softphone.sip.conference_drive import ConferenceDrive

    assert ConferenceDrive().available
