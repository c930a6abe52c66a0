"""The satisfaction survey's number: an admin setting (key/value settings, no migration) that
reaches every agent in its config, where the call card's Survey button transfers callers."""

from __future__ import annotations

from tests.central.server import Center


def test_the_survey_number_reaches_the_agents_config(center: Center) -> None:
    ann, ada = center.client("ann"), center.client("ada")
    before = ann.get("/config")
    assert before.json()["survey_number"] == ""  # none until an admin sets one
    assert ada.get("/admin/settings/survey-number").json() == ""
    assert ada.put("/admin/settings/survey-number", json=" 8800 ").json() == "8800"
    after = ann.get("/config", headers={"If-None-Match": before.headers["etag"]})
    assert after.status_code == 200  # a new version: agents pull it
    assert after.json()["survey_number"] == "8800"
    assert ada.get("/admin/settings/survey-number").json() == "8800"


def test_only_an_admin_sets_a_survey_number_and_only_a_dialable_one(center: Center) -> None:
    ann, ada = center.client("ann"), center.client("ada")
    assert ann.put("/admin/settings/survey-number", json="8800").status_code == 403
    assert ada.put("/admin/settings/survey-number", json="88 00; drop").status_code == 422
    assert ada.put("/admin/settings/survey-number", json="9" * 65).status_code == 422
    assert (
        ada.put("/admin/settings/survey-number", json="sip:survey@pbx.example").status_code == 200
    )
