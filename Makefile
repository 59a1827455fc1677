# Cocrea — `make run` serves the demo, `make test` runs the whole suite. `make help` lists every target.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
PORT ?= 8000
STAMP := $(VENV)/.installed-stamp

.DEFAULT_GOAL := help
.PHONY: help install messages run demo test lint format clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): requirements.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

install: $(STAMP) messages ## Create .venv/ and install the pinned requirements and translations

messages: $(STAMP) ## Compile the translation catalogues (.po → .mo)
	@$(MANAGE) compilemessages --ignore=.venv --ignore=node_modules -v 0

demo: install ## Migrate the database and load the demo data (idempotent)
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo

run: demo ## Set up and serve the demo on http://127.0.0.1:$(PORT)/
	$(MANAGE) runserver 127.0.0.1:$(PORT)

test: install ## Run migrations check, ruff and the whole test suite
	$(MANAGE) makemigrations --check --dry-run --settings=lms.settings.test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/pytest

lint: install ## Check code style (ruff) and known vulnerabilities in the pinned requirements (pip-audit)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) scripts/audit_dependencies.py

format: install ## Format the code and fix what ruff can
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean: ## Remove the virtualenv, the demo database and media, and compiled files
	rm -rf $(VENV) db.sqlite3 media staticfiles .pytest_cache
	find . -name '*.mo' -not -path './node_modules/*' -delete
