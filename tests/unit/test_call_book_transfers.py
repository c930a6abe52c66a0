"""A transfer the agent asked for is noted in the call's record with how it went, as the far end's
NOTIFYs (the REFER's sipfrag) tell it: accepted, completed or failed."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from softphone.agent.call_book import CallBook
from softphone.events import CallEnded, CallState, TransferAsked, TransferStatus

NOW = datetime(2026, 12, 7, 10, 0, tzinfo=timezone.utc)
CUSTOMER = "sip:+493012345678@pbx.example"


def record_after(*statuses: TransferStatus, purpose: str = "survey") -> str:
    book = CallBook("agent1", "agent1@pbx.example")
    for state in ("calling", "confirmed"):
        book.state_changed(
            CallState(call="c1", state=state, direction="outbound", remote=CUSTOMER), NOW
        )
    book.transfer_asked(TransferAsked(call="c1", to="8800", purpose=purpose))
    for status in statuses:
        book.transfer_status(status)
    ended = CallEnded(call="c1", code=200, reason="Normal call clearing", hung_up_by="agent")
    record = book.ended(ended, NOW)[-1].record
    assert record is not None
    return record.end_reason or ""


@pytest.mark.parametrize(
    ("statuses", "noted"),
    [
        ((), "survey transfer to 8800: asked; 200 Normal call clearing"),
        (
            (TransferStatus(call="c1", code=202, reason="Accepted"),),
            "survey transfer to 8800: accepted (202 Accepted); 200 Normal call clearing",
        ),
        (
            (
                TransferStatus(call="c1", code=100, reason="Trying"),
                TransferStatus(call="c1", code=200, reason="OK", final=True),
            ),
            "survey transfer to 8800: completed (200 OK); 200 Normal call clearing",
        ),
        (
            (
                TransferStatus(call="c1", code=100, reason="Trying"),
                TransferStatus(call="c1", code=486, reason="Busy Here", final=True),
            ),
            "survey transfer to 8800: failed (486 Busy Here); 200 Normal call clearing",
        ),
        (
            (TransferStatus(call="c1", code=603, reason="Decline", final=True),),
            "survey transfer to 8800: failed (603 Decline); 200 Normal call clearing",
        ),
    ],
)
def test_the_record_notes_the_survey_transfer_and_its_result(statuses, noted) -> None:
    assert record_after(*statuses) == noted


def test_a_blind_transfer_is_noted_as_a_transfer() -> None:
    done = TransferStatus(call="c1", code=200, reason="OK", final=True)
    assert record_after(done, purpose="blind").startswith("transfer to 8800: completed")


def test_a_call_without_a_transfer_keeps_its_plain_end_reason() -> None:
    book = CallBook("agent1", "agent1@pbx.example")
    book.state_changed(
        CallState(call="c1", state="calling", direction="outbound", remote=CUSTOMER), NOW
    )
    ended = CallEnded(call="c1", code=486, reason="Busy Here")
    record = book.ended(ended, NOW)[-1].record
    assert record is not None and record.end_reason == "486 Busy Here"
    assert book.transfer_status(TransferStatus(call="c1", code=200, final=True)) is None
