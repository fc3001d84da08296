"""Why a hit ranks where it does: each field's share of its score (`explain=1` on /search)."""
from __future__ import annotations

from collections import defaultdict

from search.index.schema import QUERY_BOOSTS

# Where a match sits, as people name it.
PLACES = {"title": "title", "body": "body", "quotes": "quote", "speaker": "speaker",
          "outlet": "outlet", "author": "author", "carrier": "list", "quoted": "quoted reply"}


def explain_hit(searcher, query, docnum: int) -> dict:
    """Return {fields: [{field, score, share, terms}], matched_in: [...]} for one document.

    Each query term is scored against the document alone with the searcher's BM25F, with the
    same field boosts as the search; a field's share is its part of the sum.
    """
    weighting = searcher.weighting
    per_field: dict[str, float] = defaultdict(float)
    terms: dict[str, list[str]] = defaultdict(list)
    for fieldname, text in set(query.iter_all_terms()):
        if fieldname not in searcher.schema or not isinstance(text, (str, bytes)):
            continue
        try:
            matcher = searcher.postings(fieldname, text, weighting=weighting)
        except Exception:  # a term absent from the index: Whoosh raises TermNotFound
            continue
        if matcher.is_active():
            matcher.skip_to(docnum)
        if matcher.is_active() and matcher.id() == docnum:
            score = matcher.score() * QUERY_BOOSTS.get(fieldname, 1.0)
            per_field[fieldname] += score
            word = text.decode("utf-8", "replace") if isinstance(text, bytes) else text
            terms[fieldname].append(word.lstrip("="))
    total = sum(per_field.values()) or 1.0
    fields = [{"field": f, "score": round(s, 4), "share": round(s / total, 4),
               "terms": sorted(set(terms[f]))}
              for f, s in sorted(per_field.items(), key=lambda kv: -kv[1])]
    return {"fields": fields, "matched_in": [PLACES.get(f["field"], f["field"]) for f in fields]}
