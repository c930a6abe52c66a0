"""The report a GUI renders and the journal stores: verdicts, worst-wins, plain JSON."""

import json

import pytest

from softphone.devices.readiness.report import (
    Check,
    ReadinessReport,
    failed,
    passed,
    skipped,
    warned,
)
from softphone.protocol import EventKind, parse_payload


def report(*checks: Check) -> ReadinessReport:
    return ReadinessReport(tuple(checks))


def test_the_worst_check_decides_and_skips_never_count() -> None:
    assert report(passed("a", "ok"), skipped("camera", "not checked")).overall == "pass"
    assert report(passed("a", "ok"), warned("b", "slow", "tell IT")).overall == "warn"
    bad = report(warned("b", "slow", "x"), failed("mic", "silent", "unmute"), passed("c", "ok"))
    assert bad.overall == "fail" and not bad.ok
    assert report(skipped("camera", "not checked")).ok
    assert report().overall == "pass"


def test_the_report_is_plain_json_and_fits_the_wire_protocol() -> None:
    r = report(
        passed("microphone", "hears you", value=-20.5, unit="dBFS", device="Jabra"),
        failed("sip_udp", "blocked", "ask IT to open port 5060/udp", details={"code": 0}),
    )
    data = json.loads(json.dumps(r.as_dict()))
    assert data["overall"] == "fail" and data["checked_at"]
    assert data["checks"][1]["fix"] == "ask IT to open port 5060/udp"
    parsed = parse_payload(EventKind.READINESS, r.payload())
    assert parsed.model_dump()["overall"] == "fail"


def test_the_text_shows_verdict_value_and_fix() -> None:
    text = report(
        passed("microphone", "hears you", value=-20.5, unit="dBFS"),
        failed("speaker", "muted", "Unmute it in the sound settings."),
    ).text()
    lines = text.splitlines()
    assert lines[0].startswith("PASS microphone") and "-20.5 dBFS" in lines[0]
    assert lines[1].startswith("FAIL speaker")
    assert lines[2].strip() == "→ Unmute it in the sound settings."
    assert lines[-1] == "Overall: FAIL"


def test_a_check_can_be_found_by_name() -> None:
    r = report(passed("nat", "no NAT"))
    assert r.check("nat") is not None and r.check("camera") is None


@pytest.mark.allow_error_log
def test_a_check_that_breaks_becomes_its_own_failure() -> None:
    from softphone.devices.readiness.run import guarded

    def broken() -> Check:
        raise OSError("device table corrupt")

    check = guarded("microphone", broken)
    assert check.status == "fail" and "device table corrupt" in check.summary
    assert "Run the check again" in check.fix


def test_the_agents_answer_settles_an_unverified_speaker() -> None:
    asked = passed("speaker", "played the test tone on Speakers", ask="Did you hear the test tone?")
    r = report(asked, passed("microphone", "hears you"))
    heard = r.with_answers({"speaker": True})
    assert heard.overall == "pass" and heard.checks[0].ask == ""
    assert heard.checks[0].details["agent_answer"] == "yes"
    deaf = r.with_answers({"speaker": False})
    assert deaf.overall == "fail" and "did not hear" in deaf.checks[0].summary
    assert "volume" in deaf.checks[0].fix
    assert r.with_answers({"microphone": False}).checks[1].status == "pass"  # nothing was asked
