"""pjsua2 configuration built from the agent's SIP settings: endpoint, transports, account.

Kept apart from the engine loop so the choices are readable in one place: one SIP thread and no
pjsua worker threads (DESIGN.md), the null sound device as the media clock, TLS verifying the
server by default, SRTP (SDES) as the settings say.
"""

from __future__ import annotations

import os
from pathlib import Path

import pjsua2 as pj

from softphone import __version__
from softphone.config import SipSettings, split_host_port
from softphone.sip.bridge import CLOCK_RATE
from softphone.sip.rtp_jitter import steady_jitter_buffer

USER_AGENT = f"AgentSoftphone/{__version__}"
MAX_CALLS = 4  # the wheel clamps maxCalls to 4 (PJSUA_MAX_CALLS)
_SRTP = {
    "off": pj.PJMEDIA_SRTP_DISABLED,
    "optional": pj.PJMEDIA_SRTP_OPTIONAL,
    "mandatory": pj.PJMEDIA_SRTP_MANDATORY,
}
_TRANSPORT = {
    "udp": pj.PJSIP_TRANSPORT_UDP,
    "tcp": pj.PJSIP_TRANSPORT_TCP,
    "tls": pj.PJSIP_TRANSPORT_TLS,
}
_SYSTEM_CA_FILES = (
    "/etc/ssl/certs/ca-certificates.crt",
    "/etc/pki/tls/certs/ca-bundle.crt",
    "/etc/ssl/cert.pem",
)


def endpoint_config(
    log_writer: pj.LogWriter, media_ioqueue: bool = False, drift_trimmed: bool = False
) -> pj.EpConfig:
    """pjsua's configuration. `media_ioqueue`: RTP goes to pjmedia's ioqueue (`RtpReader`);
    `drift_trimmed`: `JitterTrim` shortens drifting jitter buffers, so pjmedia's discard is off."""
    cfg = pj.EpConfig()
    cfg.uaConfig.threadCnt = 0
    cfg.uaConfig.mainThreadOnly = True
    cfg.uaConfig.maxCalls = MAX_CALLS
    cfg.uaConfig.userAgent = USER_AGENT
    # pjsua answers any NOTIFY for message-summary with 200 by default (unsolicited MWI): a
    # stranger's NOTIFY would be taken. The agent has no voicemail lamp; refuse them all.
    cfg.uaConfig.mwiUnsolicitedEnabled = False
    cfg.logConfig.writer = log_writer
    # Message dumps are logged at level 4 and we need them for SIP traces. pjsua hands the writer
    # only what passes consoleLevel, so both are 4; nothing reaches the console with a writer set.
    cfg.logConfig.level = 4
    cfg.logConfig.consoleLevel = 4
    cfg.logConfig.decor = 0
    cfg.logConfig.msgLogging = True
    cfg.medConfig.clockRate = CLOCK_RATE
    cfg.medConfig.sndClockRate = CLOCK_RATE
    cfg.medConfig.ecTailLen = 0  # no pjmedia device, so no pjmedia echo canceller to feed
    cfg.medConfig.noVad = True
    steady_jitter_buffer(cfg.medConfig, drift_trimmed)
    # Never pjmedia's own "media" thread: it polls every 10 ms all day long, ~0.4 % of a core at
    # idle, most of the idle window's CPU (tests/bench/desktop.py). RTP goes to an ioqueue of
    # pjmedia's that our `RtpReader` polls only during calls (`media_ioqueue`), or else to
    # pjsip's, read by the SIP thread's own poll.
    cfg.medConfig.hasIoqueue = media_ioqueue
    cfg.medConfig.threadCnt = 0
    return cfg


# Narrowband G.711 first: every contact-center trunk and gateway speaks it, so no transcoding;
# G.722 next for wideband peers; L16 (uncompressed 44.1 kHz) is never worth its bandwidth.
_CODEC_PRIORITY = {"PCMU/8000": 250, "PCMA/8000": 249, "G722/16000": 248, "L16/": 0}


