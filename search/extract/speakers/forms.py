"""One name per person: the fullest form a body or the archive gives a speaker's short forms."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from search.extract.speakers.names import GENERATION, MAX_NAME_WORDS


def fullest_form(name: str, known: Iterable[str]) -> str:
    """Return the longest known name that ends with (or is) the given short form."""
    return fullest_forms(known).get(tuple(name.split()), name)


def fullest_forms(known: Iterable[str]) -> dict[tuple[str, ...], str]:
    """Map each ending of the known names (as words) to the first longest name with it.

    One pass over the names, so that looking up every name a long text mentions stays linear.
    """
    found: dict[tuple[str, ...], str] = {}
    for full in known:
        words = tuple(full.split())
        if len(words) > MAX_NAME_WORDS:  # a run of capitalised words, no name: its endings
            continue  # cost quadratic time (12,000 "Word"s took 6 s)
        # "Biden" and "Joseph R. Biden" are short forms of "Joseph R. Biden Jr." too
        bare = words[:-1] if len(words) > 2 and GENERATION.fullmatch(words[-1]) else ()
        for ending in [words[i:] for i in range(1, len(words))] + [
                bare[i:] for i in range(len(bare))]:
            best = found.get(ending)
            if best is None or len(best.split()) < len(words):
                found[ending] = full
    return found


def speaker_forms(names: list[str]) -> dict[str, str]:
    """Map each speaker name of a body's quotes to the one form its speaker is listed under.

    A short form takes the fullest name it ends with; a lone given name the one full name it
    opens ('"...," Dean said' after 'said Dean Peterson'). In the order the names come.
    """
    names = list(dict.fromkeys(names))
    # both maps are built once: looked up name by name, a page of 1,400 speakers took 9 s
    forms = fullest_forms(names)
    by_given: dict[str, list[str]] = {}
    for name in names:
        if " " in name:
            by_given.setdefault(name.split()[0], []).append(name)
    found: dict[str, str] = {}
    for name in names:
        full = forms.get(tuple(name.split()), name)
        given = by_given.get(name, []) if " " not in name else []
        found[name] = given[0] if full == name and len(given) == 1 else full
    return found


def canonical_speakers(names_by_doc: dict[str, list[str]]) -> dict[str, str]:
    """Map each short name to its fullest form when the archive knows only one.

    Args:
        names_by_doc: the speakers of each document, keyed by document id.

    Returns:
        {"Netanyahu": "Benjamin Netanyahu"} for every name whose longer forms across the
        archive all agree; names with two different fuller forms are left out.
    """
    names = {n for doc in names_by_doc.values() for n in doc}
    longer: dict[str, set[str]] = defaultdict(set)
    for full in names:
        words = full.split()
        for i in range(1, len(words)):
            longer[" ".join(words[i:])].add(full)
    mapping = {}
    for short, fulls in longer.items():
        maximal = {f for f in fulls if not any(f != g and g.endswith(" " + f) for g in fulls)}
        if short in names and len(maximal) == 1:
            mapping[short] = maximal.pop()
    return mapping
