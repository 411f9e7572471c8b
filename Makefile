# qa-bot: `make run` serves the bundled corpus over HTTP, `make test` runs every test. Both set up .venv first.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
AXE := node_modules/axe-core/axe.min.js

.PHONY: run chat test bench eval fit clean

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

# Every question set of eval/sets.json (the held-out 'final' set only with ARGS="--use final").
eval: $(BIN)/qa-bot
	$(BIN)/python scripts/eval_sets.py $(ARGS)

# Refit qa_bot/data/ranker.json; scikit-learn lives in its own environment, never the service's.
fit:
	$(PYTHON) -m venv .venv-fit
	.venv-fit/bin/pip install --quiet --disable-pip-version-check -e '.[fit]'
	.venv-fit/bin/python scripts/fit_ranker.py

clean:
	rm -rf $(VENV) .venv-fit .venv-bench node_modules build *.egg-info .pytest_cache .ruff_cache
