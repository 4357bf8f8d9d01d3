# Remiss: `make run` serves the demo, `make test` runs the suite on PostgreSQL.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

DEV_ENV := DEBUG=1
TEST_DB ?= postgres://postgres@127.0.0.1:5432/remiss
TEST_ENV := DEBUG=0 SECRET_KEY=test-secret-key-not-for-production SECURE_SSL_REDIRECT=0 \
	ALLOWED_HOSTS=testserver,127.0.0.1,localhost REMISS_VAR_DIR=$(CURDIR)/var/test \
	STATICFILES_BACKEND=django.contrib.staticfiles.storage.StaticFilesStorage \
	HOME=$(CURDIR)/var/test/home TMPDIR=$(CURDIR)/var/test/tmp

.PHONY: run test lint bench install system-packages clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -c constraints.txt -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

system-packages:
	@bash .ci/ensure-system-packages.sh runtime

run: system-packages install
	@mkdir -p var/broker/queue var/broker/processed var/media var/mail
	$(DEV_ENV) $(BIN)/python manage.py migrate --noinput
	$(DEV_ENV) $(BIN)/python manage.py seed_demo
	@echo "Remiss: http://127.0.0.1:8000 (demo users in README.md, password remiss-demo). Ctrl-C stops all."
	@set -m; trap 'kill -TERM $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(DEV_ENV) $(BIN)/celery -A remiss worker -B --loglevel=INFO --concurrency=2 \
		--schedule=var/celerybeat-schedule & worker=$$!; \
	$(DEV_ENV) $(BIN)/python manage.py runserver 127.0.0.1:8000

lint: install
	$(BIN)/ruff check .

test: install
	@bash .ci/ensure-system-packages.sh test
	@bash .ci/ensure-redis.sh
	@mkdir -p var/test/home var/test/tmp
	@set -euo pipefail; url="$$(DATABASE_URL=$(TEST_DB) bash .ci/ensure-postgres.sh)"; \
	$(BIN)/ruff check .; \
	$(TEST_ENV) DATABASE_URL=$$url $(BIN)/python -m pytest $(PYTEST_ARGS)

bench: install
	@bash .ci/ensure-system-packages.sh test
	@command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
		apt-get install -y -qq --no-install-recommends wrk; }
	@set -euo pipefail; url="$$(DATABASE_URL=postgres://postgres@127.0.0.1:5432/remiss_bench bash .ci/ensure-postgres.sh)"; \
	DATABASE_URL=$$url $(BIN)/python bench/run.py

clean:
	rm -rf var/test var/staticfiles
