"""provisioning_url: fetched over HTTPS with the certificate verified, cached for offline starts,
refused when the certificate is not trusted."""

from __future__ import annotations

import http.server
import logging
import ssl
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from softphone.config import load_profile
from softphone.provisioning import fetch_remote, remote_cache_path
from tests.integration.lab.kamailio import make_certificates

REMOTE = b'locked = ["sip.transport"]\n[sip]\ntransport = "tls"\nserver = "remote.example.com"\n'


class _Server:
    def __init__(self, folder: Path) -> None:
        self.ca, cert, key = make_certificates(folder)
        self.requests = 0
        served = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                served.requests += 1
                self.send_response(200)
                self.send_header("Content-Length", str(len(REMOTE)))
                self.end_headers()
                self.wfile.write(REMOTE)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert, key)
        self.httpd.socket = context.wrap_socket(self.httpd.socket, server_side=True)
        self.url = f"https://127.0.0.1:{self.httpd.server_address[1]}/softphone.toml"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(5)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[_Server]:
    (tmp_path / "certs").mkdir()
    running = _Server(tmp_path / "certs")
    yield running
    running.stop()


@pytest.fixture
def machine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, server: _Server) -> Path:
    """A provisioning file naming the server, and a profile whose user file sets the server."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    local = tmp_path / "provisioning.toml"
    local.write_text(f'provisioning_url = "{server.url}"\n[sip]\nsrtp = "optional"\n')
    monkeypatch.setenv("SOFTPHONE_PROVISIONING", str(local))
    profile = tmp_path / "profile"
    profile.mkdir()
    (profile / "softphone.toml").write_text('[sip]\nserver = "mine:5060"\ntransport = "udp"\n')
    return profile


def test_the_remote_file_applies_when_its_certificate_is_trusted(
    machine: Path, server: _Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SSL_CERT_FILE", str(server.ca))
    sip = load_profile(machine).settings.sip
    assert sip.transport == "tls"  # locked by the remote file
    assert sip.server == "mine:5060"  # the remote's unlocked value: the user's file wins
    assert sip.srtp == "optional"  # the local provisioning file still counts
    assert remote_cache_path(server.url).read_bytes() == REMOTE
    load_profile(machine)
    assert server.requests == 1  # within the hour the cached copy serves


def test_an_untrusted_certificate_is_refused(
    machine: Path,
    server: _Server,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    with caplog.at_level(logging.WARNING, logger="softphone"):
        sip = load_profile(machine).settings.sip
    assert sip.transport == "udp"
    assert not remote_cache_path(server.url).exists()
    assert any("not applied" in r.getMessage() for r in caplog.records), caplog.records


def test_an_offline_start_keeps_the_cached_copy(
    tmp_path: Path, server: _Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SSL_CERT_FILE", str(server.ca))
    cache = tmp_path / "cached.toml"
    assert fetch_remote(server.url, cache) == (REMOTE.decode(), "fetched")
    server.stop()
    text, how = fetch_remote(server.url, cache, max_age_s=0)  # stale: it asks, nobody answers
    assert text == REMOTE.decode()
    assert how.startswith("offline")
    assert fetch_remote(server.url, tmp_path / "never.toml", max_age_s=0)[0] is None
