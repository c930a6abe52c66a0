"""Running the central service with uvicorn: migrate, build the app, serve (HTTPS when given a
certificate and key)."""

from __future__ import annotations

import logging
from pathlib import Path

from softphone.central.context import Options
from softphone.central.db import Database

log = logging.getLogger(__name__)


def serve(
    url: str,
    host: str = "127.0.0.1",
    port: int = 8470,
    tls: tuple[Path, Path] | None = None,
    offline_after_s: float = 90.0,
) -> int:
    import uvicorn

    from softphone.central.app import create_app

    database = Database(url)
    database.migrate()
    app = create_app(database, Options(offline_after_s=offline_after_s))
    scheme = "https" if tls else "http"
    log.info(
        "central service on %s://%s:%d (database %s)",
        scheme,
        host,
        port,
        database.engine.url.render_as_string(hide_password=True),
    )
    config = uvicorn.Config(
        app,
        host=host,
        port=port,
        ssl_certfile=str(tls[0]) if tls else None,
        ssl_keyfile=str(tls[1]) if tls else None,
        log_level="warning",
        access_log=False,
        # Agents talk every few seconds to 30 s (heartbeats): keep their connections open
        # across that, as a load balancer in front would, instead of a new one per beat.
        timeout_keep_alive=65,
        ws_max_size=1024 * 1024,
        # Live updates are small JSON texts: compressing each costs more CPU (both ends) than
        # the bytes it saves on a LAN; a wall of supervisors makes it per update × screens.
        ws_per_message_deflate=False,
    )
    try:
        uvicorn.Server(config).run()
    finally:
        database.dispose()
    return 0
