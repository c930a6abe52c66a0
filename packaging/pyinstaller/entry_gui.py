"""The frozen desktop app's executable (`softphone-gui`; Softphone.app on macOS): the agent's
window, built without a console so that none opens beside it on Windows.

A program without a console starts with no standard streams: Python sets sys.stdout and
sys.stderr to None and file descriptors 1 and 2 are not open. The SIP engine points fd 1 at
fd 2 while pjsua2 starts (softphone.sip.quiet), which then failed and took the window's SIP
with it; so both are opened on the null device first.
"""

import os
import sys


def _give_standard_streams() -> None:
    sink = open(os.devnull, "w")  # noqa: SIM115 - lives as long as the process
    for fd in (1, 2):
        try:
            os.fstat(fd)
        except OSError:
            os.dup2(sink.fileno(), fd)
    if sys.stdout is None:
        sys.stdout = sink
    if sys.stderr is None:
        sys.stderr = sink


_give_standard_streams()

from softphone.cli import main  # noqa: E402 - after the streams exist

sys.exit(main())
