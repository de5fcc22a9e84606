# The two commands: `make run` serves the app, `make test` runs the whole suite.
# Both set everything up first: a virtual environment with the pinned dependencies.

SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip --disable-pip-version-check
LOCK := requirements.lock
HOST ?= 127.0.0.1
PORT ?= 8000
WORKERS ?= 3
# Test processes (pytest-xdist): one per CPU by default; TEST_WORKERS=0 runs in this process.
TEST_WORKERS ?= auto

# The first Python 3.12 or newer on the PATH (evaluated only when the venv is made).
PYTHON = $(shell for p in python3.12 python3.13 python3.14 python3; do \
	if $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; then \
	command -v $$p; break; fi; done)

# Direct dependencies from pyproject.toml, pinned by the lock file used as constraints.
deps = $(PY) -c 'import tomllib; p = tomllib.load(open("pyproject.toml", "rb"))["project"]; \
	print("\n".join(p["dependencies"] + [d for g in "$(1)".split() for d in p["optional-dependencies"][g]]))'

.PHONY: help run test test-fast serve lint lock clean bench load

help:
	@echo "make run    set up and serve the app on http://$(HOST):$(PORT) (SQLite, debug on)"
	@echo "make test   set up and run the whole test suite"
	@echo "make test-fast  the tests without a browser (a few minutes less)"
	@echo "make serve  production-like: collectstatic and gunicorn (needs DJANGO_SECRET_KEY)"
	@echo "make lint   ruff check, format check, and mypy (strict on the rule modules)"
	@echo "make lock   regenerate $(LOCK) from pyproject.toml"
	@echo "make bench  time every main page for a demo user with a year of data"
	@echo "make load   50 simulated users for 60 s on gunicorn and PostgreSQL, then check every write"

$(PY):
	@python="$(PYTHON)"; \
	if [ -z "$$python" ]; then \
		echo "No Python 3.12 or newer found (tried python3.12, python3.13, python3.14, python3): install one and run make again." >&2; \
		exit 1; \
	fi; \
	echo "Creating $(VENV) with $$python"; \
	"$$python" -m venv $(VENV)

$(VENV)/.installed-run: $(LOCK) pyproject.toml | $(PY)
	$(call deps) > $(VENV)/requirements-run.txt
	$(PIP) install --quiet -c $(LOCK) -r $(VENV)/requirements-run.txt
	@touch $@

$(VENV)/.installed-test: $(VENV)/.installed-run
	$(call deps,test) > $(VENV)/requirements-test.txt
	$(PIP) install --quiet -c $(LOCK) -r $(VENV)/requirements-test.txt
	@touch $@

# Web push signs with a VAPID key pair: `make run` makes one for this checkout, kept in
# $(VAPID_ENV) (git ignores it), unless the environment has one. A deployment sets its own.
VAPID_ENV := .vapid.env
$(VAPID_ENV): | $(VENV)/.installed-run
	DJANGO_DEBUG=1 $(PY) manage.py vapid_keys > $@.tmp && mv $@.tmp $@

# The web server and one task worker (imports, and every minute the search for due
# reminders and their sending); Ctrl-C stops both, and the worker also stops if the server
# exits on its own.
run: $(VENV)/.installed-run $(VAPID_ENV)
	DJANGO_DEBUG=1 $(PY) manage.py migrate --noinput
	@if [ -z "$$WEBPUSH_VAPID_PRIVATE_KEY" ]; then set -a; . ./$(VAPID_ENV); set +a; fi; \
	DJANGO_DEBUG=1 $(PY) manage.py db_worker --verbosity 0 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT; \
	DJANGO_DEBUG=1 $(PY) manage.py runserver $(HOST):$(PORT)

test: $(VENV)/.installed-test
	$(PY) -m pytest -n $(TEST_WORKERS) --dist worksteal $(PYTEST_ARGS)

test-fast: $(VENV)/.installed-test
	$(PY) -m pytest -n $(TEST_WORKERS) --dist worksteal -m "not browser" $(PYTEST_ARGS)

