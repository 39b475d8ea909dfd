# Two commands for a newcomer: `make run` and `make test`. Both install into .venv/.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test install lint clean

$(BIN)/boxoffice: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(BIN)/boxoffice

install: $(BIN)/boxoffice

run: install  ## start the service on the embedded SQLite default, with demo data
	$(BIN)/boxoffice serve --demo

test: install  ## the whole test suite (PostgreSQL tests run when it is reachable; required on CI)
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check src tests bench migrations
	$(BIN)/ruff format --check src tests bench migrations
	$(BIN)/mypy

clean:
	rm -rf $(VENV) boxoffice.db boxoffice.db-wal boxoffice.db-shm
