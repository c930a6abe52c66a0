"""Running the central service with uvicorn: migrate, build the app, serve (HTTPS when given a
certificate and key)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from softphone.central.context import Options
from softphone.central.db import Database
from softphone.central.storage import default_root

log = logging.getLogger(__name__)


def serve(
    url: str,
    host: str = "127.0.0.1",
    port: int = 8470,
    tls: tuple[Path, Path] | None = None,
    offline_after_s: float = 90.0,
    trusted_proxies: tuple[str, ...] = (),
    recordings_dir: Path | None = None,
) -> int:
    import uvicorn

    from softphone.central.app import create_app

    database = Database(url)
    database.migrate()
    options = Options(offline_after_s=offline_after_s, recordings_dir=recordings_dir)
    app = create_app(database, options)
    scheme = "https" if tls else "http"
    log.info(
        "central service on %s://%s:%d (database %s)",
        scheme,
        host,
        port,
        database.engine.url.render_as_string(hide_password=True),
    )
    log.info("recordings kept in %s", recordings_dir or default_root())
    if trusted_proxies:
        log.info("X-Forwarded-For taken from %s", ", ".join(trusted_proxies))
    config = uvicorn_config(app, host, port, tls, trusted_proxies)
    try:
        uvicorn.Server(config).run()
    finally:
        database.dispose()
    return 0


def uvicorn_config(
    app: Any,
    host: str,
    port: int,
    tls: tuple[Path, Path] | None = None,
    trusted_proxies: tuple[str, ...] = (),
) -> Any:
    """How the center is served (the tests serve it alike)."""
    import uvicorn

    return uvicorn.Config(
        app,
        host=host,
        port=port,
        ssl_certfile=str(tls[0]) if tls else None,
        ssl_keyfile=str(tls[1]) if tls else None,
        log_level="warning",
        access_log=False,
        # Who the client is (the login limiter counts failures per address) comes from
        # X-Forwarded-For only when the peer is a proxy we were told to trust. uvicorn's own
        # default trusts 127.0.0.1 (or $FORWARDED_ALLOW_IPS): any local user, or anything a
        # local reverse proxy passes on unchecked, could then pick a fresh address per guess.
        proxy_headers=bool(trusted_proxies),
        forwarded_allow_ips=list(trusted_proxies),
        # Agents talk every few seconds to 30 s (heartbeats): keep their connections open
        # across that, as a load balancer in front would, instead of a new one per beat.
        timeout_keep_alive=65,
        ws_max_size=1024 * 1024,
        # Live updates are small JSON texts: compressing each costs more CPU (both ends) than
        # the bytes it saves on a LAN; a wall of supervisors makes it per update × screens.
        ws_per_message_deflate=False,
    )
