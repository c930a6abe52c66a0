"""What accounts and calls may ask of the engine that owns them (all on the SIP thread)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from softphone.events import Event

if TYPE_CHECKING:
    from softphone.sip.bridge import BridgePort
    from softphone.sip.call import AgentCall
    from softphone.sip.jitter_trim import JitterTrim
    from softphone.sip.pace import CallPace
    from softphone.sip.trace import TraceStore


class Referee(Protocol):
    """Decides on a far end's REFER, on the SIP thread, quickly: 202 to place the call, or the
    refusal's status code (603: transfers are not accepted; 403: the gate blocked the target)."""

    def __call__(self, refer_to: str, call: str) -> int: ...


class EngineContext(Protocol):
    bridge: BridgePort
    traces: TraceStore
    pace: CallPace
    trim: JitterTrim
    referee: Referee | None  # the outbound desk's rule; None: every REFER is refused

    def publish(self, event: Event) -> None: ...

    def schedule(self, delay_s: float, action: Callable[[], None]) -> object: ...

    def cancel(self, handle: object) -> None: ...

    def adopt_call(self, call: AgentCall) -> str: ...

    def release_call(self, call: AgentCall) -> None: ...

    def live_call_count(self) -> int: ...
