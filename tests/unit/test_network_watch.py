"""The network watch notices a changed route to the SIP server once, and only once."""

from softphone.sip import network_watch
from softphone.sip.network_watch import NetworkWatch, local_address_towards


def test_loopback_is_reached_from_loopback() -> None:
    assert local_address_towards("127.0.0.1", 5060) == "127.0.0.1"


def test_an_unresolvable_server_has_no_route() -> None:
    assert local_address_towards("no-such-host.invalid", 5060) == ""


def test_a_change_is_reported_once(monkeypatch) -> None:
    addresses = iter(["10.0.0.5", "10.0.0.5", "10.0.0.5", "192.168.1.7", "192.168.1.7", ""])
    monkeypatch.setattr(network_watch, "local_address_towards", lambda h, p: next(addresses))
    watch = NetworkWatch("pbx.example", 5060)
    assert [watch.changed() for _ in range(5)] == [False, False, True, False, False]
