"""One running app per profile and user: the first start listens on a local socket
(QLocalServer) named after both; a later start hands its links (`tel:…`, `sip:…`) to it and
exits, and the running app brings its window forward and takes the links.

The message is one JSON line, `{"links": [...]}`. A socket left by an app that died is found
unanswered and replaced, so a crash never locks the agent out.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

CONNECT_MS = 1000  # a running app answers at once; a dead socket refuses at once
SEND_MS = 2000


def instance_name(profile: Path) -> str:
    """The socket's name: the same for every start of this profile by this OS user, short
    enough for a Unix socket path, and free of the path's characters."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no user name in the environment or the password database
        user = "user"
    digest = hashlib.sha256(f"{user}\0{profile.expanduser().resolve()}".encode()).hexdigest()
    return f"softphone-{digest[:20]}"


def hand_over(name: str, links: list[str]) -> bool:
    """Give the running app our links (maybe none: "come forward"); False when none runs."""
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(CONNECT_MS):
        return False
    socket.write((json.dumps({"links": links}) + "\n").encode())
    sent = socket.waitForBytesWritten(SEND_MS)
    socket.disconnectFromServer()
    if socket.state() != QLocalSocket.LocalSocketState.UnconnectedState:
        socket.waitForDisconnected(SEND_MS)
    return sent


def hand_over_to_running(profile: Path, links: list[str]) -> bool:
    """The check a start makes first, before the heavy imports of the app: is one running?"""
    return hand_over(instance_name(profile), links)


class SingleInstance(QObject):
    """The running app's end: the links of every later start go to its receiver. It listens from
    the app's first moment, before the window exists (a second start then must not open a
    second app): what comes before `deliver_to` is kept for it, not lost."""

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self._receiver: Callable[[list[str]], None] | None = None
        self._early: list[list[str]] = []
        self.server = QLocalServer(self)
        # Only this OS user may hand us links: another user's process must not dial for us.
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._connected)
        self._buffers: dict[QLocalSocket, bytes] = {}

    def listen(self) -> bool:
        """Take the name; a socket file left by a dead app is removed first (nobody answered
        it: the caller asked `hand_over` before)."""
        if self.server.listen(self.name):
            return True
        QLocalServer.removeServer(self.name)
        if self.server.listen(self.name):
            return True
        log.warning("cannot listen on %s: %s", self.name, self.server.errorString())
        return False

    def deliver_to(self, receiver: Callable[[list[str]], None]) -> None:
        """Send every later start's links to `receiver`, those that came early first."""
        self._receiver = receiver
        early, self._early = self._early, []
        for links in early:
            receiver(links)

    def waiting(self) -> int:
        """Starts whose links wait for the window."""
        return len(self._early)

    def close(self) -> None:
        self._receiver = None
        self.server.close()

    def _connected(self) -> None:
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            self._buffers[socket] = b""
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(lambda s=socket: self._gone(s))

    def _read(self, socket: QLocalSocket) -> None:
        data = self._buffers.get(socket, b"") + bytes(socket.readAll().data())
        line, newline, rest = data.partition(b"\n")
        self._buffers[socket] = rest if newline else data
        if newline:
            self._take(line)

    def _gone(self, socket: QLocalSocket) -> None:
        self._buffers.pop(socket, None)
        socket.deleteLater()

    def _take(self, line: bytes) -> None:
        try:
            links = json.loads(line.decode())["links"]
        except (ValueError, KeyError, TypeError):
            log.warning("a second start sent something that is not a link list; ignored")
            return
        links = [str(link) for link in links if isinstance(link, str)]
        if self._receiver is None:
            self._early.append(links)
        else:
            self._receiver(links)
