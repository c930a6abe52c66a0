"""Recordings over HTTP. Devices: announce (`POST /recordings`), send the bytes in resumable
pieces (`PUT /recordings/{id}/content` with Content-Range), ask where they stand (`GET
…/status`). Listeners: a ticket to play or download (`POST …/listen`, audited) and the audio
itself (`GET …/audio`, HTTP Range for seeking), each within the caller's scope."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request, Response, status
from fastapi.responses import JSONResponse, StreamingResponse
from fastapi.security import HTTPAuthorizationCredentials
from starlette.concurrency import run_in_threadpool

from softphone.central import audit, recordings
from softphone.central.api.deps import (
    AUTH_RESPONSES,
    Agent,
    CentralDep,
    Reader,
    authenticate,
    bearer,
)
from softphone.central.auth import Principal, token_digest
from softphone.central.context import Central
from softphone.central.listening import (
    ByteRange,
    RangeNotSatisfiable,
    issue_ticket,
    parse_range,
    ticket_holder,
)
from softphone.central.models import Recording
from softphone.central.schemas import ListenTicketOut, RecordingAnnounce, UploadState
from softphone.central.times import utcnow
from softphone.protocol import API_PREFIX

router = APIRouter(tags=["recordings"], responses=AUTH_RESPONSES)
RecordingId = Annotated[
    str,
    Path(pattern=r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"),
]
MEDIA_TYPES = {"flac": "audio/flac", "ogg": "audio/ogg"}
CONTENT_PATH = API_PREFIX + r"/recordings/[0-9a-fA-F-]{36}/content"
"""Audio bytes, NULs and all: the request guard does not refuse NULs on this path."""


def _refused(exc: recordings.UploadRefused) -> JSONResponse:
    return JSONResponse(exc.body, status_code=exc.status)


@router.post(
    "/recordings",
    response_model=UploadState,
    responses={
        201: {"description": "new: send from byte 0"},
        403: {"description": "another agent's recording"},
        409: {"description": "a finished recording cannot change"},
        410: {"description": "deleted at the center: delete it on the device"},
    },
)
def post_recording(
    body: RecordingAnnounce, who: Agent, center: CentralDep, response: Response
) -> UploadState | JSONResponse:
    """Announces a recording of the caller's: 201 {"received": 0} when new, 200 with the
    bytes already received when known (resume from there)."""
    try:
        with center.database.writing() as session:
            new, received = recordings.announce(session, center.store, who, body, utcnow())
    except recordings.UploadRefused as exc:
        return _refused(exc)
    response.status_code = status.HTTP_201_CREATED if new else status.HTTP_200_OK
    return UploadState(received=received, complete=received == body.size and not new)


@router.put(
    "/recordings/{recording_id}/content",
    response_model=UploadState,
    responses={409: {"description": "START is not where the center stands: see received"},
               422: {"description": "the SHA-256 did not match: the bytes are discarded"}},
    openapi_extra={"requestBody": {"content": {"application/octet-stream": {}}, "required": True}},
)  # fmt: skip
async def put_content(
    recording_id: RecordingId, request: Request, who: Agent, center: CentralDep
) -> UploadState | JSONResponse:
    """Appends bytes START..END (`Content-Range: bytes START-END/TOTAL`) to the recording; once
    all TOTAL bytes are in, the center checks the SHA-256 and keeps the file (complete) or
    discards every byte (422; send again from 0). Bytes written are durable."""
    piece = recordings.Piece(recording_id.lower(), request.headers.get("content-range"),
                             await request.body())  # fmt: skip
    try:
        return await run_in_threadpool(_receive, center, who, piece)
    except recordings.UploadRefused as exc:
        return _refused(exc)


def _receive(center: Central, who: Principal, piece: recordings.Piece) -> UploadState:
    with center.database.reading() as session:
        size = recordings.check_piece(session, center.store, who, piece)
    received = recordings.append_piece(center.store, piece)  # outside any transaction
    if received < size:
        return UploadState(received=received, complete=False)
    with center.database.writing() as session:
        matched = recordings.finish(session, center.store, piece.key, utcnow())
    if not matched:
        raise recordings.UploadRefused(
            422, {"detail": "the SHA-256 of the bytes received does not match", "received": 0}
        )
    return UploadState(received=size, complete=True)


@router.get("/recordings/{recording_id}/status", response_model=UploadState)
def get_status(
    recording_id: RecordingId, who: Agent, center: CentralDep
) -> UploadState | JSONResponse:
    try:
        with center.database.reading() as session:
            return recordings.status(session, center.store, who, recording_id.lower())
    except recordings.UploadRefused as exc:
        return _refused(exc)


def _listenable(center: Central, who: Principal, key: str) -> Recording:
    try:
        with center.database.reading() as session:
            row = recordings.listenable(session, who, key)
    except recordings.NotYours:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "not yours to hear") from None
    if row is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "no such recording (or not uploaded yet)")
    return row


@router.post(
    "/recordings/{recording_id}/listen",
    response_model=ListenTicketOut,
    responses={404: {"description": "no such finished recording"}},
)
def post_listen(
    recording_id: RecordingId,
    who: Reader,
    center: CentralDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
    purpose: Annotated[Literal["play", "download"], Query()] = "play",
) -> ListenTicketOut:
    """A short-lived URL of the audio for an HTML audio element (or a download link), which
    sends no Authorization header. Each one is a playback or download in the audit log."""
    key = recording_id.lower()
    row = _listenable(center, who, key)
    assert credentials is not None  # `who` came from it
    lifetime = timedelta(seconds=center.options.listen_ticket_s)
    action = audit.PLAY if purpose == "play" else audit.DOWNLOAD
    with center.database.writing() as session:
        ticket, expires = issue_ticket(session, token_digest(credentials.credentials), key,
                                       utcnow() + lifetime)  # fmt: skip
        audit.note(session, who.name, action, key, _about(row))
    suffix = "&download=1" if purpose == "download" else ""
    url = f"{API_PREFIX}/recordings/{key}/audio?ticket={ticket}{suffix}"
    return ListenTicketOut(url=url, expires_at=expires)


def _about(row: Recording) -> dict[str, object]:
    return {"agent_id": row.agent_id, "call_key": row.call_key}


@router.get(
    "/recordings/{recording_id}/audio",
    response_class=StreamingResponse,
    responses={206: {"description": "the range asked for"}, 416: {"description": "bad range"}},
)
def get_audio(
    recording_id: RecordingId,
    request: Request,
    center: CentralDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
    ticket: Annotated[str | None, Query(max_length=128)] = None,
    download: bool = False,
) -> StreamingResponse:
    """The audio, whole (200) or the byte range asked for (206): with a ticket from `listen`,
    or with the bearer token (then each fetch from byte 0 is a download in the audit log)."""
    key = recording_id.lower()
    who = _who_listens(center, key, ticket, credentials)
    row = _listenable(center, who, key)
    size = center.store.size(key)
    if size is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "the audio is gone")
    try:
        wanted = parse_range(request.headers.get("range"), size)
    except RangeNotSatisfiable:
        return StreamingResponse(
            iter(()), status_code=416, headers={"Content-Range": f"bytes */{size}"}
        )
    if ticket is None and wanted.start == 0:
        with center.database.writing() as session:
            audit.note(session, who.name, audit.DOWNLOAD, key, _about(row))
    return _stream(center, row, wanted, download)


def _who_listens(
    center: Central, key: str, ticket: str | None, credentials: HTTPAuthorizationCredentials | None
) -> Principal:
    if ticket is not None:
        with center.database.reading() as session:
            who = ticket_holder(session, ticket, key, utcnow())
        if who is None:
            raise HTTPException(status.HTTP_401_UNAUTHORIZED, "the ticket expired; ask again")
        return who
    who = center.tokens.get(token_digest(credentials.credentials)) if credentials else None
    if who is None and credentials is not None:
        who = authenticate(center, credentials.credentials)
    if who is None:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "a ticket or bearer token is needed")
    return who


def _stream(
    center: Central, row: Recording, wanted: ByteRange, download: bool
) -> StreamingResponse:
    headers = {
        "Accept-Ranges": "bytes",
        "Content-Length": str(wanted.length),
        "ETag": f'"{row.sha256}"',
        "Cache-Control": "private, no-store",  # customers' voices stay off shared caches
    }
    if wanted.partial:
        headers["Content-Range"] = f"bytes {wanted.start}-{wanted.end}/{wanted.total}"
    if download:
        headers["Content-Disposition"] = f'attachment; filename="{row.id}.{row.format}"'
    return StreamingResponse(
        center.store.open_range(row.id, wanted.start, wanted.end),
        status_code=206 if wanted.partial else 200,
        media_type=MEDIA_TYPES.get(row.format, "application/octet-stream"),
        headers=headers,
    )
