"""Fixtures shared across test folders: one throwaway PostgreSQL cluster per test session, for
the central service's tests and the sync tests alike (each test gets a fresh database)."""

from __future__ import annotations

import logging
import os
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


@pytest.fixture(scope="session", autouse=True)
def place_name_index() -> None:
    """The provider/place index built once, before any test's agent or window needs it (a
    pop-up would otherwise wait seconds for the first build); agents started as subprocesses
    inherit the path."""
    from softphone.compliance import place_names

    os.environ.pop(place_names.ENV_INDEX, None)
    os.environ[place_names.ENV_INDEX] = str(place_names.ensure_index())


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
