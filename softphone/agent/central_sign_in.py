"""Signing in to the central service from Settings: the password and the token the center gives
back go to the OS keyring (as `softphone credentials set --for central` and the sync worker do),
never into the settings file. Blocks on HTTP: call it off the GUI thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from softphone.secrets import store_secret


@dataclass(frozen=True)
class SignIn:
    """`ok` with the role the center gave; otherwise `refused` (wrong user or password) or
    `unreachable`, with the reason."""

    outcome: str  # "ok" | "refused" | "unreachable"
    role: str = ""
    reason: str = ""


def sign_in(profile: Path, url: str, user: str, password: str) -> SignIn:
    # Imported here: the HTTP client stays out of a window that never signs in from Settings.
    from softphone.sync.client import CentralClient, LoginFailed, SyncError, TokenStore

    tokens = TokenStore(save=lambda token: store_secret(profile, "central-token", token))
    client = CentralClient(url, user, lambda: password, tokens)
    try:
        answer = client.login()
    except LoginFailed as exc:
        return SignIn("refused", reason=str(exc))
    except SyncError as exc:
        return SignIn("unreachable", reason=str(exc))
    except Exception as exc:  # a bad address (httpx.InvalidURL …) reads as unreachable
        return SignIn("unreachable", reason=str(exc) or type(exc).__name__)
    finally:
        client.close()
    # The sync worker logs in again with it when the token expires.
    store_secret(profile, "central", password)
    return SignIn("ok", role=answer.role)