# gunicorn with WORKERS processes, and TASK_WORKERS task workers beside it. Each task worker
# runs one task at a time (an import, a reminder's sending) and they share the minute's search
# for due reminders; one is enough for a few thousand users. On PostgreSQL, workers on other
# machines (`manage.py db_worker` with the same settings) share the queue safely: each task
# and each reminder is claimed by one. Set WEBPUSH_VAPID_PUBLIC_KEY and
# WEBPUSH_VAPID_PRIVATE_KEY (from `manage.py vapid_keys`) for web push, DJANGO_SITE_URL for
# the links in reminder emails, and DJANGO_EMAIL_HOST for their SMTP server.
TASK_WORKERS ?= 1
serve: $(VENV)/.installed-run
	DJANGO_DEBUG=0 $(PY) manage.py migrate --noinput
	DJANGO_DEBUG=0 $(PY) manage.py collectstatic --noinput --verbosity 0
	@workers=""; for n in $$(seq $(TASK_WORKERS)); do \
		DJANGO_DEBUG=0 $(PY) manage.py db_worker --no-reload --verbosity 1 & workers="$$workers $$!"; \
	done; \
	trap 'kill $$workers 2>/dev/null; wait $$workers 2>/dev/null' EXIT; \
	DJANGO_DEBUG=0 $(VENV)/bin/gunicorn recovery.wsgi --bind $(HOST):$(PORT) \
		--workers $(WORKERS) --access-logfile - \
		--logger-class recovery.common.log_redaction.GunicornLogger

lint: $(VENV)/.installed-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DJANGO_DEBUG=1 $(VENV)/bin/mypy

lock: | $(PY)
	$(PIP) install --quiet pip-tools
	$(VENV)/bin/pip-compile --quiet --extra test --strip-extras --no-emit-index-url \
		--no-emit-find-links --no-emit-trusted-host --output-file $(LOCK) pyproject.toml

# Benchmarks run production-like (debug off, manifest static files) on their own SQLite
# file, or on the database DATABASE_URL names.
BENCH_ENV = DJANGO_DEBUG=0 DJANGO_SECRET_KEY=bench-only-key DJANGO_SECURE_SSL_REDIRECT=0 \
	DATABASE_URL=$${DATABASE_URL:-sqlite:///$(CURDIR)/bench.sqlite3}

# `make bench` runs on SQLite (or DATABASE_URL), then on PostgreSQL when one answers at
# BENCH_PG (its database is created if missing); each pass writes its own results file.
BENCH_PG_SERVER ?= postgres://postgres@127.0.0.1:5432
BENCH_PG = $(BENCH_PG_SERVER)/recovery_bench

bench: $(VENV)/.installed-test
	$(BENCH_ENV) $(PY) manage.py migrate --noinput --verbosity 0
	$(BENCH_ENV) $(PY) manage.py collectstatic --noinput --verbosity 0
	$(BENCH_ENV) $(PY) -m tests.perf.bench $(BENCH_ARGS)
	$(BENCH_ENV) $(PY) -m tests.perf.http_pass $(HTTP_ARGS)
	@if [ -z "$$DATABASE_URL" ] && pg_isready -q -d "$(BENCH_PG_SERVER)/postgres" 2>/dev/null; then \
		psql -q "$(BENCH_PG_SERVER)/postgres" -c "CREATE DATABASE recovery_bench" 2>/dev/null || true; \
		$(MAKE) --no-print-directory bench DATABASE_URL="$(BENCH_PG)" \
			BENCH_ARGS="$(BENCH_ARGS) --output bench-results-postgresql.json" \
			HTTP_ARGS="$(HTTP_ARGS) --output bench-http-postgresql.json"; \
	fi

load: $(VENV)/.installed-test
	bash tests/load/run.sh

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache test-artifacts bench.sqlite3 bench-results.json bench-results-postgresql.json bench-http.json bench-http-postgresql.json load-successes.json
