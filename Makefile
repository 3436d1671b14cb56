# Shiraka — two commands for a newcomer: `make run` and `make test`.
# Python 3.12+ is needed (Django 6). PYTHON from the environment wins; else the
# first of python3.13, python3.12, python3 that runs and is >= 3.12; else the
# newest >= 3.12 under ~/.pyenv/versions.

SHELL := /bin/bash
VENV := .venv
VPY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
# Test processes (pytest-xdist); each has its own test database.
TEST_WORKERS ?= 2

define FIND_PYTHON
ok() { "$$1" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' >/dev/null 2>&1; }; \
if [ -n "$$PYTHON" ]; then ok "$$PYTHON" && { echo "$$PYTHON"; exit 0; }; echo "PYTHON=$$PYTHON is not a working Python 3.12+" >&2; exit 1; fi; \
for c in python3.13 python3.12 python3; do p=$$(command -v $$c 2>/dev/null) && ok "$$p" && { echo "$$p"; exit 0; }; done; \
for p in $$(ls -d $$HOME/.pyenv/versions/3.* 2>/dev/null | sort -t. -k2,2n -r); do ok "$$p/bin/python3" && { echo "$$p/bin/python3"; exit 0; }; done; \
echo "No Python 3.12 or newer found. Install one (e.g. apt-get install python3.12, or pyenv install 3.12), or set PYTHON=/path/to/python3.12." >&2; exit 1
endef
export FIND_PYTHON

.PHONY: run test chromium venv install install-dev migrate demo dev-server serve-env serve lint messages clean reliability

$(VENV)/.created:
	@py=$$(bash -c "$$FIND_PYTHON") || exit 1; \
	echo "Using $$py ($$($$py --version))"; \
	$$py -m venv $(VENV) && $(VPY) -m pip install --quiet --upgrade pip && touch $@

$(VENV)/.installed: requirements.txt $(VENV)/.created
	$(VPY) -m pip install --quiet -r requirements.txt && touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt $(VENV)/.created
	$(VPY) -m pip install --quiet -r requirements-dev.txt && touch $@ $(VENV)/.installed

venv: $(VENV)/.created
install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

migrate: install
	$(VPY) manage.py migrate --no-input

demo: migrate
	$(VPY) manage.py load_demo
	$(VPY) manage.py ensure_demo_admin

# Django's development server, as `make run` uses it (development settings).
dev-server: install
	@echo "Shiraka on http://$(HOST):$(PORT)/  (admin: http://$(HOST):$(PORT)/admin/)"
	$(VPY) manage.py runserver $(HOST):$(PORT)

run: demo dev-server

# The production profile on this host (docs/deploy.md): SECRET_KEY and
# DATABASE_URL from the environment (REDIS_URL, DATABASE_REPLICA_URL,
# AWS_STORAGE_BUCKET_NAME… optional), static files collected, migrations
# applied (unless MIGRATE=0), then gunicorn. gthread workers: a worker's heartbeat runs beside its
# requests, so --timeout only recycles a worker that stopped answering, never
# a long streamed response (the whole-register export) or a slow client;
# --graceful-timeout is what a deploy or restart leaves in-flight requests;
# --keep-alive outlasts the balancer's idle timeout (60 s on most) so the
# balancer never reuses a connection gunicorn is closing.
WEB_CONCURRENCY ?= $(shell echo $$(( 2 * $$(nproc 2>/dev/null || echo 1) + 1 )))
GUNICORN_THREADS ?= 4
# MIGRATE=0 on the hosts of a fleet: migrations are the release step's, run once.
MIGRATE ?= 1
serve-env:
	@test -n "$$SECRET_KEY" || { echo "make serve: set SECRET_KEY (a long random string) in the environment." >&2; exit 1; }
	@test -n "$$DATABASE_URL" || { echo "make serve: set DATABASE_URL (postgres://user:pass@host:5432/name) in the environment." >&2; exit 1; }

serve: serve-env install
	@export DJANGO_SETTINGS_MODULE=config.settings.production ALLOWED_HOSTS="$${ALLOWED_HOSTS:-$(HOST)}" && \
	$(VPY) manage.py collectstatic --no-input --verbosity 0 && \
	{ [ "$(MIGRATE)" = 0 ] || $(VPY) manage.py migrate --no-input; } && \
	echo "Shiraka (production profile) on http://$(HOST):$(PORT)/ with $(WEB_CONCURRENCY) workers x $(GUNICORN_THREADS) threads" && \
	exec $(VENV)/bin/gunicorn config.wsgi --bind $(HOST):$(PORT) \
		--workers $(WEB_CONCURRENCY) --worker-class gthread --threads $(GUNICORN_THREADS) \
		--timeout 30 --graceful-timeout 60 --keep-alive 75 --access-logfile - --error-logfile -

# The browser tests (tests/browser/) drive Debian's Chromium, never a
# downloaded build. Missing: installed here when apt-get can run (root, as
# .ci/run does); elsewhere `make test` stops at once with the one command to
# run. SHIRAKA_CHROMIUM points at another Chromium. `make run` needs none.
CHROMIUM_AT ?= /usr/bin/chromium
define ENSURE_CHROMIUM
if [ -n "$$SHIRAKA_CHROMIUM" ]; then [ -x "$$SHIRAKA_CHROMIUM" ] && exit 0; echo "SHIRAKA_CHROMIUM=$$SHIRAKA_CHROMIUM is not an executable." >&2; exit 1; fi; \
if command -v chromium >/dev/null 2>&1 || [ -x "$(CHROMIUM_AT)" ]; then exit 0; fi; \
if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	echo "Chromium is missing: installing Debian's package for the browser tests (apt-get install -y chromium)."; \
	apt-get update -qq && apt-get install -y -qq chromium >/dev/null && command -v chromium >/dev/null 2>&1 && exit 0; \
	echo "apt-get could not install chromium." >&2; exit 1; \
fi; \
if command -v apt-get >/dev/null 2>&1; then cmd="sudo apt-get install -y chromium"; else cmd="install Chromium with your system's package manager, or set SHIRAKA_CHROMIUM=/path/to/chromium"; fi; \
echo "The browser tests need Chromium, which is not installed. Run: $$cmd" >&2; exit 1
endef
export ENSURE_CHROMIUM

chromium:
	@bash -c "$$ENSURE_CHROMIUM"

test: install-dev chromium
	$(VPY) -m pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

# The probes (tests/probes/: canary drafts, the authorisation matrix…), one
# process so their counts add up, then docs/reliability.md from those counts,
# written even when a probe fails (with its failures; the target still fails).
# CI runs it on PostgreSQL (DATABASE_URL).
reliability: install-dev
	$(VPY) -m pytest -n 0 -q tests/probes $(PYTEST_ARGS); status=$$?; \
	$(VPY) tests/probes/report.py && exit $$status

lint: install-dev
	$(VPY) -m ruff check .
	$(VPY) -m ruff format --check .
	$(VENV)/bin/lint-imports
	$(VPY) manage.py makemigrations --check --dry-run

messages: install-dev
	$(VPY) manage.py makemessages -l fr -l ar -l en --no-obsolete --ignore=.venv --ignore=staticfiles --ignore=tests --ignore=test-artifacts
	$(VPY) manage.py compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) staticfiles .pytest_cache

