"""The command line: archive-search index|serve|search|extract|watch."""
from __future__ import annotations

import argparse
import gc
import json
import os
import sys
from pathlib import Path

from search import config
from search.errors import BadSource, SearchError, error_body
from search.index.progress import ProgressBar
from search.terminal import for_terminal


def run() -> None:
    """Run the command line as the program, then exit with its status."""
    status = main()
    # The process ends here: the collector need not walk all it holds while the interpreter
    # tears its modules down (a rebuild's last 0.05-0.08 s, with one core idle).
    gc.freeze()
    sys.exit(status)


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except SearchError as exc:
        if getattr(args, "json", False):  # a script reads stdout: the error as /search gives it
            print(json.dumps(error_body(exc.code, str(exc)), ensure_ascii=False))
        print(f"archive-search: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # the reader (`| head`) went away: not an error of ours
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        print("archive-search: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug: say so plainly; the traceback only on request
        if os.environ.get("ARCHIVE_SEARCH_DEBUG"):
            raise
        print(f"archive-search: unexpected error: {exc!r} "
              "(set ARCHIVE_SEARCH_DEBUG=1 to see the traceback)", file=sys.stderr)
        return 1


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser with one sub-command per task."""
    parser = argparse.ArgumentParser(prog="archive-search", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    index = sub.add_parser("index", help="build or update the index from the archive folder")
    _add_dirs(index)
    index.add_argument("--rebuild", action="store_true", help="rebuild from scratch, atomically")
    index.add_argument("--wait", action="store_true", help="wait for another indexer to finish")
    index.add_argument("--workers", type=int, default=None, help="extraction processes")
    index.set_defaults(func=cmd_index)

    serve = sub.add_parser("serve", help="serve the web app with gunicorn")
    _add_dirs(serve, seeds_help="an archive folder to follow while serving: what changes in it "
                                "is re-indexed within seconds, as `watch` does (none by default)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.set_defaults(func=cmd_serve)

    search = sub.add_parser("search", help="search the index")
    search.add_argument("query")
    search.add_argument("--index", help=f"index folder (default ${config.INDEX_ENV} or "
                                        f"{config.DEFAULT_INDEX})")
    search.add_argument("--json", action="store_true", help="print the /search JSON")
    search.add_argument("--page", type=int, default=1)
    search.add_argument("--per-page", type=int, default=10)
    search.add_argument("--sort", default="relevance", choices=["relevance", "date", "-date"])
    search.set_defaults(func=cmd_search)

    extract = sub.add_parser("extract", help="print the documents found in files")
    extract.add_argument("files", nargs="+", type=Path)
    extract.add_argument("--json", action="store_true", help="one JSON object a line")
    extract.add_argument("--times", type=Path, metavar="FILE",
                         help="append each file's extraction seconds and path, tab-separated")
    extract.set_defaults(func=cmd_extract)

    watch = sub.add_parser("watch", help="re-index whenever the archive folder changes")
    _add_dirs(watch)
    watch.set_defaults(func=cmd_watch)
    return parser


def _add_dirs(parser: argparse.ArgumentParser, seeds_help: str | None = None) -> None:
    parser.add_argument("--seeds", help=seeds_help or f"archive folder (default "
                                                      f"${config.SEEDS_ENV} or {config.DEFAULT_SEEDS})")
    parser.add_argument("--index", help=f"index folder (default ${config.INDEX_ENV} or "
                                        f"{config.DEFAULT_INDEX})")


def cmd_index(args: argparse.Namespace) -> int:
    """Build or update the index: a progress bar on a terminal, then a summary."""
    # numpy's OpenBLAS starts a thread a core as it is imported, before any worker can start;
    # indexing does no linear algebra (0.03 s of a rebuild's serial start, 0.05 s of CPU).
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    from search.index.indexer import update_index

    seeds = config.seeds_dir(args.seeds)
    if not seeds.is_dir():
        print(f"archive-search: the archive folder {seeds} does not exist", file=sys.stderr)
        return 2
    bar = ProgressBar("extracting", sys.stderr)
    try:
        stats = update_index(seeds, config.index_dir(args.index), progress=bar.update,
                             wait=args.wait, workers=args.workers, rebuild=args.rebuild,
                             on_wait=lambda msg: print(f"archive-search: {msg}",
                                                       file=sys.stderr, flush=True))
    finally:
        bar.close()
    print(stats.summary())
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve the web app under gunicorn with the repository's config."""
    from web.server import serve

    # Given --seeds, the server follows that folder; `make run` starts its own watcher.
    return serve(args.host, args.port, str(config.index_dir(args.index)),
                 str(config.seeds_dir(args.seeds)) if args.seeds else None)


def cmd_search(args: argparse.Namespace) -> int:
    """Search the index and print the hits (or the /search JSON)."""
    from search.engine.search import SearchEngine
    from search.query.request import SearchRequest
    from search.engine.searcher import IndexHandle

    handle = IndexHandle(config.index_dir(args.index))
    try:
        result = SearchEngine(handle).search(SearchRequest(
            q=args.query, page=args.page, per_page=args.per_page, sort=args.sort))
    finally:
        handle.close()
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
        return 0
    _say(f"{result['total']} documents match {_shown(result['query'])!r} "
         f"(read as {_shown(result['interpreted'])}), {result['took_ms']} ms")
    for note in result["notes"]:  # what was left out and how the words were read, as /search
        _say(f"   note: {note}")
    if result["suggestion"]:
        _say(f"Did you mean: {result['suggestion']}")
    for rank, hit in enumerate(result["hits"], 1 + (args.page - 1) * args.per_page):
        meta = " · ".join(x for x in (hit["outlet"], hit["date"]) if x)
        _say(f"\n{rank}. {hit['title'] or '(no title)'}  [{hit['id']}]")
        if meta:
            _say(f"   {meta}")
        for snippet in hit["snippets"]:
            _say("   " + _plain(snippet))
    return 0


def _say(text: str) -> None:
    """Print what the archive holds to a terminal, without its control codes (`terminal.py`)."""
    print(for_terminal(text))


def _shown(text: str, limit: int = 200) -> str:
    """Return text repeated back to the user: a pasted paragraph by its first characters."""
    return text if len(text) <= limit else text[:limit].rstrip() + "…"


def _plain(html_snippet: str) -> str:
    """Return a snippet for a terminal: marks as *words*, entities unescaped."""
    from html import unescape

    return unescape(html_snippet.replace("<mark>", "*").replace("</mark>", "*"))


def cmd_extract(args: argparse.Namespace) -> int:
    """Print the documents found in each file; report unreadable files and go on."""
    import time

    from search.extract.files import extract_file, unique_documents
    from search.features.threads import thread_documents

    status = 0
    found = []
    times = open(args.times, "a", encoding="utf-8") if args.times else None
    try:
        for path in args.files:
            started = time.perf_counter()
            try:
                docs = extract_file(path)
            except BadSource as exc:
                print(f"archive-search: skipped {exc}", file=sys.stderr)
                status = 1
                continue
            finally:
                if times:
                    times.write(f"{time.perf_counter() - started:.3f}\t{path}\n")
            for doc in docs[:1]:
                if doc.uncleaned:
                    print(f"archive-search: uncleaned {path}: {doc.uncleaned}", file=sys.stderr)
            found += docs
    finally:
        if times:
            times.close()
    # Threads and duplicates span files (a list's months): documents are printed once all are read.
    _print_documents(thread_documents(unique_documents(found)), args.json)
    return status


def _print_documents(docs: list, as_json: bool) -> None:
    """Print documents: JSON lines, or one summary line each."""
    for doc in docs:
        if as_json:
            print(json.dumps(doc.to_json(), ensure_ascii=False))
        else:
            note = f" | uncleaned: {doc.uncleaned}" if doc.uncleaned else ""
            _say(f"{doc.source} [{doc.kind}] {doc.title!r} | {doc.outlet} | {doc.date} | "
                 f"speakers: {', '.join(doc.speakers) or '-'}{note}")


def cmd_watch(args: argparse.Namespace) -> int:
    """Watch the archive folder and re-index what changes, until interrupted or terminated."""
    import signal
    import threading

    from search.index.watch import watch

    seeds = config.seeds_dir(args.seeds)
    if not seeds.is_dir():
        print(f"archive-search: the archive folder {seeds} does not exist", file=sys.stderr)
        return 2
    stop = threading.Event()
    # `make run` stops the watcher with SIGTERM: finish the run in progress, then leave.
    signal.signal(signal.SIGTERM, lambda signum, frame: stop.set())
    return watch(seeds, config.index_dir(args.index), stop=stop)
