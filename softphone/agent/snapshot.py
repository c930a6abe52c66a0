"""What the phone looks like right now, for a view that opens late: the last registration news
and every live call's latest state.

Events tell a view what changes; a view opened after the session started (the main window, a
second window, a tray menu) has missed them: registration comes within milliseconds on a near
registrar, before any window subscribes. The keeper subscribes before the session starts and
remembers what a view needs to render the present; the view subscribes first, then asks for
the snapshot, so every event is in the snapshot, or delivered after it, or both (rendering is
idempotent).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from softphone.events import (
    CallEnded,
    CallState,
    Event,
    EventBus,
    IncomingCall,
    Registered,
    RegistrationFailed,
    Unregistered,
)

RegistrationNews = Registered | RegistrationFailed | Unregistered
STILL_RINGING = frozenset({"incoming", "early", "ringing"})


@dataclass(frozen=True)
class SessionSnapshot:
    registration: RegistrationNews | None  # None: no word from the registrar yet
    calls: tuple[IncomingCall | CallState, ...]  # each live call's latest event, oldest first

    def events(self) -> tuple[Event, ...]:
        """The snapshot as the events a view would have heard, to render through one path."""
        news: tuple[Event, ...] = (self.registration,) if self.registration else ()
        return news + self.calls


class SnapshotKeeper:
    def __init__(self, bus: EventBus) -> None:
        self._lock = threading.Lock()
        self._registration: RegistrationNews | None = None
        self._calls: dict[str, IncomingCall | CallState] = {}
        bus.subscribe(self._heard)

    def _heard(self, event: Event) -> None:  # on the publishing thread: remember, return
        with self._lock:
            if isinstance(event, Registered | RegistrationFailed | Unregistered):
                self._registration = event
            elif isinstance(event, IncomingCall):
                self._calls[event.call] = event
            elif isinstance(event, CallState):
                offer = self._calls.get(event.call)
                # A call still ringing stays an offer: a late view pops it up, answerable.
                if not (isinstance(offer, IncomingCall) and event.state in STILL_RINGING):
                    self._calls[event.call] = event
            elif isinstance(event, CallEnded):
                self._calls.pop(event.call, None)

    def snapshot(self) -> SessionSnapshot:
        with self._lock:
            return SessionSnapshot(self._registration, tuple(self._calls.values()))
