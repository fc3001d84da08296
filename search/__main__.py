"""`python -m search`: the same command line as `archive-search`."""
from __future__ import annotations

import sys

from search.cli import main

sys.exit(main())
