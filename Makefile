# Remiss: `make run` serves the demo, `make test` runs the suite on PostgreSQL.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

DEV_ENV := DEBUG=1
TEST_DB ?= postgres://postgres@127.0.0.1:5432/remiss
# Several runs side by side (make test-anyday, other checkouts) need their own folder,
# database and Redis database: TEST_VAR, TEST_DB and TEST_REDIS_DB.
TEST_VAR ?= $(CURDIR)/var/test
TEST_REDIS_DB ?= 5
# Hypothesis: derandomized in make test ("ci"); make fuzz searches at random ("fuzz").
HYPOTHESIS_PROFILE ?= ci
# 1: the browser tests refresh the README's pictures in docs/screenshots.
UPDATE_DOC_SCREENSHOTS ?= 0
TEST_ENV = DEBUG=0 SECRET_KEY=test-secret-key-not-for-production SECURE_SSL_REDIRECT=0 \
	ALLOWED_HOSTS=testserver,127.0.0.1,localhost REMISS_VAR_DIR=$(TEST_VAR) \
	STATICFILES_BACKEND=django.contrib.staticfiles.storage.StaticFilesStorage \
	HOME=$(TEST_VAR)/home TMPDIR=$(TEST_VAR)/tmp TEST_REDIS_DB=$(TEST_REDIS_DB) \
	HYPOTHESIS_PROFILE=$(HYPOTHESIS_PROFILE) UPDATE_DOC_SCREENSHOTS=$(UPDATE_DOC_SCREENSHOTS)

.PHONY: run test test-anyday fuzz lint bench install system-packages clean import-accuracy

# eark-validator (tests only) pins lxml==5.1.0, which pyHanko (lxml>=5.4) excludes: it is
# installed without dependencies and runs on lxml 6; its others are in the dev extra.
$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -c constraints.txt -e ".[dev]"
	$(BIN)/pip install -q --no-deps eark-validator==1.1.3
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
	@mkdir -p $(TEST_VAR)/home $(TEST_VAR)/tmp
	@set -euo pipefail; url="$$(DATABASE_URL=$(TEST_DB) bash .ci/ensure-postgres.sh)"; \
	$(BIN)/ruff check .; \
	$(TEST_ENV) DATABASE_URL=$$url $(BIN)/python -m pytest $(PYTEST_ARGS); \
	if [[ -z "$(PYTEST_ARGS)" || "$(PYTEST_ARGS)" == *search* ]]; then \
		$(TEST_ENV) DATABASE_URL=sqlite:///$(TEST_VAR)/search.sqlite3 \
			$(BIN)/python -m pytest -q $(SQLITE_TESTS); fi

# The search tests again on SQLite (FTS5): the same query table must pass on both.
SQLITE_TESTS ?= tests/slk/test_search.py tests/slk/test_search_snippets.py \
	tests/slk/test_search_query_table.py tests/slk/test_search_sqlite.py

# The whole suite as if it were 200 days later in the morning (June, midsommar; an answer
# stamped later today is still in the future) and 400 days later in the afternoon (December,
# jul and nyår): tests/clock/sitecustomize.py moves every process's clock by the same amount.
SHIFT_A ?= 200
SHIFT_A_AT ?= 07:30
SHIFT_B ?= 400
SHIFT_B_AT ?= 15:30
test-anyday: install
	PYTHONPATH=$(CURDIR)/tests/clock \
	REMISS_CLOCK_SHIFT_SECONDS=$$($(PYTHON) tests/clock/shift.py $(SHIFT_A) $(SHIFT_A_AT)) \
		$(MAKE) test TEST_VAR=$(CURDIR)/var/test-200 TEST_DB=$(TEST_DB)_d200 TEST_REDIS_DB=6
	PYTHONPATH=$(CURDIR)/tests/clock \
	REMISS_CLOCK_SHIFT_SECONDS=$$($(PYTHON) tests/clock/shift.py $(SHIFT_B) $(SHIFT_B_AT)) \
		$(MAKE) test TEST_VAR=$(CURDIR)/var/test-400 TEST_DB=$(TEST_DB)_d400 TEST_REDIS_DB=7

# Property tests with new random examples and ten times as many: for developers, not CI.
fuzz: install
	$(MAKE) test HYPOTHESIS_PROFILE=fuzz PYTEST_ARGS="$${PYTEST_ARGS:-tests/importer/test_properties.py tests/security/test_hostile_input.py}"

# The importer's generated corpus, every variant in every format, with the per-field table.
import-accuracy: install
	IMPORT_CORPUS=full $(MAKE) test PYTEST_ARGS="-q -s tests/importer/test_corpus.py"

bench: install
	@bash .ci/ensure-system-packages.sh test
	@command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
		apt-get install -y -qq --no-install-recommends wrk; }
	@set -euo pipefail; url="$$(DATABASE_URL=postgres://postgres@127.0.0.1:5432/remiss_bench bash .ci/ensure-postgres.sh)"; \
	DATABASE_URL=$$url $(BIN)/python bench/run.py

clean:
	rm -rf var/test var/test-200 var/test-400 var/staticfiles
