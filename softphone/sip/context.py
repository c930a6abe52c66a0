"""What accounts and calls may ask of the engine that owns them (all on the SIP thread)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from softphone.events import Event

if TYPE_CHECKING:
    from softphone.sip.bridge import BridgePort
    from softphone.sip.call import AgentCall
    from softphone.sip.pace import CallPace
    from softphone.sip.trace import TraceStore


class EngineContext(Protocol):
    bridge: BridgePort
    traces: TraceStore
    pace: CallPace

    def publish(self, event: Event) -> None: ...

    def schedule(self, delay_s: float, action: Callable[[], None]) -> object: ...

    def cancel(self, handle: object) -> None: ...

    def adopt_call(self, call: AgentCall) -> str: ...

    def release_call(self, call: AgentCall) -> None: ...

    def live_call_count(self) -> int: ...
