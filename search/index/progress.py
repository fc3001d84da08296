"""What an indexing run reports: a progress bar on a terminal, and a summary at the end."""
from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TextIO

WIDTH = 30
CLEAR_TO_END = "\x1b[K"  # a shorter line must not leave the end of a longer one
# Skipped files listed one by one in a summary; past this, only counts by reason.
LISTED_SKIPS = 20

Progress = Callable[[int, int, int], None]  # files done, files to do, documents so far


@dataclass
class IndexStats:
    """What one run of the indexer did: files by outcome, documents written, time."""

    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    documents: int = 0  # in the index after the run
    docs_added: int = 0  # documents written (new, or a changed version)
    docs_removed: int = 0  # documents deleted (gone, or an older version)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    # Files indexed as their plain text: their cleaning failed or ran past its budget.
    uncleaned: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0
    rebuilt: bool = False
    why: str | None = None  # why a run rebuilt that was not asked to, in one line

    @property
    def changed(self) -> bool:
        """Return whether the run committed anything."""
        return bool(self.added or self.updated or self.removed or self.rebuilt)

    def summary(self) -> str:
        """Return the summary printed at the end of a run."""
        head = (f"{'Rebuilt' if self.rebuilt else 'Updated'} index in {self.seconds:.1f}s: "
                f"{self.added} files added, {self.updated} updated, {self.removed} removed, "
                f"{self.unchanged} unchanged, {len(self.skipped)} skipped; "
                f"{self.docs_added} documents written, {self.docs_removed} deleted; "
                f"{self.documents} documents in the index.")
        lines = [head] + ([f"  rebuilt because {self.why}"] if self.why else []) + [f"  skipped {path}: {reason}"
                          for path, reason in self.skipped[:LISTED_SKIPS]]
        if len(self.skipped) > LISTED_SKIPS:
            reasons = Counter(reason for _, reason in self.skipped[LISTED_SKIPS:])
            lines.append(f"  and {len(self.skipped) - LISTED_SKIPS} more skipped: " + ", ".join(
                f"{n} {reason}" for reason, n in reasons.most_common()))
        if self.uncleaned:
            lines.append(f"  {len(self.uncleaned)} files indexed uncleaned, as their plain text:")
            lines += [f"  uncleaned {path}: {reason}"
                      for path, reason in self.uncleaned[:LISTED_SKIPS]]
            if len(self.uncleaned) > LISTED_SKIPS:
                lines.append(f"  and {len(self.uncleaned) - LISTED_SKIPS} more uncleaned")
        return "\n".join(lines)


class ProgressBar:
    """Draw files done, documents, rate and time left on one terminal line.

    The clock starts at the call with nothing done yet (the indexer makes it before the first
    file), so that the time spent comparing the archive with the index does not skew the rate.
    Once every file is extracted, what is left is the commit: the line says so.
    """

    def __init__(self, label: str, stream: TextIO) -> None:
        self.label = label
        self.stream = stream
        self.enabled = stream.isatty()
        self.started = time.monotonic()
        self._drawn = 0.0

    def update(self, done: int, total: int, documents: int) -> None:
        """Redraw the line, at most ten times a second and always at the end."""
        now = time.monotonic()
        if done == 0:
            self.started = now
        if not self.enabled or (now - self._drawn < 0.1 and done < total):
            return
        self._drawn = now
        self.stream.write("\r" + bar_line(self.label, done, total, documents,
                                           now - self.started) + CLEAR_TO_END)
        self.stream.flush()

    def close(self) -> None:
        """End the line the bar was drawn on."""
        if self.enabled and self._drawn:
            self.stream.write("\n")
            self.stream.flush()


def bar_line(label: str, done: int, total: int, documents: int, elapsed: float) -> str:
    """Return the text of the bar: files, documents, rate, and time left or what comes next."""
    rate = done / elapsed if elapsed > 0 else 0.0
    filled = WIDTH * done // total if total else WIDTH
    if done >= total:
        tail = "writing the index"
    elif rate:
        tail = f"{duration((total - done) / rate)} left"
    else:
        tail = "starting"
    return (f"{label} [{'#' * filled}{'.' * (WIDTH - filled)}] {done:,}/{total:,} files, "
            f"{documents:,} docs, {rate:,.0f} files/s, {tail}")


def duration(seconds: float) -> str:
    """Return a duration for people: 42s, 3m05s, 1h02m."""
    seconds = int(round(seconds))
    if seconds < 60:
        return f"{seconds}s"
    if seconds < 3600:
        return f"{seconds // 60}m{seconds % 60:02d}s"
    return f"{seconds // 3600}h{seconds % 3600 // 60:02d}m"
