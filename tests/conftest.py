"""Fixtures shared across test folders: one throwaway PostgreSQL cluster per test session, for
the central service's tests and the sync tests alike (each test gets a fresh database)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.central.postgres import PostgresCluster, missing_message, start_cluster
from tests.integration.lab.tools import in_ci


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresCluster]:
    cluster = start_cluster()
    if cluster is None:
        if in_ci():
            pytest.fail(missing_message())
        pytest.skip(missing_message())
    yield cluster
    cluster.stop()
