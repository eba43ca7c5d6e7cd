# Two commands matter: `make run` and `make test`. See README.md.
SHELL := /bin/bash
.DEFAULT_GOAL := run

VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

# Django 6 needs Python 3.12+. Take the first interpreter that runs and is new enough:
# python3.13, python3.12, then pyenv's installs (their shims fail when the version is not active).
PYTHON_FOR_VENV := $(shell for p in python3.13 python3.12 python3 $$(ls -d $${PYENV_ROOT:-$$HOME/.pyenv}/versions/3.1[23]*/bin/python3 2>/dev/null | sort -r); do \
	$$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1 && { command -v $$p; break; }; done)

.PHONY: setup run dev test lint messages migrate demo bench backup restore clean

$(VENV)/.installed: requirements.txt requirements-dev.txt
	@if [ -z "$(PYTHON_FOR_VENV)" ]; then echo "Python 3.12 or newer is needed (Django 6): install python3.12 or python3.13 and run make again." >&2; exit 1; fi
	@[ -x $(PY) ] || $(PYTHON_FOR_VENV) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $@

setup: $(VENV)/.installed messages

# Compiled catalogues are built, never committed.
messages: $(VENV)/.installed
	@if compgen -G "locale/*/LC_MESSAGES/*.po" >/dev/null; then \
		$(PY) manage.py compilemessages --ignore=.venv -v 0 2>/dev/null || $(PY) -c "import sys; sys.exit('compilemessages failed: is gettext installed? (apt-get install gettext)')"; fi

migrate: setup
	$(PY) manage.py migrate --no-input -v 0

demo: migrate
	$(PY) manage.py load_demo

run: demo
	$(PY) manage.py collectstatic --no-input -v 0
	DEBUG=$${DEBUG:-1} $(VENV)/bin/gunicorn portal.wsgi:application --bind $(HOST):$(PORT) --workers $${WEB_CONCURRENCY:-2} --access-logfile -

dev: demo
	$(PY) manage.py runserver $(HOST):$(PORT)

test: setup
	$(PY) -m pytest $(PYTEST_ARGS)

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# Operating the portal (README): a backup folder under backups/, restored into an empty database.
backup: setup
	$(PY) manage.py backup

restore: setup
	@if [ -z "$(FILE)" ]; then echo "Say which backup: make restore FILE=backups/<timestamp>" >&2; exit 2; fi
	$(PY) manage.py restore "$(FILE)"

bench: setup
	$(PY) bench/run.py --agreements $${N:-100000}

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
