"""Kamailio as the lab's registrar and proxy: digest auth on REGISTER, UDP/TCP/TLS, loopback.

Users and passwords come from the test (a db_text `subscriber` table, plaintext passwords).
Initial requests are routed to registered users by `lookup("location")`; users whose name starts
with a static prefix (e.g. "9…") are forwarded to a fixed host:port, where a SIPp scenario plays
the far end. In-dialog requests follow the Record-Route. A self-signed CA and server certificate
(SAN 127.0.0.1, localhost) are made with the openssl CLI so TLS clients can verify the server.
"""

from __future__ import annotations

import socket
import subprocess
import time
from pathlib import Path

from tests.integration.lab.tools import free_port, require_tool, stop_process_group

MODULES = "/usr/lib/x86_64-linux-gnu/kamailio/modules/"

CONFIG = """#!KAMAILIO
debug=2
log_stderror=yes
memdbg=5
memlog=5
fork=yes
children=2
tcp_children=2
auto_aliases=no
listen=udp:127.0.0.1:{port}
listen=tcp:127.0.0.1:{port}
listen=tls:127.0.0.1:{tls_port}
enable_tls=yes
tcp_connection_lifetime=3605
mpath="{modules}"

loadmodule "tm.so"
loadmodule "sl.so"
loadmodule "rr.so"
loadmodule "pv.so"
loadmodule "maxfwd.so"
loadmodule "usrloc.so"
loadmodule "registrar.so"
loadmodule "textops.so"
loadmodule "siputils.so"
loadmodule "xlog.so"
loadmodule "sanity.so"
loadmodule "db_text.so"
loadmodule "auth.so"
loadmodule "auth_db.so"
loadmodule "tls.so"

modparam("tls", "config", "{tls_cfg}")
modparam("usrloc", "db_mode", 0)
modparam("registrar", "min_expires", 5)
modparam("registrar", "max_expires", 3600)
modparam("auth_db", "db_url", "text://{db_dir}")
modparam("auth_db", "calculate_ha1", yes)
modparam("auth_db", "password_column", "password")
modparam("auth_db", "use_domain", 0)
modparam("auth_db", "load_credentials", "")
modparam("rr", "enable_full_lr", 1)

request_route {{
    if (!mf_process_maxfwd_header("10")) {{ sl_send_reply("483", "Too Many Hops"); exit; }}
    if (!sanity_check("17895", "7")) {{ exit; }}
    if (is_method("OPTIONS") && uri==myself && $rU==$null) {{ sl_send_reply("200", "OK"); exit; }}
    if (has_totag()) {{
        if (loose_route()) {{ t_relay(); exit; }}
        if (is_method("ACK")) {{ if (t_check_trans()) {{ t_relay(); }} exit; }}
        sl_send_reply("404", "Not here");
        exit;
    }}
    if (is_method("CANCEL")) {{ if (t_check_trans()) {{ t_relay(); }} exit; }}
    t_check_trans();
    if (is_method("REGISTER")) {{
        if (!www_authenticate("$td", "subscriber")) {{ www_challenge("$td", "0"); exit; }}
        consume_credentials();
        if (!save("location")) {{ sl_reply_error(); }}
        exit;
    }}
    remove_hf("Route");
    record_route();
{static_routes}
    if (!lookup("location")) {{ sl_send_reply("404", "Not Found"); exit; }}
    t_relay();
}}
"""

STATIC_ROUTE = """    if ($rU =~ "^{prefix}") {{ $du = "sip:{target}"; t_relay(); exit; }}"""

TLS_CFG = """[server:default]
method = TLSv1.2+
verify_certificate = no
require_certificate = no
private_key = {key}
certificate = {cert}

[client:default]
method = TLSv1.2+
verify_certificate = no
require_certificate = no
"""


def make_certificates(folder: Path) -> tuple[Path, Path, Path]:
    """(ca.pem, server.pem, server.key): a CA and a server cert for 127.0.0.1 and localhost."""
    openssl = require_tool("openssl")
    ca_key, ca, key, csr, cert = (
        folder / n for n in ("ca.key", "ca.pem", "server.key", "server.csr", "server.pem")
    )
    ext = folder / "san.ext"
    ext.write_text("subjectAltName=IP:127.0.0.1,DNS:localhost\n")

    def run(*args: str) -> None:
        subprocess.run([openssl, *args], check=True, capture_output=True)

    run(
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "2",
        "-subj",
        "/CN=Softphone Lab CA",
        "-keyout",
        str(ca_key),
        "-out",
        str(ca),
    )
    run(
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-subj",
        "/CN=127.0.0.1",
        "-keyout",
        str(key),
        "-out",
        str(csr),
    )
    run(
        "x509",
        "-req",
        "-in",
        str(csr),
        "-CA",
        str(ca),
        "-CAkey",
        str(ca_key),
        "-CAcreateserial",
        "-days",
        "2",
        "-sha256",
        "-extfile",
        str(ext),
        "-out",
        str(cert),
    )
    return ca, cert, key


