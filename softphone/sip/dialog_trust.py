"""Who may speak inside a call: the SIP server (and IT's trusted SBCs), or the call's far end.

A stranger who learns a call's Call-ID and tags (a SIP trace, a mirror port, a shared Wi-Fi) can
send requests straight to the agent's port inside that call. `trust.SourceGate` refuses new
INVITEs from strangers; this applies the same rule to what pjsua2 lets us refuse in a dialog:
a re-INVITE (it would move the audio to the stranger or put the customer on hold), an INVITE
with Replaces (it would take the call over) and a REFER (it would make the agent dial).
A request is admitted from a trusted source, or from the host of the far end's Contact as it was
when the call was set up — when the server does not record-route, the far end sends its own
re-INVITEs (hold, session refresh). Not the Contact as it is now: a re-INVITE refreshes the
dialog's target before we are asked, so a stranger's own Contact would vouch for it.

Not gated here, for want of a hook that carries the request: an in-dialog BYE (the invite session
answers it before any callback), a re-INVITE without SDP and an UPDATE with SDP (onCallTxOffer and
onCallRxOffer carry no request; onCallTsxState comes after the answer). And pjsip's dialog takes
the Contact of any INVITE or REFER inside it as the call's new target before we are asked
(sip_dialog.c, "target refresh"): after a refused stranger's re-INVITE, the agent's own later
requests in that call (its BYE) go to the stranger. Closing these needs a pjsip module in front
of the dialog layer, which pjsua2's Python binding does not offer; TLS keeps Call-ID and tags
from strangers in the first place.
"""

from __future__ import annotations

import re

import pjsua2 as pj

from softphone.sip.trust import SourceGate, host_of

# The host of a Contact: <sip:user@host:port;…>, <sips:[v6]:port>, sip:host
_CONTACT_HOST = re.compile(r"sips?:(?:[^@;>]*@)?(\[[^\]]+\]|[^:;>]+)", re.IGNORECASE)


def contact_host(contact: str) -> str:
    found = _CONTACT_HOST.search(contact)
    return found.group(1).strip("[]") if found else ""


class DialogTrust:
    """The in-dialog check of one call; `refer_source` is where its latest REFER came from
    (pjsua2 tells the transaction, with the request, just before asking about the REFER)."""

    def __init__(self, sources: SourceGate) -> None:
        self._sources = sources
        self._far_end = ""
        self.refer_source = ""

    def set_up(self, remote_contact: str) -> None:
        """The call is set up: its far end is the host of its Contact from now on."""
        self._far_end = self._far_end or contact_host(remote_contact)

    def admits(self, what: str, src_address: str) -> bool:
        """True for the server and the far end; a stranger's request is counted and refused,
        and so is one whose source pjsua2 did not tell (fail closed)."""
        if self._sources.trusts(src_address):
            return True
        if self._far_end and host_of(src_address) == self._far_end:
            return True
        self._sources.refuse(what, src_address)
        return False

    def note(self, event: pj.SipEvent) -> None:
        """Remember the source of an incoming REFER (called from onCallTsxState)."""
        if event.type != pj.PJSIP_EVENT_TSX_STATE:
            return
        change = event.body.tsxState
        tsx = change.tsx
        if (
            tsx.role == pj.PJSIP_ROLE_UAS
            and tsx.state == pj.PJSIP_TSX_STATE_TRYING
            and str(tsx.method) == "REFER"
            and change.type == pj.PJSIP_EVENT_RX_MSG
        ):
            self.refer_source = str(change.src.rdata.srcAddress)
