# Two commands for a newcomer: `make run` and `make test`. Both install into .venv/.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

WEB := web
# The UI's sources: a change to any of them makes the build stale.
WEB_SOURCES := $(shell find $(WEB)/src $(WEB)/public -type f 2>/dev/null) \
	$(WEB)/angular.json $(WEB)/package-lock.json $(wildcard $(WEB)/tsconfig*.json)
NODE_HINT := the web UI needs Node.js 20 or newer with npm, from https://nodejs.org/en/download

.PHONY: run test install lint clean web test-web

$(BIN)/boxoffice: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(BIN)/boxoffice

install: $(BIN)/boxoffice

$(WEB)/node_modules/.package-lock.json: $(WEB)/package-lock.json
	cd $(WEB) && npm ci --no-audit --no-fund
	touch $@

$(WEB)/dist/index.html: $(WEB)/node_modules/.package-lock.json $(WEB_SOURCES)
	cd $(WEB) && npm run build

web:  ## build the web UI when it is missing or stale; without npm, say how to get it
	@if command -v npm >/dev/null 2>&1; then $(MAKE) --no-print-directory $(WEB)/dist/index.html; \
	else echo "Serving the API alone; $(NODE_HINT)"; fi

run: install web  ## start the service on the embedded SQLite default, with demo data and the UI at /ui/
	$(BIN)/boxoffice serve --demo

# Two workers, each on databases of its own; a test file stays on one worker (its module
# fixtures, such as the served processes, start once).
test: install test-web  ## the whole test suite (PostgreSQL tests run when it is reachable; required on CI)
	$(BIN)/python -m pytest -n 2 --dist loadfile

test-web: install  ## the UI's unit tests (Vitest) and its end-to-end tests in Chromium
	@if ! command -v npm >/dev/null 2>&1; then \
		if [ "$$CI" = true ]; then echo "$(NODE_HINT)" >&2; exit 1; fi; \
		echo "Skipping the web UI's tests; $(NODE_HINT)"; \
	else \
		$(MAKE) --no-print-directory $(WEB)/dist/index.html && \
		cd $(WEB) && npm test && npm run e2e; \
	fi

lint: install
	$(BIN)/ruff check src tests bench migrations
	$(BIN)/ruff format --check src tests bench migrations
	$(BIN)/mypy

clean:
	rm -rf $(VENV) boxoffice.db boxoffice.db-wal boxoffice.db-shm
	rm -rf $(WEB)/node_modules $(WEB)/dist $(WEB)/.angular $(WEB)/test-results $(WEB)/screenshots
