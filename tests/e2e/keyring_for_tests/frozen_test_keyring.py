"""A keyring backend for tests of the frozen build: a JSON file beside this module.

The frozen app carries only the platform keyrings (Secret Service here, with no D-Bus session in
CI). keyring's own config file points it at this module (`keyring-path`, `default-keyring`),
exactly as IT could point it at another backend; nothing of it is in the bundle.
"""

from __future__ import annotations

import json
from pathlib import Path

from keyring.backend import KeyringBackend

STORE = Path(__file__).with_name("secrets.json")


class FileKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def _load(self) -> dict[str, str]:
        return json.loads(STORE.read_text("utf-8")) if STORE.exists() else {}

    def get_password(self, service: str, username: str) -> str | None:
        return self._load().get(f"{service}\n{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        data = self._load()
        data[f"{service}\n{username}"] = password
        STORE.write_text(json.dumps(data), "utf-8")

    def delete_password(self, service: str, username: str) -> None:
        data = self._load()
        data.pop(f"{service}\n{username}", None)
        STORE.write_text(json.dumps(data), "utf-8")