# Load benchmark (bench/run.py, docs/benchmarks.md): gunicorn with the
# production profile against seeded registers (kept in bench/data/), wrk in
# rounds interleaved with /healthz, beside the naive register of bench/naive/.
# Needs wrk (apt-get install wrk), PostgreSQL on 127.0.0.1:5432 and Redis.
BENCH_SIZES ?= 1000,10000,100000
BENCH_DATABASES ?= sqlite,postgresql
BENCH_ROUNDS ?= 3
.PHONY: bench bench-smoke
bench: install
	$(VPY) bench/run.py --sizes $(BENCH_SIZES) --databases $(BENCH_DATABASES) --rounds $(BENCH_ROUNDS)

# CI's short version: PostgreSQL and Redis, 1000 and 4000 conventions, one
# round; fails when a page's ratio to the floor grows by more than 1.5x.
bench-smoke: install
	$(VPY) bench/run.py --smoke

# The article assistant on the annotated articles (docs/extraction.md): the
# command reads each dev article (its text, publication date and language)
# into a temporary directory, then the project's scorer compares.
EXTRACTION_DIR ?= ../shared/extraction
UNSEEN_DIR := assistant/evaluation/unseen
# $(call score-articles,ARTICLES_DIR): the command over each annotated article
# (its text, published and language), then score.py against the same folder.
define score-articles
	@set -e; out=$$(mktemp -d); trap 'rm -rf "$$out"' EXIT; \
	for article in "$(1)"/*.json; do \
		name=$$(basename "$$article"); \
		$(VPY) -c 'import json,sys; d=json.load(open(sys.argv[1])); open(sys.argv[2],"w").write(d["text"]); print((d.get("published") or "-") + " " + (d.get("language") or "-"))' "$$article" "$$out/$$name.txt" > "$$out/$$name.meta"; \
		read published language < "$$out/$$name.meta" || true; \
		[ "$$published" = - ] && published=; [ "$$language" = - ] && language=; \
		$(VPY) manage.py extract_convention --text-file "$$out/$$name.txt" $${published:+--published $$published} $${language:+--language $$language} --json > "$$out/$$name"; \
		rm "$$out/$$name.txt" "$$out/$$name.meta"; \
	done; \
	$(VPY) "$(EXTRACTION_DIR)/score.py" "$$out" "$(1)"
endef
.PHONY: extract-eval extract-eval-unseen
extract-eval:
	@test -d "$(EXTRACTION_DIR)/dev" && test -f "$(EXTRACTION_DIR)/score.py" || { echo "make extract-eval: no annotated articles in $(EXTRACTION_DIR) (dev/ and score.py); set EXTRACTION_DIR=/path/to/extraction." >&2; exit 1; }
	@echo "== dev: the five seeds ($(EXTRACTION_DIR)/dev)"
	$(call score-articles,$(EXTRACTION_DIR)/dev)
	@echo "== unseen: twelve synthetic articles ($(UNSEEN_DIR))"
	$(call score-articles,$(UNSEEN_DIR))

# The second set alone (the scorer still comes from $(EXTRACTION_DIR)).
extract-eval-unseen:
	@test -f "$(EXTRACTION_DIR)/score.py" || { echo "make extract-eval-unseen: no score.py in $(EXTRACTION_DIR); set EXTRACTION_DIR=/path/to/extraction." >&2; exit 1; }
	$(call score-articles,$(UNSEEN_DIR))