def prefer_codecs(ep: pj.Endpoint) -> None:
    for codec in ep.codecEnum2():
        name = str(codec.codecId)
        for prefix, priority in _CODEC_PRIORITY.items():
            if name.startswith(prefix):
                ep.codecSetPriority(name, priority)
        if not any(name.startswith(p) for p in _CODEC_PRIORITY) and codec.priority > 200:
            ep.codecSetPriority(name, 200)


def transport_config(
    sip: SipSettings, for_transport: str, facing: str | None = None
) -> pj.TransportConfig:
    """The listener for the account's transport, bound to the address facing the server (not
    every interface: a listener on a network the server is not on only serves strangers)."""
    cfg = pj.TransportConfig()
    cfg.port = sip.local_port if for_transport == "udp" else 0
    if facing:
        cfg.boundAddress = facing
        cfg.publicAddress = facing  # what Via and Contact say
    if for_transport == "tls":
        tls = cfg.tlsConfig
        tls.verifyServer = sip.verify_server
        tls.method = pj.PJSIP_TLSV1_2_METHOD
        ca_file = sip.ca_file or _system_ca_file()
        if ca_file:
            tls.CaListFile = ca_file
    return cfg


def _system_ca_file() -> str:
    override = os.environ.get("SSL_CERT_FILE", "")
    for candidate in (override, *_SYSTEM_CA_FILES):
        if candidate and Path(candidate).is_file():
            return candidate
    return ""


def transport_type(transport: str) -> int:
    return int(_TRANSPORT[transport])


def _uri_params(transport: str) -> str:
    return "" if transport == "udp" else f";transport={transport}"


def registrar_uri(sip: SipSettings) -> str:
    host, port, _ = split_host_port(sip.server)
    host_text = f"[{host}]" if ":" in host else host
    where = f"{host_text}:{port}" if port else host_text
    return f"sip:{where}{_uri_params(sip.transport)}"


def account_config(sip: SipSettings, password: str, transport_id: int) -> pj.AccountConfig:
    cfg = pj.AccountConfig()
    cfg.idUri = f"sip:{sip.user}@{sip.sip_domain}"
    if sip.register:  # else no registrar: the server calls the agent directly (the demo)
        cfg.regConfig.registrarUri = registrar_uri(sip)
    cfg.regConfig.timeoutSec = sip.register_expires_s
    cfg.regConfig.retryIntervalSec = 0  # we retry ourselves, honouring Retry-After
    cfg.regConfig.unregWaitMsec = 1500
    cfg.regConfig.dropCallsOnFail = False
    cfg.sipConfig.transportId = transport_id
    # The password answers the configured realm only: with "*" any far end that challenges
    # (a stranger's 401 to our INVITE) would get a digest of it to crack offline.
    cfg.sipConfig.authCreds.append(pj.AuthCredInfo("digest", sip.auth_realm, sip.user, 0, password))
    # Every request goes through the outbound proxy, or else through the registrar itself (as
    # MicroSIP and Linphone do): `sip:1001@domain` must not be sent to the domain's port 5060.
    proxy = sip.outbound_proxy or sip.server
    proxy = proxy if proxy.startswith("sip") else f"sip:{proxy}"
    cfg.sipConfig.proxies.append(f"{proxy}{_uri_params(sip.transport)};lr")
    # RTP ports from the OS rather than pjsua's fixed 4000 upwards: two softphones on one
    # desktop (or a terminal server full of agents) must not fight over the same ports.
    cfg.mediaConfig.transportConfig.port = 0
    cfg.mediaConfig.srtpUse = _SRTP[sip.srtp]
    cfg.mediaConfig.srtpSecureSignaling = 0  # SDES over UDP/TCP too; TLS is advised, not forced
    cfg.natConfig.iceEnabled = False
    if sip.stun_server:
        cfg.natConfig.sipStunUse = pj.PJSUA_STUN_USE_DEFAULT
        cfg.natConfig.mediaStunUse = pj.PJSUA_STUN_USE_DEFAULT
    else:
        cfg.natConfig.sipStunUse = pj.PJSUA_STUN_USE_DISABLED
        cfg.natConfig.mediaStunUse = pj.PJSUA_STUN_USE_DISABLED
    return cfg
