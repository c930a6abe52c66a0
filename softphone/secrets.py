"""Credentials in the OS keyring: never a password in a settings file or a log.

The keyring backend is the platform's own (Windows Credential Manager, macOS Keychain, Secret
Service); `PYTHON_KEYRING_BACKEND` picks another, as keyring itself allows. Entries are keyed by
the profile folder so two profiles on one desktop keep separate secrets.
"""

from __future__ import annotations

import threading
from pathlib import Path

import keyring
import keyring.errors

SERVICE = "agent-softphone"
PURPOSES = ("sip", "central")
TOKEN_PURPOSES = ("central-token", "recording-key")
"""Kept by the app itself (the center's bearer token, the recordings' key), not set by a person."""


# One keyring call at a time in this process: a file-backed keyring (keyrings.alt, the tests')
# rewrites its whole file on each write, and two threads storing at once (the sync lanes' tokens,
# the recordings' key) lost every other entry, the SIP password included.
_one_at_a_time = threading.Lock()


class SecretError(RuntimeError):
    """The keyring could not store or give back a secret."""


def _key(profile: Path, purpose: str) -> str:
    if purpose not in PURPOSES + TOKEN_PURPOSES:
        raise SecretError(f"unknown credential purpose {purpose!r}")
    return f"{purpose}:{Path(profile).expanduser().resolve()}"


def store_secret(profile: Path, purpose: str, secret: str) -> None:
    try:
        with _one_at_a_time:
            keyring.set_password(SERVICE, _key(profile, purpose), secret)
    except keyring.errors.KeyringError as exc:
        raise SecretError(f"the keyring refused the {purpose} password: {exc}") from exc


def load_secret(profile: Path, purpose: str) -> str | None:
    try:
        with _one_at_a_time:
            return keyring.get_password(SERVICE, _key(profile, purpose))
    except keyring.errors.KeyringError as exc:
        raise SecretError(f"the keyring could not give the {purpose} password: {exc}") from exc


def backend_name() -> str:
    backend = keyring.get_keyring()
    return f"{type(backend).__module__}.{type(backend).__name__}"