class Kamailio:
    def __init__(
        self, workdir: Path, users: dict[str, str], static_routes: dict[str, str] | None = None
    ) -> None:
        self.binary = require_tool("kamailio")
        self.workdir = workdir
        self.users = users
        self.static_routes = dict(static_routes or {})
        self.udp_port = free_port()
        self.tcp_port = self.udp_port
        self.tls_port = free_port()
        self.log_path = workdir / "kamailio.log"
        self.proc: subprocess.Popen[bytes] | None = None
        self.ca_file = ""

    def server(self, transport: str = "udp") -> str:
        return f"127.0.0.1:{self.tls_port if transport == 'tls' else self.udp_port}"

    def _write_config(self) -> Path:
        db_dir = self.workdir / "db"
        db_dir.mkdir(parents=True, exist_ok=True)
        (db_dir / "version").write_text(
            "table_name(string) table_version(int)\nsubscriber:7\nlocation:9\n"
        )
        rows = [
            f"{n}:{user}:127.0.0.1:{pw}::" for n, (user, pw) in enumerate(self.users.items(), 1)
        ]
        (db_dir / "subscriber").write_text(
            "id(int,auto) username(string) domain(string) password(string) ha1(string,null) "
            "ha1b(string,null)\n" + "\n".join(rows) + "\n"
        )
        ca, cert, key = make_certificates(self.workdir)
        self.ca_file = str(ca)
        tls_cfg = self.workdir / "tls.cfg"
        tls_cfg.write_text(TLS_CFG.format(key=key, cert=cert))
        routes = "\n".join(
            STATIC_ROUTE.format(prefix=p, target=t) for p, t in self.static_routes.items()
        )
        config = self.workdir / "kamailio.cfg"
        config.write_text(
            CONFIG.format(
                port=self.udp_port,
                tls_port=self.tls_port,
                modules=MODULES,
                tls_cfg=tls_cfg,
                db_dir=db_dir,
                static_routes=routes,
            )
        )
        return config

    def start(self) -> None:
        config = self._write_config()
        rundir = self.workdir / "run"
        rundir.mkdir(exist_ok=True)
        log = open(self.log_path, "ab")  # noqa: SIM115 - the child owns it
        self.proc = subprocess.Popen(
            [
                self.binary,
                "-DD",
                "-E",
                "-f",
                str(config),
                "-Y",
                str(rundir),
                "-P",
                str(rundir / "kamailio.pid"),
                "-m",
                "64",
                "-M",
                "8",
            ],
            stdout=log,
            stderr=log,
            start_new_session=True,
        )
        log.close()
        self._wait_ready()

    def _wait_ready(self, timeout: float = 15.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc is not None and self.proc.poll() is not None:
                raise RuntimeError(f"kamailio exited: {self.log_text()[-3000:]}")
            if self.answers_options():
                return
            time.sleep(0.1)
        raise RuntimeError(f"kamailio not answering: {self.log_text()[-3000:]}")

    def answers_options(self) -> bool:
        probe = (
            f"OPTIONS sip:127.0.0.1:{self.udp_port} SIP/2.0\r\n"
            "Via: SIP/2.0/UDP 127.0.0.1:9;branch=z9hG4bK-lab-{n}\r\n"
            "From: <sip:lab@127.0.0.1>;tag=lab\r\nTo: <sip:127.0.0.1>\r\n"
            f"Call-ID: lab-{time.monotonic_ns()}\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 5\r\n"
            "Content-Length: 0\r\n\r\n"
        )
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
            sock.bind(("127.0.0.1", 0))
            sock.settimeout(0.3)
            message = probe.replace("127.0.0.1:9", f"127.0.0.1:{sock.getsockname()[1]}")
            sock.sendto(message.encode(), ("127.0.0.1", self.udp_port))
            try:
                return sock.recv(4096).startswith(b"SIP/2.0 200")
            except OSError:
                return False

    def stop(self) -> None:
        stop_process_group(self.proc)
        self.proc = None

    def restart(self) -> None:
        """Same ports, empty location table: every client must register again."""
        self.stop()
        self.start()

    def log_text(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""
