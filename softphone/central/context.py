"""One central process's shared pieces: the database, the live hub and feed, the login limiter,
the token cache, the heartbeats waiting to be written, the recording store, and the timings
that tests shorten."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from softphone.central.auth import LoginLimiter, TokenCache
from softphone.central.beats import HeartbeatBook
from softphone.central.db import Database
from softphone.central.live import LiveFeed, LiveHub
from softphone.central.settings import BLACKLIST_PAGE
from softphone.central.storage import DiskStore, RecordingStore, default_root


@dataclass
class Options:
    offline_after_s: float = 90.0
    token_lifetime: timedelta = timedelta(hours=12)
    max_body_bytes: int = 16 * 1024 * 1024
    sweep_every_s: float = 5.0
    purge_every_s: float = 3600.0
    login_attempts: int = 5
    login_window_s: float = 60.0
    token_cache_s: float = 600.0
    token_recheck_s: float = 1.0
    heartbeat_flush_s: float = 0.5
    blacklist_page: int = BLACKLIST_PAGE
    live_recheck_s: float = 30.0
    recordings_dir: Path | None = None
    """Where recordings' audio is kept on disk; None: the user data dir's central/recordings."""
    listen_ticket_s: float = 3600.0


@dataclass
class Central:
    database: Database
    options: Options
    hub: LiveHub = field(default_factory=LiveHub)
    feed: LiveFeed = field(init=False)
    limiter: LoginLimiter = field(init=False)
    tokens: TokenCache = field(init=False)
    beats: HeartbeatBook = field(init=False)
    store: RecordingStore = field(init=False)
    blacklist_version: int = field(init=False, default=0)
    """The latest blacklist version, read every `token_recheck_s`: each heartbeat's answer
    carries it, so an agent pulls a colleague's do-not-call within a heartbeat, not a minute."""

    def __post_init__(self) -> None:
        self.feed = LiveFeed(self.hub, via_postgres=self.database.is_postgres)
        self.limiter = LoginLimiter(self.options.login_attempts, self.options.login_window_s)
        self.tokens = TokenCache(self.options.token_cache_s, self.options.token_recheck_s)
        self.beats = HeartbeatBook(self.database, self.feed)
        self.store = DiskStore(self.options.recordings_dir or default_root())
