"""gunicorn settings, chosen on purpose (see docs/performance.md and WHOOSH-FACTS).

Two sync workers on two cores gave the best throughput and tail here; threads need a searcher
each and did not help. Each worker opens the index once and refreshes it on change.
"""
import gc
import os

bind = os.environ.get("ARCHIVE_SEARCH_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("ARCHIVE_SEARCH_WORKERS", "2"))
worker_class = "sync"
# A query has a time budget well under this; the timeout only catches a stuck worker.
timeout = 30
graceful_timeout = 10
keepalive = 2
# Nothing this service takes needs many headers: refuse them early. The request line is
# gunicorn's largest bounded value, so that a pasted abstract (q up to MAX_PASTE_CHARS, about
# 6,000 characters of it once URL-encoded) reaches the app; a longer URL gets 414.
limit_request_line = 8190
limit_request_fields = 50
limit_request_field_size = 8190
# Recycle workers now and then so that memory cannot creep without bound, but seldom: a new
# worker opens the index again (1.4 s at 48k documents) and starts with an empty answer cache.
# At 5,000 the benchmark's cached run (1,000 requests/s) recycled each worker every 5 s, and
# its p99 was 973 ms. A worker grew 12 MB under load; its caches are bounded.
max_requests = 50000
max_requests_jitter = 5000
# gunicorn 25.1+ opens a control socket (worker count, reload, shutdown) in $HOME by default;
# this service needs none, and two instances would fight over the one path. Older gunicorns
# ignore the setting.
control_socket_disable = True
accesslog = "-"
errorlog = "-"
# A search allocates many container objects that live until its answer is sent: with Python's
# default (700 allocations), a worker ran about one young collection a request, 0.35-0.47 ms of
# its CPU a request at 20,000 documents (gc callbacks, process time); at 10,000 it ran one every
# 20 requests, 0.14 ms. A request's garbage is freed by reference counting all the same.
GC_YOUNG_THRESHOLD = 10_000


def post_fork(server, worker):
    """Collect a worker's young objects less often (GC_YOUNG_THRESHOLD): only workers, not the
    master or other users of this module."""
    _, older, oldest = gc.get_threshold()
    gc.set_threshold(GC_YOUNG_THRESHOLD, older, oldest)


def post_worker_init(worker):
    """Open the index and prepare its generation before the worker takes its first request.

    Reading a 48k-document index's columns, copies of messages and threads takes about 2-3 s of
    CPU; a worker's first requests paid for it (3.5 s for the first search, 2.5 s for the first
    mail hit, inside its budget), which one cold worker turned into wrk's 1.2 s p99.
    """
    engine = worker.wsgi.extensions.get("archive_search") if hasattr(worker.wsgi, "extensions") \
        else None
    if engine is None:
        return
    # A new generation is prepared in a thread while the one before serves (the first is opened
    # here or by a request): a sync worker's requests run on its main thread, where the time
    # budget's alarm is, and the thread only opens and reads.
    engine.handle.background = True
    try:
        engine.warm()
    except Exception as exc:  # no index yet, or not readable: requests say why (503)
        worker.log.warning("index not opened at start: %s", exc)
    # Follow commits while idle too: a worker that looked only when a request came answered
    # that request from the old generation (a file dropped minutes before was not found).
    engine.handle.follow()
    # What the worker holds now lives as long as the generation (at 48k documents some 200,000
    # objects): out of the collector's sight, a full collection under load took 26 ms instead
    # of 292 (Python's gc.freeze for long-lived state). Only once: frozen objects that form
    # cycles are never freed, so later generations are left to the collector.
    gc.freeze()
