"""Who may speak inside a call (softphone.sip.dialog_trust), without a network: the server, or
the call's far end as it was when the call was set up; never a later Contact, nor no source."""

from __future__ import annotations

from softphone.config import SipSettings
from softphone.sip.dialog_trust import DialogTrust, contact_host
from softphone.sip.trust import SourceGate


def trust() -> DialogTrust:
    sources = SourceGate(SipSettings(server="10.0.0.5:5060", user="1001"), resolver=lambda _: [])
    return DialogTrust(sources)


def test_the_contact_host_is_read_from_the_usual_forms() -> None:
    assert contact_host("<sip:sipp@192.0.2.9:5070;ob>") == "192.0.2.9"
    assert contact_host('"Ann" <sips:ann@[2001:db8::1]:5061>') == "2001:db8::1"
    assert contact_host("sip:198.51.100.4") == "198.51.100.4"
    assert contact_host("") == ""


def test_the_server_and_the_far_end_as_set_up_are_admitted_a_stranger_is_not() -> None:
    dialog = trust()
    dialog.set_up("<sip:customer@192.0.2.9:5070>")
    dialog.set_up("<sip:stranger@203.0.113.66:5060>")  # a target refresh: the far end stays
    assert dialog.admits("re-INVITE", "10.0.0.5:5060")
    assert dialog.admits("re-INVITE", "192.0.2.9:5070")
    assert not dialog.admits("re-INVITE", "203.0.113.66:5060")
    assert not dialog.admits("REFER", "")  # pjsua2 did not say where it came from
