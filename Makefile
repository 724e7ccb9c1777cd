# Regioatlas. `make run` sets everything up and serves http://127.0.0.1:8000/; `make test` tests.
SHELL := /bin/bash
VENV := .venv
PYTHON := $(VENV)/bin/python

.PHONY: help run serve test test-js test-scaleout setup load lint format stop bench bench-load fuzz

help:
	@echo "make run     set up everything, load the data, run the atlas at http://127.0.0.1:8000/"
	@echo "make serve   production-like: gunicorn (gunicorn.conf.py) + worker + beat, DEBUG off, WhiteNoise"
	@echo "make test    set up, lint (ruff, Biome) and run the tests (node --test, pytest; ARGS='-k foo' passes args)"
	@echo "make test-js the front end's unit tests (node --test tests/js/)"
	@echo "make test-scaleout  web, worker and database hosts in network namespaces (root; ~1 min)"
	@echo "make setup   install packages, virtualenv, node_modules, database; migrate"
	@echo "make load    load the data from REGIOATLAS_DATA_DIR (manage.py load)"
	@echo "make lint    ruff check + format, import-linter (layers), Biome and the front end's unit tests"
	@echo "make format  ruff format + ruff check --fix, biome check --write"
	@echo "make stop    stop the Celery worker started by make run"
	@echo "make bench   run bench/bench_*.py (BENCH=tiles for one; needs make load first)"
	@echo "make bench-load  gunicorn under a realistic mix with wrk at 10/50/200 connections, and tipg (bench/bench_load.py)"
	@echo "make fuzz    fuzz the whole API with schemathesis (all checks and phases, as a moderator)"

run:
	bash scripts/run.sh

serve:
	bash scripts/serve.sh

test:
	bash scripts/test.sh $(ARGS)

setup:
	bash scripts/setup.sh

load: setup
	$(PYTHON) manage.py load

lint:
	@bash scripts/setup.sh --lint
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	node_modules/.bin/biome check
	node --test tests/js/

# Two web hosts behind nginx, two workers, a primary and a streaming replica, Redis: each in a
# network namespace the test creates and removes (tests/scaleout; needs root and nginx).
test-scaleout: setup
	bash scripts/test.sh -m scaleout tests/scaleout $(ARGS)

test-js:
	@bash scripts/setup.sh --lint
	node --test tests/js/

format:
	@bash scripts/setup.sh --lint
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .
	node_modules/.bin/biome check --write

stop:
	bash scripts/stop.sh

# All of bench/bench_*.py on the loaded data (run `make load` first); BENCH=tiles runs one.
bench: setup
	@set -e; for f in bench/bench_$(or $(BENCH),*).py; do \
		echo "== $$f"; DJANGO_SETTINGS_MODULE=regioatlas.settings.local $(PYTHON) $$f $(ARGS); \
	done

# The production-like server (gunicorn.conf.py, DEBUG off) under a mix driven by wrk at 10, 50
# and 200 connections, and tipg on the same database (needs make load first; ARGS go to the script).
bench-load: setup
	DJANGO_SETTINGS_MODULE=regioatlas.settings.local $(PYTHON) bench/bench_load.py $(ARGS)

# The API under gunicorn on a fuzz database with the real data, fuzzed by schemathesis with all
# checks and phases as a moderator (scripts/fuzz.py; ARGS go to schemathesis).
fuzz:
	@bash scripts/setup.sh --python
	$(PYTHON) scripts/fuzz.py $(ARGS)
