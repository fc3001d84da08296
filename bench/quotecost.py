"""Quote attribution's CPU on the bodies extraction gives it, and its answers, old code and new.

    python -m bench.quotecost bodies .cache/corpora/20_newsgroups --out /tmp/q/usenet.pickle
    python -m bench.quotecost time /tmp/q/usenet.pickle [--rounds 3] [--every 1]
    python -m bench.quotecost answers /tmp/q/usenet.pickle --out a.pickle [--same-as b.pickle]

`bodies` runs `extract_file` over every file of a folder (hidden files left out) and keeps each
body handed to `extract_quotes`, in path order, so the timing and the answers need no mail or
HTML reading. `time` runs `extract_quotes` over them in rounds and prints each round's CPU time
(`time.process_time`) per body. `answers` keeps every body's quotes (speaker, text, cue, in
order) and, with `--same-as`, counts the bodies whose quotes differ from another run's: a speed
change must differ on none. Run the old code from its own tree (`git worktree add --detach`) with
the same pickle of bodies: `cd /tmp/old && python -m bench.quotecost time ...`.
"""
from __future__ import annotations

import argparse
import pickle
import statistics
import time
from pathlib import Path

from search.errors import BadSource


def collect_bodies(folder: Path) -> list[str]:
    """Return the bodies `extract_file` hands to `extract_quotes` for every file of a folder."""
    import search.extract.files as files

    found: list[str] = []
    attribute = files.extract_quotes

    def kept(body: str):
        found.append(body)
        return attribute(body)

    files.extract_quotes = kept
    try:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()
                           and not p.name.startswith(".")):
            try:
                files.extract_file(path, source=str(path.relative_to(folder)))
            except BadSource:
                continue
    finally:
        files.extract_quotes = attribute
    return found


def time_rounds(bodies: list[str], rounds: int) -> list[float]:
    """Return the CPU ms a body of `extract_quotes` over all the bodies, one figure a round."""
    from search.extract.speakers.attribution import extract_quotes

    figures = []
    for _ in range(rounds):
        start = time.process_time()
        for body in bodies:
            extract_quotes(body)
        figures.append(1000 * (time.process_time() - start) / max(len(bodies), 1))
    return figures


def answers(bodies: list[str]) -> list[list[tuple[str, str, str]]]:
    """Return every body's quotes as (speaker, text, cue), in order."""
    from search.extract.speakers.attribution import extract_quotes

    return [[(q.speaker, q.text, q.cue) for q in extract_quotes(body)] for body in bodies]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    one = sub.add_parser("bodies")
    one.add_argument("folder", type=Path)
    one.add_argument("--out", type=Path, required=True)
    timing = sub.add_parser("time")
    timing.add_argument("bodies", type=Path)
    timing.add_argument("--rounds", type=int, default=3)
    timing.add_argument("--every", type=int, default=1)
    said = sub.add_parser("answers")
    said.add_argument("bodies", type=Path)
    said.add_argument("--out", type=Path, required=True)
    said.add_argument("--same-as", type=Path)
    args = parser.parse_args()
    if args.command == "bodies":
        found = collect_bodies(args.folder)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_bytes(pickle.dumps(found))
        print(f"{len(found)} bodies, {sum(map(len, found)):,} characters")
        return
    bodies = pickle.loads(args.bodies.read_bytes())
    if args.command == "time":
        figures = time_rounds(bodies[::args.every], args.rounds)
        print(" ".join(f"{ms:.4f}" for ms in figures),
              f"ms a body (median {statistics.median(figures):.4f})")
        return
    got = answers(bodies)
    args.out.write_bytes(pickle.dumps(got))
    print(f"{len(got)} bodies, {sum(map(len, got))} quotes")
    if args.same_as:
        other = pickle.loads(args.same_as.read_bytes())
        differ = [i for i, (a, b) in enumerate(zip(got, other)) if a != b]
        print(f"{len(differ)} bodies differ from {args.same_as}"
              + (f" (first: {differ[:10]})" if differ else ""))
        if differ or len(got) != len(other):
            raise SystemExit(1)


if __name__ == "__main__":
    main()
