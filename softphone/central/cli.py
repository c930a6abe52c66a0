"""`softphone central …`: serve the central service and manage its accounts.

Top-level imports stay light (argparse only): FastAPI and SQLAlchemy load when a central
command actually runs. Errors are one line on stderr: exit 2 for bad usage, 1 when the work failed.
"""

from __future__ import annotations

import argparse
import ipaddress
import sys
from pathlib import Path
from typing import Any

ROLES = ("agent", "supervisor", "admin")


def register(subparsers: Any) -> None:
    central = subparsers.add_parser("central", help="the central service (API and wallboard)")
    central.add_argument("--db", help="database URL (default: a SQLite file in the user data dir)")
    commands = central.add_subparsers(dest="central_command", required=True)

    serve = commands.add_parser("serve", help="run the API, the live feed and the wallboard")
    serve.add_argument(
        "--db", dest="serve_db", metavar="URL", help="database URL (as `central --db`)"
    )
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8470)
    serve.add_argument("--tls-cert", type=Path, help="PEM certificate (with --tls-key) for HTTPS")
    serve.add_argument("--tls-key", type=Path, help="PEM private key of --tls-cert")
    serve.add_argument(
        "--offline-after", type=float, default=90.0, help="seconds without heartbeat → offline"
    )
    serve.add_argument(
        "--recordings-dir",
        type=Path,
        metavar="FOLDER",
        help="where recordings' audio is kept (default: the user data dir's central/recordings)",
    )
    serve.add_argument(
        "--trusted-proxy",
        action="append",
        default=[],
        metavar="ADDRESS",
        help="a reverse proxy (address or network, e.g. 10.0.0.0/24) whose X-Forwarded-For "
        "names the client; repeatable; default: none (the peer address is the client)",
    )
    serve.set_defaults(run=_serve)

    user = commands.add_parser("user", help="accounts: add, list, disable")
    user_cmd = user.add_subparsers(dest="user_command", required=True)
    add = user_cmd.add_parser("add", help="add an account; the password is read from stdin")
    add.add_argument("name")
    add.add_argument("--role", choices=ROLES, required=True)
    add.add_argument("--group", action="append", default=[], help="skill/supervised group")
    add.add_argument("--password-stdin", action="store_true", required=True)
    add.add_argument("--db", dest="user_db", metavar="URL", help="database URL (as `central --db`)")
    add.set_defaults(run=_user_add)
    listing = user_cmd.add_parser("list", help="every account with its role and groups")
    listing.add_argument(
        "--db", dest="user_db", metavar="URL", help="database URL (as `central --db`)"
    )
    listing.set_defaults(run=_user_list)
    disable = user_cmd.add_parser("disable", help="disable an account and revoke its tokens")
    disable.add_argument("name")
    disable.add_argument(
        "--db", dest="user_db", metavar="URL", help="database URL (as `central --db`)"
    )
    disable.set_defaults(run=_user_disable)


def _db_url(args: argparse.Namespace) -> str:
    from softphone.central.db import default_url

    return (
        getattr(args, "serve_db", None)
        or getattr(args, "user_db", None)
        or getattr(args, "db", None)
        or default_url()
    )


def _fail(message: str, code: int) -> int:
    print(f"softphone central: {message}", file=sys.stderr)
    return code


def _open(args: argparse.Namespace) -> Any:
    from softphone.central.db import Database

    database = Database(_db_url(args))
    database.migrate()
    return database


def _serve(args: argparse.Namespace) -> int:
    from softphone.central.db import DatabaseError
    from softphone.central.server import serve

    if (args.tls_cert is None) != (args.tls_key is None):
        return _fail("--tls-cert and --tls-key go together", 2)
    for path in (args.tls_cert, args.tls_key):
        if path is not None and not path.is_file():
            return _fail(f"no such file: {path}", 2)
    if not 0 < args.port < 65536:
        return _fail("--port must be 1..65535", 2)
    for proxy in args.trusted_proxy:
        try:
            ipaddress.ip_network(proxy, strict=False)
        except ValueError:
            return _fail(f"--trusted-proxy: not an address or network: {proxy!r}", 2)
    try:
        return serve(
            _db_url(args),
            host=args.host,
            port=args.port,
            tls=(args.tls_cert, args.tls_key) if args.tls_cert else None,
            offline_after_s=args.offline_after,
            trusted_proxies=tuple(args.trusted_proxy),
            recordings_dir=args.recordings_dir,
        )
    except DatabaseError as exc:
        return _fail(str(exc), 2)


def _with_database(args: argparse.Namespace, work: Any) -> int:
    from sqlalchemy.exc import SQLAlchemyError

    from softphone.central.db import DatabaseError
    from softphone.central.users import AccountError

    try:
        database = _open(args)
    except DatabaseError as exc:
        return _fail(str(exc), 2)
    except SQLAlchemyError as exc:
        return _fail(f"cannot open the database: {exc.__class__.__name__}: {exc}", 1)
    try:
        return int(work(database))
    except AccountError as exc:
        return _fail(str(exc), 1)
    finally:
        database.dispose()


def _user_add(args: argparse.Namespace) -> int:
    from softphone.central.users import add_user

    password = sys.stdin.readline().rstrip("\r\n")
    if not password:
        return _fail("no password on stdin", 2)

    def work(database: Any) -> int:
        with database.writing() as session:
            add_user(session, args.name, args.role, password, args.group)
        print(f"added {args.role} {args.name}", file=sys.stderr)
        return 0

    return _with_database(args, work)


def _user_list(args: argparse.Namespace) -> int:
    from softphone.central.users import list_accounts

    def work(database: Any) -> int:
        with database.reading() as session:
            for account in list_accounts(session):
                state = "disabled" if account.disabled else "active"
                print(f"{account.name}\t{account.role}\t{','.join(account.groups)}\t{state}")
        return 0

    return _with_database(args, work)


def _user_disable(args: argparse.Namespace) -> int:
    from softphone.central.users import set_disabled

    def work(database: Any) -> int:
        with database.writing() as session:
            set_disabled(session, args.name)
        print(f"disabled {args.name}", file=sys.stderr)
        return 0

    return _with_database(args, work)
