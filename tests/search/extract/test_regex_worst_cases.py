"""Every compiled pattern of the extraction modules runs in bounded time on hostile lines.

The patterns are found, not listed: each `re.Pattern` held by a module the extractor imports
(directly, or in a tuple, list, set or dict), so a pattern added later is tried too. Each is
searched in worst cases (long runs of separators, spaces, repeated words, runs without spaces,
slashes, digits, dates, brackets, quotes, combining marks) ending in something that fails, where
an exponential pattern backtracks for minutes. Quadratic costs on long lines are the business of
tests/search/extract/test_bounded_extraction.py, which extracts whole pages with 60,000-character lines.
"""
from __future__ import annotations

import importlib
import pkgutil
import re
import signal
import sys
import time

import pytest

import search.extract
import search.index

# Every module of the extraction stage and of indexing (which calls it), imported so that each
# pattern they hold is found, including those of a module nothing imports yet.
for _package in (search.extract, search.index):
    for _info in pkgutil.walk_packages(_package.__path__, f"{_package.__name__}."):
        importlib.import_module(_info.name)

# Seconds one search may take on a 300-character hostile line: a linear pattern takes
# microseconds, an exponential one minutes; a loaded machine must not make this flaky.
LIMIT = 0.5
LENGTH = 300
UNITS = [" | ", " » ", " • ", " > ", "·", " ", "\t", "\u00a0", "word ", "Word ", "ab", "/",
         " / ", "1", "12/", "2024-01-01 ", "12.03.2024 ", "(", ")", '"', "“", "«", "e\u0301",
         "...", "-", ",", ": ", "©", "<", "@", "Home | ", "News » ", "x • ", "Sport > ",
         "Home / ", "Jane Doe, ", "Photo: ", "Share 1.2k ", "said ", "A. "]
TAILS = ["", "\x01", "x" * 45 + "!"]


def _patterns(value, depth: int = 0):
    if isinstance(value, re.Pattern):
        yield value
    elif depth < 3 and isinstance(value, (tuple, list, set, frozenset)):
        for item in value:
            yield from _patterns(item, depth + 1)
    elif depth < 3 and isinstance(value, dict):
        for item in [*value.keys(), *value.values()]:
            yield from _patterns(item, depth + 1)


def extraction_patterns() -> dict[str, re.Pattern]:
    """Return every compiled pattern of the loaded `search` modules, by module and name."""
    found: dict[tuple, tuple[str, re.Pattern]] = {}
    for module_name in sorted(m for m in sys.modules if m.startswith("search.")):
        for name, value in vars(sys.modules[module_name]).items():
            for pattern in _patterns(value):
                found.setdefault((pattern.pattern, pattern.flags),
                                 (f"{module_name}.{name}", pattern))
    return {f"{label}#{i}": pattern for i, (label, pattern) in enumerate(found.values())}


PATTERNS = extraction_patterns()


def test_the_patterns_are_found():
    assert len(PATTERNS) > 100
    labels = " ".join(PATTERNS)
    # A pattern is labelled by the first module holding it, importer or owner: match the name.
    for name in (".MENU_LINE#", ".SUBJECT_CUE#", "search.extract.dates.", ".ATTRIBUTION#",
                 "search.extract.html.meta."):
        assert name in labels


def _hostile_lines(pattern: re.Pattern):
    for unit in UNITS:
        run = (unit * (LENGTH // len(unit) + 1))[:LENGTH]
        for tail in TAILS:
            line = run + tail
            yield line.encode() if isinstance(pattern.pattern, bytes) else line


class _Expired(Exception):
    pass


def _expire(signum, frame):
    raise _Expired


def _search_seconds(pattern: re.Pattern, line, stop_after: float) -> float:
    """Return the seconds `pattern.search(line)` took, an alarm ending it after `stop_after`.

    The alarm only ends a runaway search (the re module checks for signals); the verdict is the
    time measured around the call.
    """
    previous = signal.signal(signal.SIGALRM, _expire)
    signal.setitimer(signal.ITIMER_REAL, stop_after)
    started = time.perf_counter()
    try:
        pattern.search(line)
    except _Expired:
        pass
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    return time.perf_counter() - started


@pytest.mark.parametrize("label", sorted(PATTERNS))
def test_a_pattern_runs_in_bounded_time_on_hostile_lines(label):
    pattern = PATTERNS[label]
    slow = next(((line[:40], round(took, 2)) for line in _hostile_lines(pattern)
                 if (took := _search_seconds(pattern, line, LIMIT * 4)) > LIMIT), None)
    assert slow is None, f"{label} backtracks on {slow}"


def test_the_old_menu_pattern_would_fail_this_test():
    """The check catches what it is for: the menu pattern of issue 20, as it was."""
    old = re.compile(r"^(?!.*«)(?:[^|>»/•·]{1,40}\s*[|>»•·]\s*){2,}[^|>»•·]{0,40}$")
    line = " | ".join(["Home", "Football", "Premier League", "Tennis"] * 8) + " | " + "x" * 45
    assert _search_seconds(old, line, LIMIT * 2) > LIMIT
    from search.extract.textdump.chrome import MENU_LINE

    started = time.perf_counter()
    assert not MENU_LINE.search(line)
    assert time.perf_counter() - started < 0.01
