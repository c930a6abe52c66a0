"""The frozen `softphone` executable: the command line and the headless agent (a console app)."""

import sys

from softphone.cli import main

sys.exit(main())
