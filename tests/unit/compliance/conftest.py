"""A gate over a real (temporary) blacklist store and an in-memory call history."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from softphone.compliance.blacklist import BlacklistStore
from softphone.compliance.gate import Gate
from softphone.compliance.history import InMemoryHistory
from softphone.compliance.packs import UNRESTRICTED
from softphone.compliance.policy import Policy

DOMAIN = "pbx.example"


@pytest.fixture
def store(tmp_path: Path) -> BlacklistStore:
    return BlacklistStore(tmp_path / "blacklist")


@pytest.fixture
def history() -> InMemoryHistory:
    return InMemoryHistory()


GateFactory = Callable[..., Gate]


@pytest.fixture
def make_gate(store: BlacklistStore, history: InMemoryHistory) -> GateFactory:
    """A gate with the shipped packs; `statutory_only=True` lifts the enterprise window so a
    pack's own hours show."""

    def make(policy: Policy | None = None, statutory_only: bool = False) -> Gate:
        chosen = policy or Policy()
        if statutory_only:
            chosen = replace(chosen, enterprise=UNRESTRICTED)
        return Gate(chosen, store, history, [DOMAIN])

    return make
