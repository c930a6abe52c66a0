"""Fixtures shared across test folders: one throwaway PostgreSQL cluster per test session, for
the central service's tests and the sync tests alike (each test gets a fresh database)."""

from __future__ import annotations

import logging
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


class _ErrorRecords(logging.Handler):
    """Keeps every ERROR (and worse) record a test's code logged under `softphone.*`."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture(autouse=True)
def logfail(request: pytest.FixtureRequest) -> Iterator[_ErrorRecords]:
    """An unexpected ERROR record from `softphone.*` fails the test that caused it (as
    qutebrowser's logfail): a subscriber or a thread that raises must not pass silently. A test
    that provokes one on purpose says so with `@pytest.mark.allow_error_log`."""
    handler = _ErrorRecords()
    watched = logging.getLogger("softphone")
    watched.addHandler(handler)
    try:
        yield handler
    finally:
        watched.removeHandler(handler)
    if handler.records and request.node.get_closest_marker("allow_error_log") is None:
        lines = "\n".join(f"  {r.name}: {r.getMessage()}" for r in handler.records[:10])
        pytest.fail(f"unexpected ERROR log record(s) from softphone.*:\n{lines}", pytrace=False)
