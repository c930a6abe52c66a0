"""`softphone test-registration`, the route a frozen app's Settings › Test takes (a checkout runs
the module directly): one real registration on Kamailio, answered as JSON on stdout, and the
password never on the command line."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.integration.lab.kamailio import Kamailio

pytestmark = pytest.mark.integration


@pytest.mark.parametrize(("password", "code"), [("secret1", 200), ("wrong", 401)])
def test_the_command_registers_once_and_answers_in_json(
    kamailio: Kamailio, password: str, code: int
) -> None:
    request = {
        "sip": {"server": kamailio.server("udp"), "user": "agent1"},
        "password": password,
        "timeout_s": 10,
    }
    done = subprocess.run(
        [sys.executable, "-m", "softphone", "test-registration"],
        input=json.dumps(request),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    answer = json.loads(done.stdout.strip().splitlines()[-1])
    assert answer["code"] == code
    assert password not in done.stderr
