"""The profile's recording master key, kept in the OS keyring and made on first use.

The key never touches the disk beside the recordings: a laptop left in a taxi holds sealed files
that need the signed-in user's keyring to open. Losing the keyring entry loses the recordings not
yet uploaded; that is the price of the promise.
"""

from __future__ import annotations

import base64
import os
import threading
from pathlib import Path

from softphone.secrets import load_secret, store_secret

PURPOSE = "recording-key"
_lock = threading.Lock()


def recording_key(profile: Path, create: bool = True) -> bytes:
    """The 32-byte master key; made and stored at the first recording when `create`."""
    with _lock:
        stored = load_secret(profile, PURPOSE)
        if stored:
            return base64.b64decode(stored)
        if not create:
            raise LookupError("this profile has no recording key in the keyring")
        key = os.urandom(32)
        store_secret(profile, PURPOSE, base64.b64encode(key).decode())
        return key
