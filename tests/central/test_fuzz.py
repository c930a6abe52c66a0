"""schemathesis against the published OpenAPI spec of a running center: whatever it sends, the
answer is never a 5xx and always matches the spec. Bounded: a few dozen cases per operation."""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from tests.central.server import Center

pytestmark = pytest.mark.integration

AGENT_PATHS = (
    "/events",
    "/heartbeat",
    "/config",
    "/blacklist/delta",
    "/recordings",
    "/content",
    "/status",
)
CASES_PER_OPERATION = 15


def _caller(path: str) -> str:
    if path.endswith(AGENT_PATHS):
        return "ann"
    return "ada" if "/admin" in path or "deletion" in path else "sue"


def test_no_server_error_and_no_schema_violation(center: Center) -> None:
    schema = schemathesis.openapi.from_url(f"{center.api}/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    # Logging out would revoke the token every other case uses.
    operations = [op for op in operations if not op.path.endswith("/logout")]
    assert len(operations) >= 9
    for name in ("ann", "sue", "ada"):  # before /login is fuzzed into its rate limit
        center.token(name)
    for operation in operations:
        _fuzz(operation, center.token(_caller(operation.path)))


def _fuzz(operation: Any, token: str) -> None:
    @given(case=operation.as_strategy())
    @settings(
        max_examples=CASES_PER_OPERATION,
        deadline=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
        database=None,
    )
    def fuzz(case: schemathesis.Case) -> None:
        case.call_and_validate(
            headers={"Authorization": f"Bearer {token}"},
            checks=[not_a_server_error, response_schema_conformance],
        )

    fuzz()
