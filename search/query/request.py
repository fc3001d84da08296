"""A search as a caller asks for it: query text, filters, order and page, checked."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from search.errors import BadQuery

MAX_PAGE = 1000
MAX_PER_PAGE = 100
SORTS = ("relevance", "date", "-date")
GROUPS = (None, "", "thread")


@dataclass
class SearchRequest:
    """A search as a caller asks for it: query text, filters, order and page."""

    q: str
    outlets: list[str] = field(default_factory=list)
    speakers: list[str] = field(default_factory=list)
    date_from: date | None = None
    date_to: date | None = None
    sort: str = "relevance"
    page: int = 1
    per_page: int = 10
    collapse: bool = True  # one hit per story (copies folded into `copies`)
    explain: bool = False  # each hit's score split by field (`explain` in each hit)
    thread: str | None = None  # only the messages of this thread
    group: str | None = None  # "thread": one hit per thread, its best-matching message

    def has_filter(self) -> bool:
        """Tell whether the request narrows the archive without a query (browsing)."""
        return bool(self.outlets or self.speakers or self.date_from or self.date_to or self.thread)

    def __post_init__(self) -> None:
        # A name pasted with a space too many (" Gordon Brown ", "Gordon  Brown") is the name:
        # speakers are indexed with single spaces, and /quotes reads a name by its words.
        self.speakers = [" ".join(name.split()) for name in self.speakers if name.strip()]
        if self.group not in GROUPS:
            raise BadQuery(f"group must be one of {', '.join(g for g in GROUPS if g)}, not {self.group!r}",
                           "bad_group")
        if self.sort not in SORTS:
            raise BadQuery(f"sort must be one of {', '.join(SORTS)}, not {self.sort!r}",
                           "bad_sort")
        if not 1 <= self.page <= MAX_PAGE:
            raise BadQuery(f"page must be between 1 and {MAX_PAGE}", "bad_page")
        if not 1 <= self.per_page <= MAX_PER_PAGE:
            raise BadQuery(f"per_page must be between 1 and {MAX_PER_PAGE}", "bad_per_page")
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise BadQuery("from must not be after to", "bad_date")
