# The two commands a newcomer needs: `make run` and `make test`. Everything else is here for
# people who want one step at a time.

PYTHON ?= python3
PORT ?= 8000
VENV := .venv
BIN := $(VENV)/bin
SITE_URL ?= http://127.0.0.1:$(PORT)
MANAGE := DEBUG=true SITE_URL=$(SITE_URL) $(BIN)/python manage.py

.PHONY: run serve setup test lint format test-sqlite test-postgres test-browser check-deploy lock clean

# The web server and the background worker (emails, newsletter sending, scheduled jobs)
# together; Ctrl+C stops both.
run: setup
	$(MANAGE) run_worker --no-reload --no-startup-delay & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(MANAGE) runserver 127.0.0.1:$(PORT)

# Migrate, then load reference data and the demo dataset. Every step keeps existing data.
setup: $(VENV)/.runtime
	$(MANAGE) migrate --no-input
	$(MANAGE) createcachetable
	$(MANAGE) import_organisations
	$(MANAGE) record_founding_signatures
	$(MANAGE) load_demo_data

$(VENV)/.created:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	touch $@

$(VENV)/.runtime: $(VENV)/.created requirements.txt
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

test: lint test-sqlite test-postgres test-browser

lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

test-sqlite: $(VENV)/.dev
	DATABASE_URL=sqlite:///:memory: $(BIN)/pytest -m "not browser"

test-postgres: $(VENV)/.dev
	scripts/with-postgres $(BIN)/pytest -m "not browser"

test-browser: $(VENV)/.dev
	DATABASE_URL=sqlite:///:memory: $(BIN)/pytest -m browser tests/browser

lock: $(VENV)/.created
	scripts/lock-requirements

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
