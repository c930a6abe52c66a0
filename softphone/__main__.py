"""`python -m softphone` is `softphone`."""

from softphone.cli import main

raise SystemExit(main())
