"""The logfail fixture: an ERROR record from `softphone.*` fails the test that logged it, unless
the test says it expects one."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytest_plugins = ["pytester"]

_CONFTEST = """
from tests.conftest import logfail  # noqa: F401
"""

_TESTS = """
import logging
import threading

import pytest


def test_subscriber_raising_is_logged():
    logging.getLogger("softphone.events").error("subscriber failed")


def test_error_from_another_thread():
    worker = threading.Thread(target=lambda: logging.getLogger("softphone.sync").error("lost"))
    worker.start()
    worker.join()


@pytest.mark.allow_error_log
def test_expected_error():
    logging.getLogger("softphone.journal").error("disk full, on purpose")


def test_warning_is_fine():
    logging.getLogger("softphone.sip").warning("refused a stranger")


def test_other_libraries_errors_are_theirs():
    logging.getLogger("uvicorn.error").error("not ours")
"""


def test_unexpected_error_records_fail_their_test(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a process of its own: the records of the inner tests must not reach this test's logfail
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    pytester.makeconftest(_CONFTEST)
    pytester.makepyfile(_TESTS)
    pytester.makeini("[pytest]\nmarkers =\n    allow_error_log: expected error\n")
    result = pytester.runpytest_subprocess("-q", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=5, errors=2)  # a teardown error still counts the call as passed
    result.stdout.fnmatch_lines(["*softphone.events: subscriber failed*", "*softphone.sync: lost*"])
