"""Logging for every entry point: stderr always, plus the profile's log file when there is one;
and the rewriting of those files without some lines (a deletion request's number).

Stdout is never used for logs: the headless agent's control channel lives there.

A log file this process writes is rewritten through its handler: with the handler's lock held
(no record is written, no rotation happens) its stream is closed, the file replaced, the stream
opened again. Replacing the file under an open handler instead loses every later line on Linux
(the handler writes on into the replaced, unlinked file) and fails on Windows (an open file
cannot be replaced).
"""

from __future__ import annotations

import contextlib
import logging
import logging.handlers
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

_FORMAT = "%(asctime)s %(levelname)-7s %(threadName)s %(name)s: %(message)s"


def setup_logging(level: str = "INFO", file: Path | None = None) -> None:
    root = logging.getLogger()
    root.setLevel(level.upper() if isinstance(level, str) else level)
    if not any(getattr(h, "_softphone", False) for h in root.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter(_FORMAT))
        handler._softphone = True  # type: ignore[attr-defined]
        root.addHandler(handler)
    if file is not None:
        file.parent.mkdir(parents=True, exist_ok=True)
        rotating = logging.handlers.RotatingFileHandler(
            file, maxBytes=5_000_000, backupCount=3, encoding="utf-8"
        )
        rotating.setFormatter(logging.Formatter(_FORMAT))
        root.addHandler(rotating)


class ScrubIncomplete(OSError):
    """Some log files could not be rewritten (another program holds them, the disk is full):
    their lines are still there. The others were rewritten."""

    def __init__(self, removed: int, failed: list[tuple[Path, OSError]]) -> None:
        names = ", ".join(f"{path.name} ({error})" for path, error in failed)
        super().__init__(f"could not rewrite {names}")
        self.removed = removed
        self.failed = [path for path, _ in failed]


def scrub_log_files(paths: Iterable[Path], keep: Callable[[str], bool]) -> int:
    """Rewrite the log files without the lines `keep` turns down; returns how many went.
    Each file is replaced whole (a crash leaves the old file or the new one, never half);
    ScrubIncomplete after trying every file when some could not be rewritten."""
    files = [Path(p) for p in paths]
    removed = 0
    failed: list[tuple[Path, OSError]] = []
    with _handlers_paused(files):
        for path in files:
            try:
                removed += _rewrite(path, keep)
            except OSError as exc:
                failed.append((path, exc))
    if failed:
        raise ScrubIncomplete(removed, failed)
    return removed


@contextmanager
def _handlers_paused(files: list[Path]) -> Iterator[None]:
    """This process's handlers of these files (and of the files they rotate into), held and
    closed meanwhile, then opened again on the rewritten files."""
    handlers = _file_handlers_of(files)
    closed: list[logging.FileHandler] = []
    for handler in handlers:
        handler.acquire()
    try:
        for handler in handlers:
            if handler.stream is not None:
                handler.stream.flush()
                handler.stream.close()
                handler.stream = None  # type: ignore[assignment]
                closed.append(handler)
        yield
    finally:
        for handler in closed:
            handler.stream = handler._open()
        for handler in handlers:
            handler.release()


def _file_handlers_of(files: list[Path]) -> list[logging.FileHandler]:
    wanted = {os.path.normcase(os.path.abspath(p)) for p in files}
    loggers = [logging.getLogger(), *logging.Logger.manager.loggerDict.values()]
    found: dict[int, logging.FileHandler] = {}
    for logger in loggers:
        for handler in getattr(logger, "handlers", ()):
            if isinstance(handler, logging.FileHandler) and _writes(handler, wanted):
                found[id(handler)] = handler
    # one order for every caller, so that two scrubs never hold each other's locks
    return sorted(found.values(), key=lambda h: (h.baseFilename, id(h)))


def _writes(handler: logging.FileHandler, files: set[str]) -> bool:
    base = os.path.normcase(handler.baseFilename)
    return any(f == base or f.startswith(base + ".") for f in files)


def _rewrite(path: Path, keep: Callable[[str], bool]) -> int:
    if not path.is_file():
        return 0
    lines = path.read_bytes().splitlines(keepends=True)
    # bytes in, the same bytes out: a line that is not UTF-8 is judged, never re-encoded
    kept = [line for line in lines if keep(line.decode("utf-8", errors="replace"))]
    if len(kept) == len(lines):
        return 0
    scratch = path.with_name(path.name + ".scrub")
    try:
        with scratch.open("wb") as out:
            out.writelines(kept)
            out.flush()
            os.fsync(out.fileno())
        os.replace(scratch, path)
    except OSError:
        with contextlib.suppress(OSError):
            scratch.unlink()  # no half-written copy left beside the log
        raise
    return len(lines) - len(kept)
