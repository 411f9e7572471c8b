# qa-bot: `make run` serves the bundled corpus over HTTP, `make test` runs every test. Both set up .venv first.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
AXE := node_modules/axe-core/axe.min.js

.PHONY: run chat test bench clean

$(BIN)/qa-bot: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $@

run: $(BIN)/qa-bot
	$(BIN)/qa-bot serve

chat: $(BIN)/qa-bot
	$(BIN)/qa-bot chat

# axe-core (accessibility checks in the browser tests) at the version package-lock.json pins.
$(AXE): package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --ignore-scripts --loglevel=error && touch $@; \
	else echo "npm not found: the accessibility tests will be skipped (CI installs npm)"; fi

test: $(BIN)/qa-bot $(AXE)
	$(BIN)/python -m pytest

bench: $(BIN)/qa-bot
	$(BIN)/python benchmarks/engine.py

clean:
	rm -rf $(VENV) node_modules build *.egg-info .pytest_cache .ruff_cache
