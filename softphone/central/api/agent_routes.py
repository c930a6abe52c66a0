"""What the agent's desktop calls: event batches, heartbeats, its config, blacklist deltas."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, HTTPException, Query, Response, status

from softphone.central.api.deps import AUTH_RESPONSES, Agent, Anyone, CentralDep
from softphone.central.guard import validation_detail
from softphone.central.ingest import ingest_batch
from softphone.central.settings import BLACKLIST_PAGE, agent_config, blacklist_delta
from softphone.central.times import as_utc, utcnow
from softphone.protocol import (
    AgentConfig,
    BlacklistDelta,
    EventAck,
    EventBatch,
    Heartbeat,
    HeartbeatAck,
)

router = APIRouter(tags=["agent"], responses=AUTH_RESPONSES)


@router.post("/events", response_model=EventAck)
def post_events(batch: EventBatch, who: Agent, center: CentralDep) -> EventAck:
    """Stores each event once per id. `stored` lists every id the center now holds (new or
    already there: safe to delete from the outbox); `rejected` the ones it will never take."""
    # A cached agent token's upload usually takes the short road (softphone.central.fastpath)
    # to the same `ingest_batch`; this route answers the rest and documents the endpoint.
    return ingest_batch(center, who, list(batch.events))


@router.post("/heartbeat", response_model=HeartbeatAck)
async def post_heartbeat(beat: Heartbeat, who: Agent, center: CentralDep) -> HeartbeatAck:
    """The agent is alive; without one for `offline_after_s` it is shown offline."""
    # Noted in memory and written with the others within a second (softphone.central.beats);
    # no thread and no transaction per beat.
    try:
        as_utc(beat.device_time)
    except ValueError as exc:
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT, validation_detail(str(exc), "device_time")
        ) from None
    center.beats.note(who, beat)
    return HeartbeatAck(
        server_time=utcnow(),
        offline_after_s=center.options.offline_after_s,
        blacklist_version=center.blacklist_version,
    )


@router.get(
    "/config",
    response_model=AgentConfig,
    responses={304: {"description": "unchanged since the ETag given in If-None-Match"}},
)
def get_config(
    who: Anyone,
    center: CentralDep,
    response: Response,
    if_none_match: Annotated[str | None, Header(max_length=1024)] = None,
) -> AgentConfig | Response:
    with center.database.reading() as session:
        config = agent_config(session, who)
    etag = f'"{config.version}"'
    if if_none_match is not None and _matches(if_none_match, etag):
        return Response(status_code=304, headers={"ETag": etag})
    response.headers["ETag"] = etag
    return config


def _matches(if_none_match: str, etag: str) -> bool:
    tags = {t.strip().removeprefix("W/") for t in if_none_match.split(",")}
    return etag in tags or "*" in tags


@router.get("/blacklist/delta", response_model=BlacklistDelta)
def get_blacklist_delta(
    who: Anyone,
    center: CentralDep,
    since: Annotated[int, Query(ge=0, le=2**31 - 1, description="the version the agent holds")] = 0,
    limit: Annotated[
        int | None, Query(ge=1, le=BLACKLIST_PAGE, description="the most changes in this page")
    ] = None,
) -> BlacklistDelta:
    """Numbers added and removed after `since`, and numbers to erase (deletion requests). A
    large delta comes in pages: while `more` is true, ask again with `since` = its `version`."""
    with center.database.reading() as session:
        return blacklist_delta(session, since, limit or center.options.blacklist_page)
