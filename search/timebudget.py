"""A wall-clock budget for work that may be slow on hostile input."""
from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

# Once the budget is spent, the alarm rings again this often until the block ends: a library
# that catches every exception (trafilatura does, around its fallback extractors) swallowed a
# single TimeoutError and went on for 15 s. Long enough for a raised one to leave the block.
REPEAT_SECONDS = 0.5


@contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    """Raise TimeoutError in the block after `seconds`, where the process allows an alarm.

    The alarm works only in the main thread of a process; elsewhere the block runs unbounded.
    Budgets nest: an inner one never outlives an outer one, and the outer one goes on after it.
    """
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    ended = [False]

    def expire(signum, frame):
        if not ended[0]:  # a repeat that rings while the block ends must not escape it
            raise TimeoutError(f"took longer than {seconds:g}s")

    started = time.monotonic()
    outer_left, _ = signal.getitimer(signal.ITIMER_REAL)
    previous = signal.signal(signal.SIGALRM, expire)
    try:  # a budget so short it rings before the block starts must still be cancelled
        signal.setitimer(signal.ITIMER_REAL, min(seconds, outer_left) if outer_left else seconds,
                         REPEAT_SECONDS)
        yield
    finally:
        ended[0] = True
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer_left:  # the outer budget's clock kept running meanwhile
            signal.setitimer(signal.ITIMER_REAL,
                             max(outer_left - (time.monotonic() - started), 0.001))
