"""A far end's REFER ("call this number for me"), decided for the SIP thread.

A REFER makes the agent's phone place a call, so it is an outbound call like a dial: refused
(603) unless the compliance policy accepts transfers (`accept_refer` in compliance.toml); an
accepted one's target must be a number or colleague at our own server and pass the gate (blocked:
403 and a `blocked` event). The SIP thread must not wait on the journal (the gate reads call
history from it), so the check runs on a thread of its own and the SIP thread waits at most
`CHECK_BUDGET_S` for the verdict; a check slower than that refuses the REFER (403), as any check
that cannot finish does. The operation log and the `blocked` event are written from that thread.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Collection
from dataclasses import dataclass, field

from softphone.compliance.verdict import Reason, Verdict
from softphone.sip.uri import plain_uri

log = logging.getLogger(__name__)

REFUSED = 603  # transfers from the far end are not accepted
BLOCKED = 403  # accepted, but the gate (or our own-server rule) said no
ACCEPTED = 202
# Measured here: a check takes p50 0.04 ms, p99 1.7 ms (a cap read from the journal); the
# budget is for a journal busy with someone else's write, well below SIP's 500 ms T1.
CHECK_BUDGET_S = 0.3


@dataclass
class _Attempt:
    lock: threading.Lock = field(default_factory=threading.Lock)
    done: threading.Event = field(default_factory=threading.Event)
    verdict: Verdict | None = None
    abandoned: bool = False


class ReferRule:
    """The outbound desk's answer to a REFER (`softphone.sip.context.Referee`)."""

    def __init__(
        self,
        accept: bool,
        own_domains: Collection[str],
        check: Callable[[str, Callable[[Verdict], bool]], Verdict],
        report: Callable[[Verdict, str], None],
    ) -> None:
        """`check(target, still_wanted)` runs the gate and counts an allowed call as dialled
        only when `still_wanted(verdict)` says so; `report(verdict, call)` logs and publishes."""
        self.accept = accept
        self.own_domains = frozenset(d.lower() for d in own_domains)
        self._check = check
        self._report = report

    def __call__(self, refer_to: str, call: str) -> int:
        target = plain_uri(refer_to)
        if not self.accept:
            text = (
                f"the far end asked to transfer the call to {target}; transfers from the far "
                "end are not accepted (accept_refer in compliance.toml)"
            )
            refusal = _refusal(target, "refer_refused", text)
            self._in_background(lambda: self._tell(refusal, call, REFUSED))
            return REFUSED
        attempt = _Attempt()
        self._in_background(lambda: self._decide(target, call, attempt))
        if not attempt.done.wait(CHECK_BUDGET_S):
            with attempt.lock:
                attempt.abandoned = attempt.verdict is None
        verdict = attempt.verdict
        return ACCEPTED if verdict is not None and verdict.allowed else BLOCKED

    def _decide(self, target: str, call: str, attempt: _Attempt) -> None:
        try:
            verdict = self._elsewhere(target) or self._check(target, lambda v: _take(attempt, v))
        except Exception as exc:  # the gate never raises; a REFER must not pass if it did
            log.exception("REFER to %s: compliance check failed", target)
            verdict = _refusal(target, "check_failed", f"the check could not be completed: {exc}")
        with attempt.lock:
            if attempt.abandoned:
                verdict = _refusal(target, "check_slow", _too_slow(target))
            elif attempt.verdict is None:
                attempt.verdict = verdict
        attempt.done.set()
        self._tell(verdict, call, ACCEPTED if verdict.allowed else BLOCKED)

    def _tell(self, verdict: Verdict, call: str, code: int) -> None:
        """Into agent.log, the operation log and (refused) a `blocked` event."""
        if verdict.allowed:
            log.info("REFER to %s on call %s accepted (%d)", verdict.target, call, code)
        else:
            why = verdict.reasons[0].text if verdict.reasons else "blocked"
            log.warning("REFER to %s on call %s refused (%d): %s", verdict.target, call, code, why)
        self._report(verdict, call)

    def _elsewhere(self, target: str) -> Verdict | None:
        """A target at another server than ours is refused: pjsua would send the INVITE there
        directly, past our server's routing and records."""
        host = target.partition("@")[2].split(":")[0].strip("[]").lower()
        if not host or host in self.own_domains:
            return None
        text = f"{target}: a transfer from the far end may only name a number at our own server"
        return _refusal(target, "refer_elsewhere", text)

    @staticmethod
    def _in_background(work: Callable[[], None]) -> None:
        threading.Thread(target=work, name="refer-check", daemon=True).start()


def _take(attempt: _Attempt, verdict: Verdict) -> bool:
    """Called by the check, under the desk's dialing lock, for an allowed verdict: True when
    the SIP thread still waits for it (the call will be placed, so it counts)."""
    with attempt.lock:
        if attempt.abandoned:
            return False
        attempt.verdict = verdict
        return True


def _refusal(target: str, code: str, text: str) -> Verdict:
    return Verdict(False, target, "invalid", (Reason(code, text),))


def _too_slow(target: str) -> str:
    return (
        f"the compliance check of {target} took longer than {CHECK_BUDGET_S:.1f} s; "
        "the transfer was refused"
    )
