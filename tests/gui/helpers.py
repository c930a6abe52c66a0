"""Small helpers of the GUI tests: a center's config in the profile, events from another thread."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from softphone.agent.session import AgentSession
from softphone.config import load_profile
from softphone.events import CallEnded, CallState, Event
from softphone.journal.meta import Meta
from softphone.journal.store import journal_path, open_journal
from softphone.protocol import AgentConfig

CALLEE = "sip:+493012345678@pbx.example"


def center_config(folder: Path, **fields: Any) -> None:
    """Put a config in the profile's journal as a pull from the center would have."""
    journal = open_journal(journal_path(load_profile(folder).data_dir))
    config = AgentConfig(version="v1", **fields)
    Meta(journal).store_config(config.model_dump(mode="json"), "v1")
    journal.close()


def publish_from_another_thread(session: AgentSession, event: Event) -> None:
    """As the SIP thread (or the sync worker) does: the window hears it through the bridge."""
    worker = threading.Thread(target=session.bus.publish, args=(event,))
    worker.start()
    worker.join()


def pick(main, text: str) -> None:
    """The agent opens the status list and picks the entry that reads `text`."""
    combo = main.status_panel.choice
    index = combo.findText(text)
    assert index >= 0, f"{text!r} not offered: {main.status_panel.choices()}"
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


def a_call_that_ends(session, call: str = "c1") -> None:
    for state in ("calling", "confirmed"):
        publish_from_another_thread(
            session, CallState(call=call, state=state, direction="outbound", remote=CALLEE)
        )
    publish_from_another_thread(
        session,
        CallEnded(call=call, reason="Normal", code=200, direction="outbound", remote=CALLEE),
    )


def lab_profile(folder: Path, server: str, user: str, password: str) -> Path:
    """The profile of an agent of the lab's Kamailio (tests/integration/lab), password kept."""
    from softphone.config import SETTINGS_FILE
    from softphone.secrets import store_secret

    (folder / SETTINGS_FILE).write_text(
        f'[sip]\nserver = "{server}"\nuser = "{user}"\ntransport = "udp"\n'
        "register_expires_s = 60\n",
        encoding="utf-8",
    )
    store_secret(folder, "sip", password)
    return folder


def heard(session: AgentSession) -> list[Event]:
    """Every event the session publishes from now on, in order (a list the bus appends to)."""
    events: list[Event] = []
    session.bus.subscribe(events.append)
    return events
