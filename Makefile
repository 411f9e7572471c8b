# qa-bot: `make run` serves the bundled corpus over HTTP, `make test` runs every test. Both set up .venv first.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: run chat test bench clean

$(BIN)/qa-bot: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $@

run: $(BIN)/qa-bot
	$(BIN)/qa-bot serve

chat: $(BIN)/qa-bot
	$(BIN)/qa-bot chat

test: $(BIN)/qa-bot
	$(BIN)/python -m pytest

bench: $(BIN)/qa-bot
	$(BIN)/python benchmarks/engine.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache
