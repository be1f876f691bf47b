# One venv, made on first use; every target installs what it needs itself.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DB ?= sqlite:///diplograph.db
PYTEST_ARGS ?=

.PHONY: setup demo extract-examples test bench clean

$(BIN)/.installed: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $@

setup: $(BIN)/.installed

# The main job on the embedded default (SQLite): ingest the example reports, print the timeline.
demo: setup
	$(BIN)/diplograph ingest examples/ --db $(DB)
	$(BIN)/diplograph timeline --db $(DB)

extract-examples: setup
	$(BIN)/diplograph extract examples/ --format table

test: setup
	$(BIN)/pytest -q $(PYTEST_ARGS)

bench: setup
	$(BIN)/diplograph bench --limit 400 --workers 2

clean:
	rm -rf $(VENV) diplograph.db diplograph.db-wal diplograph.db-shm
