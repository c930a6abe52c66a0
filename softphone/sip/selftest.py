"""`softphone self-test`, the SIP stack's part: pjsua2 starts with the null sound device, opens
a UDP and a TLS transport (TLS proves the wheel's bundled OpenSSL loads) and lists its codecs.

Only softphone.sip imports pjsua2 (import-linter), so the self-test asks here.
"""

from __future__ import annotations

import pjsua2 as pj

from softphone.sip.versions import bare_endpoint, openssl_version


def open_pjsua2() -> str:
    """One line: PJSIP's version, its OpenSSL and its codecs. Raises when any step fails."""
    with bare_endpoint() as ep:  # pjlib's start-up lines must not reach stdout
        ep.audDevManager().setNullDev()
        for kind in (pj.PJSIP_TRANSPORT_UDP, pj.PJSIP_TRANSPORT_TLS):
            transport = pj.TransportConfig()
            transport.port = 0  # any free port: the self-test must not collide with the app
            ep.transportCreate(kind, transport)
        ep.libStart()
        version = str(ep.libVersion().full)
        codecs = [str(c.codecId) for c in ep.codecEnum2()]
    openssl = openssl_version()
    if openssl == "unknown":
        raise RuntimeError("the wheel's OpenSSL (pjsua2_python.libs) was not found")
    if not codecs:
        raise RuntimeError("pjsua2 started with no codecs")
    return f"PJSIP {version}, {openssl}, UDP+TLS transports; codecs: {', '.join(codecs)}"
