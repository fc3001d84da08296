# The two commands: `make run` and `make test`. Everything else is for developers.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
# Another interpreter beside 3.11, as CI does: make test PYTHON=python3.12 VENV=.venv-3.12
VENV ?= .venv
BIN := $(VENV)/bin
SHARED ?= ../shared
STAMP := $(VENV)/.installed

AXE := .cache/axe/node_modules/axe-core/axe.min.js

.PHONY: run test index eval train bench load clean browser-deps screenshots

$(STAMP): setup.cfg pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null || { echo "Python 3.11 or newer is needed (found: '$(PYTHON)'; set PYTHON=...)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

index: $(STAMP)
	$(BIN)/archive-search index

# Serve and follow the archive: the watcher re-indexes what changes in seeds/ and the server's
# workers pick up each commit. Stopping the server (Ctrl-C) stops the watcher too.
run: index
	@$(BIN)/archive-search watch & watcher=$$!; \
	trap 'kill $$watcher 2>/dev/null; wait $$watcher' EXIT; \
	trap 'exit 130' INT TERM; \
	$(BIN)/archive-search serve --host 127.0.0.1 --port 8000

test: $(STAMP)
	$(BIN)/python -m pytest

# Chromium from Debian and axe-core from npm, for tests/web/test_browser.py (root or sudo).
browser-deps:
	@test -x /usr/bin/chromium || { apt-get update -qq && apt-get install -y -qq chromium; }
	@test -f $(AXE) || npm install --silent --no-audit --no-fund --prefix .cache/axe axe-core@4

# Screenshots of each page at desktop and phone widths, for the README.
screenshots: $(STAMP) browser-deps
	ARCHIVE_SEARCH_SCREENSHOTS=docs/screenshots $(BIN)/python -m pytest -q tests/web/test_browser.py -k screenshots

eval: $(STAMP)
	$(BIN)/python -m evals.run --shared $(SHARED)

# The speaker filter's and the headline chooser's models, learned from the development pages of the
# labelled sets and the current rules: speakers/speaker_model.json and textdump/headline_model.json
# under search/extract/ (the same bytes every run).
train: $(STAMP)
	$(BIN)/python -m evals.speaker_train --shared $(SHARED)
	$(BIN)/python -m evals.title_train --shared $(SHARED)

# `make bench BENCH_ARGS="--quick --docs 3000"` checks the whole pipeline in minutes; a quick
# run writes its report under .cache/bench/, never over docs/performance.md.
# BENCH_ARGS="--archive usenet --sizes one" measures the 19,997 Usenet posts alone (issue 21),
# into docs/performance-usenet.md.
bench: $(STAMP)
	$(BIN)/python -m bench --shared $(SHARED) $(BENCH_ARGS)

# Load with 95% normal and 5% hostile queries while re-indexing, against gunicorn on 127.0.0.1
# (apt-get install wrk); results in var/load/logs/result.json and docs/operations.md.
load: $(STAMP)
	$(BIN)/python -m ops.load --shared $(SHARED)

clean:
	rm -rf $(VENV) var .cache
