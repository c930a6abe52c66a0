"""`softphone central …` as an IT person runs it: accounts from the command line, clear one-line
errors (never a traceback), and `serve` over HTTPS with a certificate."""

from __future__ import annotations

import ssl
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from tests.integration.lab.tools import free_port, require_tool, stop_process_group, wait_for

ROOT = Path(__file__).resolve().parents[2]


def central(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "softphone", "central", *args],
        cwd=ROOT,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_accounts_from_the_command_line(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'c.db'}"
    added = central(
        "--db",
        db,
        "user",
        "add",
        "sue",
        "--role",
        "supervisor",
        "--group",
        "sales",
        "--group",
        "vip",
        "--password-stdin",
        stdin="s3cret-pass\n",
    )
    assert added.returncode == 0, added.stderr
    assert (
        central(
            "user",
            "add",
            "ann",
            "--db",
            db,
            "--role",
            "agent",
            "--password-stdin",
            stdin="an0ther-pass\n",
        ).returncode
        == 0
    )
    listing = central("--db", db, "user", "list")
    assert listing.stdout.splitlines() == [
        "ann\tagent\t\tactive",
        "sue\tsupervisor\tsales,vip\tactive",
    ]
    assert central("--db", db, "user", "disable", "ann").returncode == 0
    assert "ann\tagent\t\tdisabled" in central("--db", db, "user", "list").stdout


@pytest.mark.parametrize(
    ("args", "stdin", "code", "message"),
    [
        (("user", "add", "x", "--role", "agent", "--password-stdin"), "", 2, "no password"),
        (("user", "disable", "nobody"), "", 1, "no user 'nobody'"),
        (("user", "add", "x", "--role", "boss", "--password-stdin"), "pw\n", 2, "invalid choice"),
    ],
)
def test_bad_requests_get_one_clear_line(
    tmp_path: Path, args: tuple[str, ...], stdin: str, code: int, message: str
) -> None:
    done = central("--db", f"sqlite:///{tmp_path / 'c.db'}", *args, stdin=stdin)
    assert done.returncode == code
    assert message in done.stderr
    assert "Traceback" not in done.stderr


def test_a_database_url_it_cannot_use_is_a_usage_error() -> None:
    done = central("--db", "mysql://somewhere/db", "user", "list")
    assert done.returncode == 2
    assert "unsupported database 'mysql'" in done.stderr


def test_serve_refuses_a_missing_certificate(tmp_path: Path) -> None:
    done = central(
        "serve", "--tls-cert", str(tmp_path / "no.pem"), "--tls-key", str(tmp_path / "no.key")
    )
    assert done.returncode == 2 and "no such file" in done.stderr


@pytest.mark.integration
def test_serve_over_https(tmp_path: Path) -> None:
    openssl = require_tool("openssl")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [
            openssl,
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=localhost",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    trusted = ssl.create_default_context(cafile=str(cert))
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "softphone",
            "central",
            "serve",
            "--db",
            f"sqlite:///{tmp_path / 'c.db'}",
            "--port",
            str(port),
            "--tls-cert",
            str(cert),
            "--tls-key",
            str(key),
        ],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )

    def healthy() -> bool:
        try:
            return (
                httpx.get(
                    f"https://127.0.0.1:{port}/api/v1/health", verify=trusted, timeout=1
                ).status_code
                == 200
            )
        except httpx.HTTPError:
            return False

    try:
        wait_for(healthy, 30, "central over HTTPS")
    finally:
        stop_process_group(server)
