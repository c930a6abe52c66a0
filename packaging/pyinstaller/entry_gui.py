"""The frozen desktop app's executable (`softphone-gui`; Softphone.app on macOS): the agent's
window, built without a console so that none opens beside it on Windows."""

import sys

from softphone.cli import main

sys.exit(main())
