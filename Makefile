# GCM Knowledge Platform. `make help` lists the targets.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
FRONTEND_PORT ?= 4321

.DEFAULT_GOAL := help

help: ## List the targets
	@grep -hE '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  %-16s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements-dev.lock | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.lock
	touch $@

install: $(VENV)/.installed pdf-libs ## Create the virtualenv, install the locked dependencies, compile the catalogs
	@$(BIN)/python manage.py compile_translations

# WeasyPrint (edition PDFs) loads Pango through cffi at import: without the system libraries `import weasyprint`
# fails, so they are installed (as root, Debian) only then, as `chromium` does for the browser tests.
pdf-libs: $(VENV)/.installed ## Pango and the DejaVu fonts for WeasyPrint (apt-get install as root when missing)
	@$(BIN)/python -c "import weasyprint" 2>/dev/null || { echo "Installing Pango and fonts for WeasyPrint"; \
		export DEBIAN_FRONTEND=noninteractive; apt-get update -qq && \
		apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core >/dev/null; }

lock: ## Re-resolve requirements*.lock from pyproject.toml (needs uv)
	uv pip compile pyproject.toml -o requirements.lock --python-version 3.11 --no-header --quiet
	uv pip compile pyproject.toml --extra dev -o requirements-dev.lock --python-version 3.11 --no-header --quiet

migrate: install ## Apply database migrations
	mkdir -p var
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py place_document_files

demo: migrate ## Load the demo content (idempotent)
	$(BIN)/python manage.py load_demo

run: export ADMIN_BASE_URL ?= http://localhost:$(PORT)
run: export FRONTEND_URL ?= http://localhost:$(FRONTEND_PORT)
run: export FRONTEND_PURGE_SECRET ?= dev-only-purge-secret
run: export FRONTEND_PROXY_SECRET ?= dev-only-proxy-secret
run: demo frontend-install ## Install, migrate, load the demo and start the web server, task worker and frontend (PORT=8000)
	@echo "Web:    http://localhost:$(PORT)/   admin: http://localhost:$(PORT)/admin/   API: http://localhost:$(PORT)/api/v1/docs"
	@echo "Site:   http://localhost:$(FRONTEND_PORT)/   (the public Astro frontend, built on start)"
	PORT=$(PORT) FRONTEND_PORT=$(FRONTEND_PORT) BACKEND_URL=http://127.0.0.1:$(PORT) $(BIN)/honcho -f Procfile start

lint: install ## ruff, the import-cycle contract and the migrations check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/python manage.py makemigrations --check --dry-run

test: install lint upgrade-check ## Install what tests need and run the whole suite (DATABASE_URL picks the database)
	$(BIN)/pytest -q
	$(MAKE) --no-print-directory frontend-test

upgrade-check: install ## A database filled by the code before issue 12's restructuring migrates forward unchanged (SQLite)
	bash scripts/check-upgrade.sh

openapi: install frontend-install ## Regenerate the committed OpenAPI schema (docs/openapi.json) and the frontend's types
	$(BIN)/python manage.py openapi
	cd frontend && npm run --silent openapi

bench: install ## Search benchmark on a throwaway PostgreSQL (SIZES=1000,10000,100000 CLIENTS=1,4); not part of make test
	bash scripts/bench.sh

bench-insight: install ## Coverage figures benchmark, uncached, on a throwaway PostgreSQL (SIZES=100000); not part of make test
	bash scripts/bench-insight.sh

bench-import: install ## Bulk import benchmark: ROWS=10000 generated rows into SQLite (target 5 min); not part of make test
	bash scripts/bench-import.sh

bench-export: install ## Open-data export benchmark: COUNT=100000 examples on PostgreSQL, peak RSS growth per format (target 50 MB)
	bash scripts/bench-export.sh

bench-history: install ## History/diff benchmark: longest guidance page, 200 revisions, PostgreSQL; not part of make test
	bash scripts/bench-history.sh

bench-pdf: demo ## Edition PDF benchmark: the whole demo guidance per language (target <= 20 s); not part of make test
	$(BIN)/python -m benchmarks.bench_pdf

messages: install ## Update locale/*/django.po from the code (needs GNU gettext: apt install gettext)
	$(BIN)/python manage.py makemessages -l en -l fr -l es --no-obsolete --no-location \
		--ignore='frontend/*' --ignore='var/*' --ignore='tests/*'

i18n-check: migrate ## Fail when a project string or a taxonomy label lacks a French or Spanish translation
	$(BIN)/python manage.py i18n_check


# --- frontend/ (Astro). npm here only bootstraps: every script runs on the Node 24 pinned in package.json.
frontend/node_modules/.installed: frontend/package.json frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund --loglevel=error
	touch $@

frontend-install: frontend/node_modules/.installed ## npm ci the frontend when node_modules is missing or stale

chromium: ## Debian's Chromium for the end-to-end tests (apt-get install as root when missing)
	@test -x /usr/bin/chromium || { echo "Installing Debian chromium"; export DEBIAN_FRONTEND=noninteractive; \
		apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }

frontend-test: install frontend-install chromium ## Frontend type check, unit tests, build and end-to-end tests
	cd frontend && npm run --silent check && npm test && npm run --silent build && npm run e2e

frontend-report: install frontend-install chromium ## Lighthouse (mobile) + client JS per route on the production build; not part of make test
	cd frontend && npm run --silent build && npm run --silent report

.PHONY: help install pdf-libs lock migrate demo run lint test upgrade-check openapi bench bench-insight bench-import bench-export bench-history bench-pdf \
	messages i18n-check frontend-install chromium \
	frontend-test frontend-report
