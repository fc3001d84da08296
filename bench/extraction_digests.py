"""Digest what extraction returns for every file of some folders, to show a speed change kept it.

    python -m bench.extraction_digests write OUT.json FOLDER...
    python -m bench.extraction_digests compare OLD.json NEW.json

`write` extracts every file below each FOLDER as `archive-search index` does (no time budget, so
a loaded machine cannot turn a slow file into an uncleaned one) and records, per file, a SHA-256 of
each Document's dataclass fields, of its index fields (`document_fields`, the MinHash signature
among them) and of their digest, or the reason the file was skipped. Run it with the old code and
with the new (each from its own tree) and `compare` the two: it names every file whose documents
differ.
"""
from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import sys
from pathlib import Path

from search.errors import BadSource
from search.extract.files import extract_file
from search.index.fields import document_fields, fields_digest


def file_digest(path: Path, source: str) -> str:
    """Return a SHA-256 of everything extraction and the index fields make of one file."""
    try:
        docs = extract_file(path, source=source, seconds=0)
    except BadSource as exc:
        return "skipped: " + exc.reason
    whole = hashlib.sha256()
    for doc in docs:
        fields = document_fields(doc)
        for part in (dataclasses.asdict(doc), fields, fields_digest(fields)):
            whole.update(json.dumps(part, sort_keys=True, default=repr, ensure_ascii=False)
                         .encode("utf-8", "surrogatepass"))
    return whole.hexdigest()


def folder_digests(folder: Path) -> dict[str, str]:
    """Return the digest of every file below a folder, by its path (hidden files left out)."""
    found = sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith("."))
    return {str(p): file_digest(p, str(p.relative_to(folder))) for p in found}


def compare(old: dict[str, str], new: dict[str, str]) -> list[str]:
    """Return the files whose digests differ, or that only one side holds."""
    return sorted(path for path in old.keys() | new.keys() if old.get(path) != new.get(path))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    write = sub.add_parser("write")
    write.add_argument("out", type=Path)
    write.add_argument("folders", type=Path, nargs="+")
    both = sub.add_parser("compare")
    both.add_argument("old", type=Path)
    both.add_argument("new", type=Path)
    args = parser.parse_args()
    if args.command == "write":
        digests: dict[str, str] = {}
        for folder in args.folders:
            digests.update(folder_digests(folder.resolve()))
        args.out.write_text(json.dumps(digests, indent=0, sort_keys=True))
        print(f"{len(digests)} files, {sum(d.startswith('skipped') for d in digests.values())} skipped")
        return
    differ = compare(json.loads(args.old.read_text()), json.loads(args.new.read_text()))
    for path in differ:
        print(path)
    print(f"{len(differ)} files differ")
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
