"""Fixtures of the sync tests: a real central service on SQLite and on a throwaway PostgreSQL
cluster (one per session, shared with the central tests' helpers)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from softphone.journal.store import Journal, open_journal
from tests.central.postgres import PostgresCluster
from tests.sync.center_lab import LabCenter, make_center


@pytest.fixture(params=["sqlite", "postgresql"])
def center_db(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "postgresql":
        cluster: PostgresCluster = request.getfixturevalue("postgres")
        return cluster.new_database()
    return f"sqlite:///{tmp_path / 'central.sqlite3'}"


@pytest.fixture
def center(center_db: str) -> Iterator[LabCenter]:
    """A central service that is NOT started yet (tests start it when the story says so)."""
    lab = make_center(center_db)
    yield lab
    lab.close()


@pytest.fixture
def journal(tmp_path: Path) -> Iterator[Journal]:
    profile = tmp_path / "profile"
    opened = open_journal(profile / "journal.sqlite")
    yield opened
    opened.close()
