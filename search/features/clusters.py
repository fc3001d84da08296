"""The copies of one index by document number: clusters, collapsed rankings, a story's copies.

`search.features.dedup` says which documents are copies; this module keeps the answer for a searcher,
each cluster led by its earliest member.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import numpy as np

from search.features.dedup import UnionFind


@dataclass
class Clusters:
    """The copies of one index by document number, built once per searcher."""

    cluster_of: dict[int, int] = field(default_factory=dict)  # docnum -> earliest docnum
    members: dict[int, list[int]] = field(default_factory=dict)  # earliest -> all, in order

    _leads: tuple | None = field(default=None, init=False, repr=False, compare=False)

    def stories(self, docnums: Iterable[int] | np.ndarray) -> int:
        """Return how many stories the distinct documents make."""
        if not isinstance(docnums, np.ndarray):
            docnums = np.fromiter(set(docnums), dtype=np.int64)
        if not self.cluster_of or not len(docnums):
            return len(docnums)
        if self._leads is None:  # built once the clusters are complete
            members = np.fromiter(sorted(self.cluster_of), dtype=np.int64)
            self._leads = members, np.array([self.cluster_of[d] for d in members.tolist()])
        members, leads = self._leads
        at = np.minimum(np.searchsorted(members, docnums), len(members) - 1)
        copied = members[at] == docnums
        return int(len(docnums) - copied.sum()) + len(np.unique(leads[at[copied]]))

    def collapse_order(self, docnums: Iterable[int]) -> list[int]:
        """Keep the first document of each cluster, in the given order."""
        seen: set[int] = set()
        kept = []
        for docnum in docnums:
            story = self.cluster_of.get(docnum, docnum)
            if story not in seen:
                seen.add(story)
                kept.append(docnum)
        return kept

    def ranked_stories(self, run: Callable[[int], object], wanted: int, results=None) -> list:
        """Return the hits heading the first `wanted` stories of a ranked search.

        `run(limit)` returns Whoosh Results (or None) for the best `limit` documents; `results`,
        when given, is the first round already run. The limit doubles until enough stories are
        found or the documents run out. (Whoosh's own `collapse=` is skipped when a search also
        has a `filter=`, so it cannot be used here.)
        """
        limit = max(wanted, 1)
        if results is None:
            results = run(limit)
        while results is not None:
            kept = set(self.collapse_order(hit.docnum for hit in results))
            heads = [hit for hit in results if hit.docnum in kept]
            if len(heads) >= wanted or results.scored_length() < limit:
                return heads[:wanted]
            limit *= 2
            results = run(limit)
        return []

    def copies(self, searcher, docnum: int) -> list[dict]:
        """Return the other copies of a document's story as [{id, outlet, date}], earliest first."""
        members = self.members.get(self.cluster_of.get(docnum, docnum), [])
        found = []
        for member in (m for m in members if m != docnum):
            stored = searcher.stored_fields(member)
            when = stored.get("date")
            found.append({"id": stored["id"], "outlet": stored.get("outlet") or None,
                          "date": when.strftime("%Y-%m-%d") if when else None})
        return found


def earliest_key(date, doc_id: str) -> tuple:
    """Return the order of a story's copies: dated ones first, earliest first, then by id.

    The one home of the rule that a cluster is led by its earliest member (`date` is any
    comparable date, or None)."""
    return (date is None, date if date is not None else 0, doc_id)


def clusters_from_edges(edges: Iterable[tuple[int, int]], date_of: dict[int, int],
                        id_of: Callable[[int], str]) -> Clusters:
    """Group documents joined by copy edges; each cluster is led by its earliest member."""
    joined = UnionFind()
    for a, b in edges:
        joined.union(a, b)
    groups: dict[int, list[int]] = {}
    for docnum in joined.parent:
        groups.setdefault(joined.find(docnum), []).append(docnum)
    clusters = Clusters()
    for group in groups.values():
        ids = {d: id_of(d) for d in group}
        group.sort(key=lambda d: earliest_key(date_of.get(d), ids[d]))
        clusters.members[group[0]] = group
        clusters.cluster_of.update((d, group[0]) for d in group)
    return clusters
