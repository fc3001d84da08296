# The two commands: `make run` and `make test`. Everything else is for developers.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
SHARED ?= ../shared
STAMP := $(VENV)/.installed

.PHONY: run test index serve eval bench clean

$(STAMP): setup.cfg pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is needed ($(PYTHON) not found; set PYTHON=...)"; exit 1; }
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

eval: $(STAMP)
	$(BIN)/python -m evals.run --shared $(SHARED)

clean:
	rm -rf $(VENV) var .cache
