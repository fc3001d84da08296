"""Which speakers the rules add or drop on news nobody labelled: `python -m evals.speaker_unseen`.

Precision on the labelled sets says little about a rule fitted to them; this lists, for the BBC
corpus (2,225 articles, less those labelled: bbc-speakers' and bbc-news's, `evals/labels/`) and
Reuters-21578 (stories of more than 600 characters, less the 150 labelled in `evals/labels/`),
every speaker the working tree's rules give that a base commit's do not, and every one they
drop, with the words that gave it and its cue. Read them: a person really quoted or reported as
speaking there, under one full name, or not. The bodies are extracted once by this tree's
`extract_file` (BBC) or taken from the benchmark archive's text dump (Reuters: dateline and body)
and both codes run on the same bodies, so only the speaker rules differ. The base runs in a
subprocess from `git archive`.
"""
from __future__ import annotations

import argparse
import json
import pickle
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.archive import reuters
from evals import labels
from evals.corpora import CACHE, unpack

# Reuters stories shorter than this are price tables and one-line briefs: no speech to check.
MIN_REUTERS_CHARS = 600
# A Reuters paragraph starts with an indented line; the lines inside it are wrapped.
REUTERS_PARAGRAPH = re.compile(r"\n\s{2,}")
# Run in the base's tree: read bodies, write {key: (speakers, [(speaker, cue, text)])}.
RUNNER = """
import pickle, sys
from search.extract.speakers.attribution import extract_quotes, extract_speakers
out = {}
for key, body in pickle.load(open(sys.argv[1], "rb")).items():
    quotes = extract_quotes(body)
    out[key] = (extract_speakers(quotes), [(q.speaker, q.cue, q.text) for q in quotes])
pickle.dump(out, open(sys.argv[2], "wb"))
"""
# The working tree's rules with the learned speaker filter (`--filter`), which is off in extraction.
FILTERED = """
import pickle, sys
from search.extract.speakers.attribution import attributed_quotes, extract_speakers
from search.extract.speakers.confidence import confident_quotes
out = {}
for key, body in pickle.load(open(sys.argv[1], "rb")).items():
    quotes = confident_quotes(*attributed_quotes(body))
    out[key] = (extract_speakers(quotes), [(q.speaker, q.cue, q.text) for q in quotes])
pickle.dump(out, open(sys.argv[2], "wb"))
"""


def unseen_bodies(cache: Path) -> dict[str, str]:
    """Return {name: body} of the unlabelled BBC and Reuters articles."""
    from search.extract.files import extract_file

    labelled = {p.name for p in (cache / "bbc-speakers" / "text").iterdir()}
    labelled |= {f"{page}.txt" for page in labels.load("bbc-news")}
    bodies = {}
    for path in sorted((cache / "bbc-news").glob("*/*.txt")):
        name = f"{path.parent.name}-{path.name}"
        if name not in labelled:
            docs = extract_file(path)
            bodies[f"bbc/{name}"] = max((d.body for d in docs), key=len) if docs else ""
    labelled = set(labels.load("reuters"))
    for item in reuters(cache):
        key = labels.page_key(item.rel)
        # The dump's fifth line on is the dateline and body (`bench.archive.reuters_text`).
        text = item.text.split("\n", 4)[-1].strip()
        body = "\n".join(" ".join(p.split()) for p in REUTERS_PARAGRAPH.split(text))
        if key not in labelled and len(body) > MIN_REUTERS_CHARS:
            bodies[f"reuters/{key}"] = body
    return bodies


def run(root: Path, bodies: Path, out: Path, runner: str = RUNNER) -> dict:
    """Return the speakers and quotes the code under `root` gives each body."""
    subprocess.run([sys.executable, "-c", runner, str(bodies), str(out)], cwd=root, check=True)
    return pickle.loads(out.read_bytes())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--base", default="321b026", help="the commit to compare with")
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--filter", action="store_true",
                    help="run this tree's rules with the learned speaker filter")
    args = ap.parse_args(argv)
    cache = unpack(args.shared, CACHE)
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        (tmp_path / "bodies.pickle").write_bytes(pickle.dumps(unseen_bodies(cache)))
        archive = subprocess.run(["git", "archive", args.base, "search"], check=True,
                                 capture_output=True).stdout
        (tmp_path / "base").mkdir()
        subprocess.run(["tar", "-x", "-C", str(tmp_path / "base")], input=archive, check=True)
        base = run(tmp_path / "base", tmp_path / "bodies.pickle", tmp_path / "base.pickle")
        now = run(Path.cwd(), tmp_path / "bodies.pickle", tmp_path / "now.pickle",
                  FILTERED if args.filter else RUNNER)
    counts = {"added": 0, "dropped": 0}
    for key in sorted(now):
        for change, names, source in (("added", set(now[key][0]) - set(base[key][0]), now),
                                      ("dropped", set(base[key][0]) - set(now[key][0]), base)):
            for name in sorted(names):
                counts[change] += 1
                quotes = [q for q in source[key][1] if q[0] == name or name.endswith(" " + q[0])]
                print(json.dumps({"change": change, "page": key, "speaker": name,
                                  "cue": quotes[0][1] if quotes else None,
                                  "words": quotes[0][2][:200] if quotes else None},
                                 ensure_ascii=False))
    print(f"pages {len(now)}; speakers {sum(len(v[0]) for v in base.values())} at {args.base}, "
          f"{sum(len(v[0]) for v in now.values())} now; added {counts['added']}, "
          f"dropped {counts['dropped']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
