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

.PHONY: run test venv install install-dev migrate demo serve lint messages clean

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

serve: install
	@echo "Shiraka on http://$(HOST):$(PORT)/  (admin: http://$(HOST):$(PORT)/admin/)"
	$(VPY) manage.py runserver $(HOST):$(PORT)

run: demo serve

test: install-dev
	$(VPY) -m pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

lint: install-dev
	$(VPY) -m ruff check .
	$(VPY) -m ruff format --check .
	$(VPY) manage.py makemigrations --check --dry-run

messages: install-dev
	$(VPY) manage.py makemessages -l fr -l ar -l en --no-obsolete --ignore=.venv --ignore=staticfiles --ignore=tests --ignore=test-artifacts
	$(VPY) manage.py compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
