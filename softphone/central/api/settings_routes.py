"""Admin settings, each readable and replaceable as a whole: rest-period policy, reason codes,
wrap-up mode, quick remarks, missed offers before not-ready, retention, the survey number, the
recording policy and the voice cleaning. Agents see the change on their next `GET /config` (its
ETag changes)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body
from pydantic import Field

from softphone.central import audit
from softphone.central.api.deps import AUTH_RESPONSES, Admin, CentralDep
from softphone.central.auth import Principal
from softphone.central.schemas import RecordingPolicy, RetentionSettings, VoicePolicy
from softphone.central.settings import get_setting, put_setting
from softphone.protocol import WrapUpConfig

router = APIRouter(tags=["admin"], responses=AUTH_RESPONSES)
Label = Annotated[str, Field(min_length=1, max_length=200)]
ReasonCodes = dict[Literal["break", "not_ready"], Annotated[list[Label], Field(max_length=100)]]
QuickRemarks = Annotated[list[Label], Field(max_length=500)]
Policy = dict[str, Any]


def _get(center: CentralDep, key: str) -> Any:
    with center.database.reading() as session:
        return get_setting(session, key)


def _put(center: CentralDep, key: str, value: Any, who: Principal) -> Any:
    """Replaces the setting and notes the change (before and after) in the audit log."""
    with center.database.writing() as session:
        before = get_setting(session, key)
        put_setting(session, key, value)
        audit.note(session, who.name, audit.SETTINGS, key, {"before": before, "after": value})
    return value


@router.get("/admin/settings/policy", response_model=Policy)
def get_policy(_who: Admin, center: CentralDep) -> Any:
    """The rest-period policy, handed to agents as is (the compliance rules read it)."""
    return _get(center, "policy")


@router.put("/admin/settings/policy", response_model=Policy)
def put_policy(body: Annotated[Policy, Body()], who: Admin, center: CentralDep) -> Any:
    return _put(center, "policy", body, who)


@router.get("/admin/settings/reason-codes", response_model=ReasonCodes)
def get_reason_codes(_who: Admin, center: CentralDep) -> Any:
    return _get(center, "reason_codes")


@router.put("/admin/settings/reason-codes", response_model=ReasonCodes)
def put_reason_codes(body: Annotated[ReasonCodes, Body()], who: Admin, center: CentralDep) -> Any:
    return _put(center, "reason_codes", {k: list(dict.fromkeys(v)) for k, v in body.items()}, who)


@router.get("/admin/settings/wrap-up", response_model=WrapUpConfig)
def get_wrap_up(_who: Admin, center: CentralDep) -> Any:
    return _get(center, "wrap_up")


@router.put("/admin/settings/wrap-up", response_model=WrapUpConfig)
def put_wrap_up(body: WrapUpConfig, who: Admin, center: CentralDep) -> Any:
    return _put(center, "wrap_up", body.model_dump(), who)


@router.get("/admin/settings/quick-remarks", response_model=QuickRemarks)
def get_quick_remarks(_who: Admin, center: CentralDep) -> Any:
    return _get(center, "quick_remarks")


@router.put("/admin/settings/quick-remarks", response_model=QuickRemarks)
def put_quick_remarks(body: Annotated[QuickRemarks, Body()], who: Admin, center: CentralDep) -> Any:
    return _put(center, "quick_remarks", list(dict.fromkeys(body)), who)


@router.get("/admin/settings/missed-offers", response_model=int)
def get_missed_offers(_who: Admin, center: CentralDep) -> Any:
    """Unanswered offers in a row before an agent is set not-ready ("missed calls")."""
    return _get(center, "missed_offers_before_not_ready")


@router.put("/admin/settings/missed-offers", response_model=int)
def put_missed_offers(
    body: Annotated[int, Body(ge=1, le=100)], who: Admin, center: CentralDep
) -> Any:
    return _put(center, "missed_offers_before_not_ready", body, who)


@router.get("/admin/settings/retention", response_model=RetentionSettings)
def get_retention(_who: Admin, center: CentralDep) -> Any:
    return _get(center, "retention")


@router.put("/admin/settings/retention", response_model=RetentionSettings)
def put_retention(body: RetentionSettings, who: Admin, center: CentralDep) -> Any:
    return _put(center, "retention", body.model_dump(), who)


@router.get("/admin/settings/recording", response_model=RecordingPolicy)
def get_recording(_who: Admin, center: CentralDep) -> Any:
    """Recording on every desk (mode, channels, keep_days), over each desk's [recording]."""
    return _get(center, "recording")


@router.put("/admin/settings/recording", response_model=RecordingPolicy)
def put_recording(body: RecordingPolicy, who: Admin, center: CentralDep) -> Any:
    return _put(center, "recording", body.model_dump(exclude_none=True), who)


@router.get("/admin/settings/voice", response_model=VoicePolicy)
def get_voice(_who: Admin, center: CentralDep) -> Any:
    """Voice cleaning on every desk (echo, noise, gain, high-pass), over each desk's [audio]."""
    return _get(center, "voice")


@router.put("/admin/settings/voice", response_model=VoicePolicy)
def put_voice(body: VoicePolicy, who: Admin, center: CentralDep) -> Any:
    return _put(center, "voice", body.model_dump(exclude_none=True), who)


SurveyNumber = Annotated[str, Field(max_length=64, pattern=r"^ *[0-9A-Za-z+*#.@:_-]* *$")]


@router.get("/admin/settings/survey-number", response_model=str)
def get_survey_number(_who: Admin, center: CentralDep) -> Any:
    """Where agents transfer a caller for the satisfaction survey ("" = no survey)."""
    return _get(center, "survey_number")


@router.put("/admin/settings/survey-number", response_model=str)
def put_survey_number(body: Annotated[SurveyNumber, Body()], who: Admin, center: CentralDep) -> Any:
    return _put(center, "survey_number", body.strip(), who)
