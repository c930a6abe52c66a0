"""Fixtures of the central service's tests: a real server on loopback over SQLite and over a
throwaway PostgreSQL cluster (one per session, a fresh database per test)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.central.postgres import PostgresCluster
from tests.central.server import Center, start_center


def database_url(request: pytest.FixtureRequest, backend: str, tmp_path: Path) -> str:
    if backend == "postgresql":
        cluster: PostgresCluster = request.getfixturevalue("postgres")
        return cluster.new_database()
    return f"sqlite:///{tmp_path / 'central.sqlite3'}"


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def center_options() -> dict[str, Any]:
    """Options of the `center` under test; a test module overrides this fixture to change them."""
    return {}


@pytest.fixture
def center(
    request: pytest.FixtureRequest, backend: str, tmp_path: Path, center_options: dict[str, Any]
) -> Iterator[Center]:
    """A running central service on the backend; accounts: ann and al (agents of sales), bo
    (agent of support), sue (supervisor of sales), sam (supervisor of support), ada (admin)."""
    running = start_center(database_url(request, backend, tmp_path), backend, **center_options)
    for name, role, groups in (
        ("ann", "agent", ("sales",)),
        ("al", "agent", ("sales",)),
        ("bo", "agent", ("support",)),
        ("sue", "supervisor", ("sales",)),
        ("sam", "supervisor", ("support",)),
        ("ada", "admin", ()),
    ):
        running.add_user(name, role, groups)
    yield running
    running.close()
