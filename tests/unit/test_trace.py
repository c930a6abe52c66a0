"""SIP traces attached to calls: the right messages, credentials never kept."""

from softphone.sip.trace import TraceStore, parse_log_entry, redact

REGISTER_WITH_AUTH = (
    "TX 612 bytes Request msg REGISTER/cseq=2 (tdta0x1) to UDP 10.0.0.1:5060:\n"
    "REGISTER sip:10.0.0.1 SIP/2.0\r\n"
    "Call-ID: abc123\r\n"
    'Authorization: Digest username="agent1", realm="x", nonce="n", response="deadbeef"\r\n'
    "Content-Length: 0\r\n\r\n"
    "--end msg--"
)


def entry(call_id: str, direction: str = "RX", method: str = "INVITE") -> str:
    return (
        f"{direction} 300 bytes Request msg {method}/cseq=1 (rdata0x1) from UDP 1.2.3.4:5060:\n"
        f"{method} sip:a@b SIP/2.0\r\ni: {call_id}\r\nContent-Length: 0\r\n\r\n--end msg--"
    )


def test_authorization_is_redacted_but_the_header_stays_visible() -> None:
    parsed = parse_log_entry(REGISTER_WITH_AUTH)
    assert parsed is not None
    direction, call_id, message = parsed
    assert (direction, call_id) == ("TX", "abc123")
    assert "deadbeef" not in message and 'username="agent1"' not in message
    assert "Authorization: [redacted]" in message


def test_proxy_authorization_is_redacted_too() -> None:
    text = redact('Proxy-Authorization: Digest response="secret"\r\nVia: x\r\n')
    assert "secret" not in text and "Via: x" in text


def test_messages_are_filed_by_call_id_in_order() -> None:
    store = TraceStore()
    assert store.feed(entry("one", method="INVITE"))
    assert store.feed(entry("two", method="INVITE"))
    assert store.feed(entry("one", direction="TX", method="BYE"))
    trace = store.take("one")
    assert [m.split("\n")[1].split()[0] for m in trace] == ["INVITE", "BYE"]
    assert store.take("one") == ()


def test_other_log_lines_are_not_traces() -> None:
    store = TraceStore()
    assert not store.feed("Account sip:a@b added with id 0")
    assert not store.feed("TX 12 bytes garbage without a call id:\nhello\n--end msg--")


def test_a_flood_of_calls_cannot_grow_the_store_without_bound() -> None:
    store = TraceStore()
    for n in range(1000):
        store.feed(entry(f"call-{n}"))
    assert store.take("call-0") == ()
    assert len(store.take("call-999")) == 1


def test_srtp_keys_are_redacted_but_the_suite_stays_visible() -> None:
    sdp = (
        "m=audio 4000 RTP/SAVP 0\r\n"
        "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9|2^20|1:4\r\n"
        "a=crypto:2 AES_256_CM_HMAC_SHA1_32 inline:c2VjcmV0c2VjcmV0c2VjcmV0\r\n"
        "a=key-mgmt:mikey AQAFgM0XflABAAAAAAAAAAAAAAsAyONQ6gAAAAAJAAAAA\r\n"
        "k=base64:c2VjcmV0\r\n"
    )
    redacted = redact(sdp)
    assert "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:[redacted]\r\n" in redacted
    assert "a=crypto:2 AES_256_CM_HMAC_SHA1_32 inline:[redacted]\r\n" in redacted
    assert "a=key-mgmt:mikey [redacted]\r\n" in redacted
    assert "k=[redacted]\r\n" in redacted
    assert "c2VjcmV0" not in redacted and "WVNf" not in redacted
