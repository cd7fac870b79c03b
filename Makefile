# Two commands on a fresh machine: `make demo` and `make test`. Only Python 3.11 and make needed.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev

.PHONY: demo demo-reset test test-fast lint format serve install clean messages

# Running needs only the package; the test and lint tools (Playwright, mypy, ruff…) come with
# `make test`.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $(STAMP)

$(DEV_STAMP): $(STAMP) pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(DEV_STAMP)

install: $(DEV_STAMP)

demo: $(STAMP)
	$(BIN)/misidagang demo

# Start the demo afresh: a new database, the mission held today.
demo-reset: $(STAMP)
	rm -f misidagang.sqlite3 misidagang.sqlite3-wal misidagang.sqlite3-shm
	$(BIN)/misidagang demo

serve: $(STAMP)
	$(BIN)/misidagang serve

test: $(DEV_STAMP)
	$(BIN)/pytest

lint: $(DEV_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy misidagang

format: $(DEV_STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Needs GNU gettext (developers only; the compiled .mo files are committed).
messages: $(DEV_STAMP)
	cd misidagang && ../$(BIN)/misidagang makemessages -l en --no-obsolete && ../$(BIN)/misidagang compilemessages

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache .mypy_cache .ruff_cache
