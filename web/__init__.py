"""The Flask front end: a thin adapter from HTTP to the `search` library."""
from __future__ import annotations

from pathlib import Path

from flask import Flask

from search import config as search_config
from search import SearchEngine
from search import IndexHandle

DEFAULTS = {
    "INDEX": search_config.DEFAULT_INDEX,
    "SEEDS": search_config.DEFAULT_SEEDS,
    # The service takes no uploads: refuse any request body past a small form.
    "MAX_CONTENT_LENGTH": 16 * 1024,
    "JSON_SORT_KEYS": False,
    # Static files (style.css, app.js) change only with a release: let browsers keep them an hour.
    "SEND_FILE_MAX_AGE_DEFAULT": 3600,
    # Time budget of one search, well under gunicorn's worker timeout (web/gunicorn_conf.py).
    "QUERY_SECONDS": 3.0,
    # Answers kept per worker until the index changes (search/engine/resultcache.py); 0 turns it off.
    "RESULT_CACHE": 256,
}


def create_app(config: dict | None = None) -> Flask:
    """Create the app: defaults, then ARCHIVE_SEARCH_* from the environment, then `config`."""
    app = Flask(__name__)
    app.config.update(DEFAULTS)
    app.config.from_prefixed_env("ARCHIVE_SEARCH")
    if config:
        app.config.update(config)
    app.config["DEBUG"] = False
    app.json.sort_keys = False
    handle = IndexHandle(Path(app.config["INDEX"]))
    app.extensions["archive_search"] = SearchEngine(
        handle, seconds=app.config["QUERY_SECONDS"], cache_size=int(app.config["RESULT_CACHE"]))

    from web import errors, export_views, views

    app.register_blueprint(views.bp)
    app.register_blueprint(export_views.bp)
    errors.register(app)
    return app
