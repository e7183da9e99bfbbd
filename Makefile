# GCM Knowledge Platform. `make help` lists the targets.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000

.DEFAULT_GOAL := help

help: ## List the targets
	@grep -hE '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  %-16s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements-dev.lock | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.lock
	touch $@

install: $(VENV)/.installed ## Create the virtualenv, install the locked dependencies, compile the catalogs
	@$(BIN)/python manage.py compile_translations

lock: ## Re-resolve requirements*.lock from pyproject.toml (needs uv)
	uv pip compile pyproject.toml -o requirements.lock --python-version 3.11 --no-header --quiet
	uv pip compile pyproject.toml --extra dev -o requirements-dev.lock --python-version 3.11 --no-header --quiet

migrate: install ## Apply database migrations
	mkdir -p var
	$(BIN)/python manage.py migrate --no-input

demo: migrate ## Load the demo content (idempotent)
	$(BIN)/python manage.py load_demo

run: export ADMIN_BASE_URL ?= http://localhost:$(PORT)
run: demo ## Install, migrate, load the demo and start the web server and task worker (PORT=8000)
	@echo "Web:    http://localhost:$(PORT)/   admin: http://localhost:$(PORT)/admin/   API: http://localhost:$(PORT)/api/v1/docs"
	PORT=$(PORT) $(BIN)/honcho -f Procfile start

lint: install ## ruff and the migrations check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run

test: install lint ## Install what tests need and run the whole suite (DATABASE_URL picks the database)
	$(BIN)/pytest -q

openapi: install ## Regenerate the committed OpenAPI schema (docs/openapi.json)
	$(BIN)/python manage.py openapi

messages: install ## Update locale/*/django.po from the code (needs GNU gettext: apt install gettext)
	$(BIN)/python manage.py makemessages -l en -l fr -l es --no-obsolete --no-location \
		--ignore='frontend/*' --ignore='var/*' --ignore='tests/*'

i18n-check: install ## Fail when a project string lacks a French or Spanish translation
	$(BIN)/python manage.py i18n_check

.PHONY: help install lock migrate demo run lint test openapi messages i18n-check
