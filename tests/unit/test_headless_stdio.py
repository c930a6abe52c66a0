"""The headless agent's pipes on real OS pipes: a stuck reader costs events, never a thread."""

from __future__ import annotations

import json
import os
import threading
import time

from softphone.agent.stdio import CommandLines, EndOfInput, EventLines, LineProblem


def test_events_beyond_the_queue_are_counted_and_reported_once_the_reader_is_back() -> None:
    read_end, write_end = os.pipe()
    lines = EventLines(write_end, depth=50)
    lines.open('{"event": "ready"}')
    started = time.monotonic()
    for n in range(20_000):  # far more than the pipe (64 KiB) and the queue hold
        lines.put(json.dumps({"event": "error", "n": n, "pad": "x" * 100}))
    assert time.monotonic() - started < 5, "put() waited on the unread pipe"

    received: list[dict[str, object]] = []
    with os.fdopen(read_end, encoding="utf-8") as pipe:
        reader = threading.Thread(target=lambda: received.extend(map(json.loads, pipe)))
        reader.start()
        assert lines.close(timeout_s=10)
        os.close(write_end)
        reader.join(10)
    assert received[0] == {"event": "ready"}
    reports = [e for e in received if "were not written" in str(e.get("message", ""))]
    assert reports, "the loss was not said"
    lost = sum(int(str(report["message"]).split()[0]) for report in reports)
    written = len(received) - 1 - len(reports)
    assert written + lost == 20_000  # every event written or counted as lost


def test_a_line_without_end_is_skipped_without_being_kept() -> None:
    read_end, write_end = os.pipe()
    commands = CommandLines(read_end, max_bytes=1000)
    commands.start()
    with os.fdopen(write_end, "wb") as stdin:
        stdin.write(b"x" * 50_000 + b"\n" + b'{"cmd": "quit"}\n' + b"\xc3\x28\n")
    got = [commands.next(5) for _ in range(4)]
    assert isinstance(got[0], LineProblem) and "50001 bytes" in got[0].message
    assert got[1] == '{"cmd": "quit"}'
    assert isinstance(got[2], LineProblem) and "not UTF-8" in got[2].message
    assert isinstance(got[3], EndOfInput)
