"""`python -m coach.cli` runs the `coach` command."""

import sys

from coach.cli import main

sys.exit(main())
