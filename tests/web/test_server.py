"""`archive-search serve --seeds`: the server and the watcher run together and end together."""
from __future__ import annotations

import sys
from pathlib import Path

from search.cli import build_parser
from web.server import run_together, watcher_argv

# A watcher that says it is up, then waits until it is terminated and says so.
WATCHER = """
import signal, sys, time
from pathlib import Path
folder = Path(sys.argv[1])
signal.signal(signal.SIGTERM, lambda *a: (folder.joinpath("stopped").write_text("yes"), sys.exit(0)))
folder.joinpath("up").write_text("yes")
while True:
    time.sleep(0.05)
"""
# A server that ends with status 3 once the watcher is up.
SERVER = """
import sys, time
from pathlib import Path
while not Path(sys.argv[1], "up").exists():
    time.sleep(0.01)
sys.exit(3)
"""


def test_the_watcher_runs_beside_the_server_and_ends_with_it(tmp_path: Path):
    status = run_together([sys.executable, "-c", SERVER, str(tmp_path)],
                          [sys.executable, "-c", WATCHER, str(tmp_path)])
    assert status == 3
    assert (tmp_path / "stopped").read_text() == "yes"


def test_serve_follows_the_seeds_only_when_given():
    parser = build_parser()
    assert parser.parse_args(["serve"]).seeds is None
    assert parser.parse_args(["serve", "--seeds", "archive"]).seeds == "archive"
    assert watcher_argv("archive", "var/index")[-5:] == ["watch", "--seeds", "archive",
                                                       "--index", "var/index"]
