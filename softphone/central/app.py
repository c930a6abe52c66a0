"""The FastAPI application of the central service: routers under `/api/v1`, the wallboard at
`/`, the request guard, error handlers, and the background housekeeping of one process."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from sqlalchemy.exc import OperationalError
from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp

from softphone.central import jobs, recordings
from softphone.central.api import (
    admin_routes,
    agent_routes,
    floor_routes,
    listing_routes,
    live_routes,
    recording_routes,
    session_routes,
    settings_routes,
)
from softphone.central.context import Central, Options
from softphone.central.db import Database
from softphone.central.fastpath import AgentShortcut
from softphone.central.guard import RequestGuard
from softphone.central.live import PostgresListener, postgres_conninfo
from softphone.central.settings import blacklist_version
from softphone.central.times import utcnow
from softphone.protocol import API_PREFIX

log = logging.getLogger(__name__)
STATIC = Path(__file__).parent / "static"


def create_app(database: Database, options: Options | None = None) -> FastAPI:
    """The app for one central process; the database must already be migrated."""
    center = Central(database, options or Options())

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        center.hub.bind(asyncio.get_running_loop())
        listener = None
        if database.is_postgres:
            listener = PostgresListener(postgres_conninfo(database.engine.url), center.hub)
            await run_in_threadpool(listener.start)
        await run_in_threadpool(_recheck_tokens, center)
        options = center.options
        tasks = [
            asyncio.create_task(_every(options.sweep_every_s, _sweep, center)),
            asyncio.create_task(_every(options.purge_every_s, _purge, center)),
            asyncio.create_task(_every(options.token_recheck_s, _recheck_tokens, center)),
            asyncio.create_task(_every(options.heartbeat_flush_s, _flush_beats, center)),
            asyncio.create_task(_every(options.token_recheck_s, _note_blacklist_version, center)),
        ]
        try:
            yield
        finally:
            for task in tasks:
                task.cancel()
            for task in tasks:
                with contextlib.suppress(asyncio.CancelledError):
                    await task
            with contextlib.suppress(Exception):  # the beats held are not worth a hang
                await run_in_threadpool(_flush_beats, center)
            if listener is not None:
                await run_in_threadpool(listener.stop)

    app = CentralApp(
        title="Agent Softphone central service",
        version="1",
        openapi_url=f"{API_PREFIX}/openapi.json",
        docs_url=f"{API_PREFIX}/docs",
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.central = center
    for module in (
        session_routes,
        agent_routes,
        floor_routes,
        admin_routes,
        settings_routes,
        live_routes,
        recording_routes,
        listing_routes,
    ):
        app.include_router(module.router, prefix=API_PREFIX)
    _install_error_handlers(app)
    _mount_wallboard(app)
    app.add_middleware(
        RequestGuard,
        max_body_bytes=center.options.max_body_bytes,
        binary_paths=(recording_routes.CONTENT_PATH,),
    )
    return app


class CentralApp(FastAPI):
    """FastAPI with the agents' short road (heartbeats, uploads) in front of the whole
    middleware stack."""

    def build_middleware_stack(self) -> ASGIApp:
        center: Central = self.state.central
        return AgentShortcut(super().build_middleware_stack(), center)


class _AsciiJSONResponse(JSONResponse):
    """JSON with every non-ASCII character escaped: a 422 echoes the input, and input may hold
    a lone surrogate (valid JSON, no UTF-8), which the plain response failed to encode (500)."""

    def render(self, content: Any) -> bytes:
        return json.dumps(content, separators=(",", ":")).encode("ascii")


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        return _AsciiJSONResponse({"detail": jsonable_encoder(exc.errors())}, status_code=422)

    @app.exception_handler(OperationalError)
    async def database_down(_request: Request, exc: OperationalError) -> JSONResponse:
        log.error("database unavailable: %s", exc)
        return JSONResponse({"detail": "the database is unavailable; retry"}, status_code=503)


def _mount_wallboard(app: FastAPI) -> None:
    @app.get("/", include_in_schema=False)
    def wallboard() -> FileResponse:
        return FileResponse(STATIC / "index.html")

    app.mount("/static", StaticFiles(directory=STATIC), name="static")


async def _every(seconds: float, job: object, center: Central) -> None:
    while True:
        await asyncio.sleep(seconds)
        try:
            # The loop's own executor, not the request thread pool: a flood of requests must
            # not starve the token recheck or the heartbeat flush (see TokenCache).
            await asyncio.to_thread(job, center)  # type: ignore[arg-type]
        except Exception:  # housekeeping must outlive a bad moment of the database
            log.exception("housekeeping job failed; it runs again later")


def _sweep(center: Central) -> None:
    center.beats.flush()  # a beat received but not yet written still counts
    with center.database.writing() as session:
        live = jobs.mark_silent_agents_offline(session, center.options.offline_after_s, utcnow())
        center.feed.stage(session, live)


def _flush_beats(center: Central) -> None:
    center.beats.flush()


def _note_blacklist_version(center: Central) -> None:
    with center.database.reading() as session:
        center.blacklist_version = blacklist_version(session)


def _recheck_tokens(center: Central) -> None:
    with center.database.reading() as session:
        center.tokens.recheck(session)


def _purge(center: Central) -> None:
    with center.database.writing() as session:
        report = jobs.purge_expired(session, utcnow())
    recordings.delete_doomed(center.store, recordings.doomed(session))
    if any(report.model_dump().values()):
        log.info("retention purge: %s", report)
