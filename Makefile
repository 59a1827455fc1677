# Cocrea — `make run` serves the demo, `make test` runs the whole suite. `make help` lists every target.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
PORT ?= 8000
# The demo's absolute addresses (emails, QR codes, certificates) follow the port it is served on (lms/settings/dev.py).
export PORT
STAMP := $(VENV)/.installed-stamp
NODE_STAMP := node_modules/.installed-stamp
CHROMIUM := /usr/bin/chromium

.DEFAULT_GOAL := help
.PHONY: help install messages translations run demo test browser-tools chromium bench bench-faults bench-peer lint format clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-14s %s\n", $$1, $$2}'

$(STAMP): requirements.txt requirements-dev.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $@

install: $(STAMP) messages ## Create .venv/ and install the pinned requirements (runtime and development) and translations

messages: $(STAMP) ## Compile the translation catalogues (.po → .mo)
	@$(MANAGE) compilemessages --ignore=.venv --ignore=node_modules -v 0

translations: $(STAMP) ## Update the Spanish catalogues from the code (then fill in every new msgstr)
	$(MANAGE) makemessages -l es --ignore=.venv --ignore=tests --ignore=node_modules --no-obsolete --add-location=file

demo: install ## Migrate the database, make the credential signing keys and load the demo data (idempotent)
	$(MANAGE) credential_keys generate
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo

run: demo ## Set up and serve the demo on http://127.0.0.1:$(PORT)/ (its emails are files in var/mail/)
	$(MANAGE) serve_demo 127.0.0.1:$(PORT)

# The browser tests (tests/browser/) need Debian's Chromium and the npm tools pinned in package-lock.json (axe-core,
# the Nu Html Checker, Lighthouse); `make run` needs none of them. Each step is skipped when already done.
browser-tools: chromium $(NODE_STAMP) ## Install Chromium and the pinned npm test tools (axe-core, vnu-jar, Lighthouse)

chromium:
	@if [ -x $(CHROMIUM) ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "Installing Debian's Chromium for the browser tests…"; \
		apt-get install -y -q --no-install-recommends chromium >/dev/null \
			|| { apt-get update -q >/dev/null && apt-get install -y -q --no-install-recommends chromium >/dev/null; }; \
	else \
		echo "Chromium is missing ($(CHROMIUM)) and this is not root: the browser tests will skip."; \
		echo "Install it with: sudo apt-get install chromium"; \
	fi

$(NODE_STAMP): package.json package-lock.json
	@if command -v npm >/dev/null; then \
		npm ci --ignore-scripts --no-audit --no-fund --loglevel=error && touch $@; \
	else \
		echo "npm is missing: the accessibility and HTML checks will skip (install Node.js 18.16 or newer)."; \
	fi

test: install browser-tools ## Run migrations check, ruff and the whole test suite (browser tests included)
	$(MANAGE) makemigrations --check --dry-run --settings=lms.settings.test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/pytest

bench: install browser-tools ## Load (1/8/32 users, PostgreSQL + Redis + Celery + gunicorn) and Lighthouse; results in bench/results/
	@$(PY) -m bench.load; load=$$?; $(PY) -m bench.lighthouse && exit $$load

bench-faults: install ## Cache, broker and worker failures on the production settings (private Redis servers); bench/results/faults.json
	@if ! command -v redis-server >/dev/null && [ "$$(id -u)" = 0 ]; then apt-get install -y -q redis-server >/dev/null; fi
	$(PY) -m bench.faults

bench-peer: install ## Side by side with Kolibri (../shared/peers/kolibri/), interleaved rounds; ratios in bench/results/peer.json
	$(PY) -m bench.peer

lint: install ## Check code style (ruff) and known vulnerabilities in the pinned requirements (pip-audit)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) scripts/audit_dependencies.py

format: install ## Format the code and fix what ruff can
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean: ## Remove the virtualenv, the demo database and media, and compiled files
	rm -rf $(VENV) node_modules db.sqlite3 media staticfiles .pytest_cache test-results
	find . -name '*.mo' -not -path './node_modules/*' -delete
