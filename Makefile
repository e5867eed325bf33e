# Two entry points for a fresh machine: `make run` (the app) and `make test` (everything CI runs).
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PORT   ?= 8501

.PHONY: run test lint typecheck unit system-deps bench eval train clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/streamlit run app.py --server.port $(PORT) --browser.gatherUsageStats false

# Debian packages the browser and PostgreSQL tests need; skipped when already present.
system-deps:
	@bash scripts/system-deps.sh

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy coach ui app.py

unit: $(STAMP)
	$(BIN)/pytest -q -n 2 --timeout 600

test: $(STAMP) system-deps lint typecheck unit

bench: $(STAMP)
	$(BIN)/python -m bench

eval: $(STAMP)
	$(BIN)/coach eval data/real/test.jsonl

# Retrain the learned model after changing labelled data (commit the new weights).
train: $(STAMP)
	$(BIN)/python -m coach.checking.train

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
