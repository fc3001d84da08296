"""A progress bar for long runs, drawn only on a terminal."""
from __future__ import annotations

import time
from typing import TextIO

WIDTH = 30


class ProgressBar:
    """Draw files done, documents, rate and time left on one terminal line."""

    def __init__(self, label: str, stream: TextIO) -> None:
        self.label = label
        self.stream = stream
        self.enabled = stream.isatty()
        self.started = time.monotonic()
        self._drawn = 0.0

    def update(self, done: int, total: int, documents: int) -> None:
        """Redraw the line, at most ten times a second and always at the end."""
        now = time.monotonic()
        if not self.enabled or (now - self._drawn < 0.1 and done < total):
            return
        self._drawn = now
        elapsed = max(now - self.started, 1e-6)
        rate = done / elapsed
        left = (total - done) / rate if rate else 0
        filled = int(WIDTH * done / total) if total else WIDTH
        self.stream.write(f"\r{self.label} [{'#' * filled}{'.' * (WIDTH - filled)}] "
                          f"{done}/{total} files, {documents} docs, {rate:.0f} files/s, "
                          f"{left:.0f}s left ")
        self.stream.flush()

    def close(self) -> None:
        """End the line the bar was drawn on."""
        if self.enabled and self._drawn:
            self.stream.write("\n")
            self.stream.flush()
