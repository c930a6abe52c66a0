"""What the SIP stack we run on is, and what it cannot do (`softphone --version`)."""

from __future__ import annotations

import ctypes
import glob
import os
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import metadata

import pjsua2 as pj

from softphone.sip.quiet import stdout_to_stderr
from softphone.sip.setup import MAX_CALLS

# Facts of the pjsua2-python 2.15.1 wheel, measured (DESIGN.md "The SIP stack we have").
KNOWN_LIMITS = (
    f"max {MAX_CALLS} simultaneous calls (PJSUA_MAX_CALLS)",
    "no sound device in the wheel: audio runs through our PortAudio bridge",
    "no Opus, no video",
    "TLS 1.2 at most (OpenSSL 1.0.2)",
    "conference slots leak without a sound clock before PJSIP 2.16: every call stays bridged",
)


def openssl_version() -> str:
    """The OpenSSL the wheel links, read from the library it bundles."""
    libs_dir = os.path.join(os.path.dirname(os.path.dirname(pj.__file__)), "pjsua2_python.libs")
    for path in sorted(glob.glob(os.path.join(libs_dir, "libcrypto*"))):
        try:
            lib = ctypes.CDLL(path)
            lib.SSLeay_version.restype = ctypes.c_char_p
            return str(lib.SSLeay_version(0).decode())
        except (OSError, AttributeError):
            continue
    return "unknown"


@contextmanager
def bare_endpoint() -> Iterator[pj.Endpoint]:
    """A pjsua2 library initialised with no log, no threads and no account, destroyed on exit;
    pjlib's start-up lines go to stderr (stdout may be a JSON answer)."""
    with stdout_to_stderr():
        ep = pj.Endpoint()
        ep.libCreate()
        try:
            cfg = pj.EpConfig()
            cfg.logConfig.consoleLevel = 0
            cfg.logConfig.level = 0
            cfg.uaConfig.threadCnt = 0
            cfg.uaConfig.mainThreadOnly = True
            ep.libInit(cfg)
            yield ep
        finally:
            ep.libDestroy()


def pjsip_facts() -> dict[str, object]:
    """PJSIP version, its codecs and limits (starts and stops a bare pjsua2 library)."""
    with bare_endpoint() as ep:
        version = str(ep.libVersion().full)
        codecs = [str(c.codecId) for c in ep.codecEnum2()]
    return {
        "pjsip": version,
        "pjsua2_wheel": metadata.version("pjsua2-python"),
        "openssl": openssl_version(),
        "codecs": codecs,
        "limits": list(KNOWN_LIMITS),
    }
