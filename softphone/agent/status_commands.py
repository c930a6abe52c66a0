"""The headless agent's status commands (README, "Agent status"): `status`, `wrap_up_done`,
`cellphone_pickup`. Each raises ValueError (a refused move included) with a message the
headless agent turns into an `error` event."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from softphone.agent.session import AgentSession


def _optional_text(msg: dict[str, Any], key: str) -> str | None:
    value = msg.get(key)
    if value is not None and not isinstance(value, str):
        raise ValueError(f"'{key}' must be a string")
    return value or None


def set_status(session: AgentSession, msg: dict[str, Any]) -> None:
    status = msg.get("status")
    if not isinstance(status, str) or not status:
        raise ValueError("'status' must be a non-empty string")
    pickup = msg.get("cellphone_pickup")
    if pickup is not None and not isinstance(pickup, bool):
        raise ValueError("'cellphone_pickup' must be true or false")
    session.set_status(status, _optional_text(msg, "reason"))
    if pickup is not None:
        session.set_cellphone_pickup(pickup)


def wrap_up_done(session: AgentSession, msg: dict[str, Any]) -> None:
    session.wrap_up_done(_optional_text(msg, "remarks"), _optional_text(msg, "disposition"))


def cellphone_pickup(session: AgentSession, msg: dict[str, Any]) -> None:
    on = msg.get("on")
    if not isinstance(on, bool):
        raise ValueError("'on' must be true or false")
    session.set_cellphone_pickup(on)


STATUS_COMMANDS = {
    "status": set_status,
    "wrap_up_done": wrap_up_done,
    "cellphone_pickup": cellphone_pickup,
}
