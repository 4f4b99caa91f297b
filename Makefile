# Werkplaats — the two commands a newcomer needs are `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
# The test suite talks to real servers on this machine.
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/werkplaats
TEST_REDIS_URL ?= redis://127.0.0.1:6379/0
export TEST_ENV = DATABASE_URL=$(TEST_DATABASE_URL) REDIS_URL=$(TEST_REDIS_URL) \
	WERKPLAATS_TESTING=1 CELERY_TASK_ALWAYS_EAGER=1 DEBUG=1

.PHONY: run test venv worker beat check-deploy bench lint format messages lock services browser clean

$(VENV)/.installed: requirements-dev.lock
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --require-hashes -r requirements-dev.lock
	@touch $@

venv: $(VENV)/.installed

# DEBUG is off unless asked for; the local targets ask for it (an exported DEBUG wins).
run worker beat: export DEBUG ?= 1

run: venv
	$(PY) manage.py migrate --noinput
	$(PY) manage.py demo_laden
	@echo "Serving the national portal on http://localhost:$(PORT)/ and each demo werkplaats at its own host:"
	@echo "  http://zhz.localhost:$(PORT)/  http://nijmegen.localhost:$(PORT)/  http://utrecht.localhost:$(PORT)/"
	@echo "The scheduled jobs (reminders, evaluation requests, outbox retries, retention) run in the same process and mail is printed here."
	$(PY) manage.py serveer $(HOST):$(PORT)

worker: venv
	$(VENV)/bin/celery -A werkplaats worker --loglevel=INFO

beat: venv
	$(VENV)/bin/celery -A werkplaats beat --loglevel=INFO --schedule=$(VENV)/celerybeat-schedule

services:
	@scripts/ensure-services.sh

browser:
	@scripts/ensure-browser.sh

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

test: venv services browser node_modules/.installed
	$(TEST_ENV) $(PY) -m pytest $(PYTEST_ARGS)

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

format: venv
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

check-deploy: venv
	DEBUG=0 SECRET_KEY=check-deploy-$$RANDOM-$$RANDOM-$$RANDOM-$$RANDOM-$$RANDOM-$$RANDOM-long-enough \
	ALLOWED_HOSTS=werkplaats.example CSRF_TRUSTED_ORIGINS=https://werkplaats.example \
	$(PY) manage.py check --deploy --fail-level WARNING

messages: venv
	$(PY) scripts/messages.py

lock: venv
	$(VENV)/bin/uv pip compile pyproject.toml --generate-hashes --python-version 3.11 -q -o requirements.lock
	$(VENV)/bin/uv pip compile pyproject.toml --extra dev --generate-hashes --python-version 3.11 -q -o requirements-dev.lock

# Benchmarks: `make bench` runs all, `make bench B=B1` one. Results in bench/results/.
B ?= all
bench: venv services
	@scripts/ensure-bench-tools.sh
	$(PY) -m bench.run $(B)

clean:
	rm -rf $(VENV) node_modules staticfiles db.sqlite3 db.sqlite3-wal db.sqlite3-shm
