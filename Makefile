# Stagematching: `make run` serves the demo, `make test` runs the whole suite.
VENV   := .venv
PY     := $(VENV)/bin/python
PORT   ?= 8000
JOBS   ?= auto
# Runtime and development dependencies are locked with hashes (see `make lock`). The stamps
# carry a checksum of the lock files they were installed from, so editing a lock reinstalls.
RUNTIME_STAMP := $(VENV)/.installed-runtime-$(shell cat requirements.txt | sha1sum | cut -c1-12)
DEV_STAMP     := $(VENV)/.installed-dev-$(shell cat requirements.txt requirements-dev.txt | sha1sum | cut -c1-12)
PIP_INSTALL   := $(PY) -m pip install --quiet --require-hashes
PIP_COMPILE   := $(VENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
                 --no-emit-index-url --no-emit-find-links

.PHONY: run test worker lint bench bench-web bench-release prod messages translations venv venv-dev lock

$(VENV)/bin/python:
	python3 -m venv $(VENV)

$(RUNTIME_STAMP): requirements.txt | $(VENV)/bin/python
	$(PIP_INSTALL) -r requirements.txt
	rm -f $(VENV)/.installed-runtime-* && touch $(RUNTIME_STAMP)

# Development tools on top of the runtime lock, in one install so pip checks them together.
$(DEV_STAMP): requirements.txt requirements-dev.txt | $(VENV)/bin/python
	$(PIP_INSTALL) -r requirements.txt -r requirements-dev.txt
	rm -f $(VENV)/.installed-* && touch $(RUNTIME_STAMP) $(DEV_STAMP)

venv: $(RUNTIME_STAMP)

venv-dev: $(DEV_STAMP)

# Recompile both locks from requirements.in / requirements-dev.in (keeps existing pins unless
# an .in file asks otherwise; `make lock UPGRADE=1` moves every package to its newest version).
lock: venv-dev
	$(PIP_COMPILE) $(if $(UPGRADE),--upgrade) -o requirements.txt requirements.in
	$(PIP_COMPILE) $(if $(UPGRADE),--upgrade) -o requirements-dev.txt requirements-dev.in

# Compiling translations needs GNU gettext (msgfmt); install it when it is missing.
messages: venv
	@command -v msgfmt >/dev/null || (apt-get update -qq && apt-get install -y -qq gettext)
	$(PY) manage.py compilemessages --ignore=.venv -v0

# Refresh the English catalogue after changing Dutch texts (locations per file only, so two
# changes elsewhere in a file do not touch the same lines); then fill in the new English texts:
# stagematching/tests/test_translations.py fails on an empty or fuzzy entry.
translations: venv
	@command -v msgfmt >/dev/null || (apt-get update -qq && apt-get install -y -qq gettext)
	$(PY) manage.py makemessages -l en --add-location=file --no-obsolete \
	  --ignore=.venv --ignore=static --ignore=node_modules -v0
	$(PY) manage.py compilemessages --ignore=.venv -v0

# The whole system: web, Celery worker and beat (Procfile.dev, started by honcho; Ctrl+C stops
# all three). Without REDIS_URL the broker is embedded (kombu's filesystem transport under
# .celery/), so scheduled work (release mail, reminders, sweeps) runs as in production.
BROKER_ENV := CELERY_BROKER_URL="$${CELERY_BROKER_URL:-$${REDIS_URL:-filesystem://localhost/}}"
run: messages
	$(PY) manage.py migrate --noinput -v0
	$(PY) manage.py collectstatic --noinput -v0
	$(BROKER_ENV) $(PY) manage.py load_demo --year
	@echo "Stagematching draait op http://127.0.0.1:$(PORT) (stoppen: Ctrl+C)"
	WEB_PORT=$(PORT) $(BROKER_ENV) $(VENV)/bin/honcho -f Procfile.dev start

# Tests run on every core (pytest-xdist: one test database and Celery queue per worker, see
# conftest.py); `make test JOBS=0` runs them in one process.
test: venv-dev messages
	$(PY) -m pytest -n $(JOBS)

# Celery worker with beat; needs REDIS_URL (or CELERY_BROKER_URL) pointing at Redis.
worker: venv
	@test -n "$${REDIS_URL}$${CELERY_BROKER_URL}" || (echo "Set REDIS_URL, e.g. redis://127.0.0.1:6379/0" && exit 1)
	$(VENV)/bin/celery -A stagematching worker --beat --loglevel=INFO

# ruff (format and lint, line length 100), mypy with django-stubs over the whole project
# (mypy.ini), mypy --strict on the engine, and pip-audit over both locks (fails on a known
# vulnerability; warns when its source, PyPI's JSON API, cannot be reached).
lint: venv-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy .
	$(VENV)/bin/mypy --strict --no-warn-unused-configs matching/engine
	$(PY) -m stagematching.dependency_audit requirements.txt requirements-dev.txt

bench: venv
	$(PY) -m matching.engine.bench

# A whole round and every page of every role on a school of N students (default 10,000), on
# the database DATABASE_URL points at (PostgreSQL when set). Prints the table and writes it
# to docs/bench-web.md. `make bench-web N=50000` for a larger school.
N ?= 10000
bench-web: venv-dev
	$(PY) manage.py migrate --noinput -v0
	OPENBLAS_NUM_THREADS=1 $(PY) manage.py bench_web --students $(N) --out docs/bench-web.md

# The release moment: N students (default 1,000) of a released round log in within 2 seconds
# (100 at once), open their result and data download, then 200 company contacts; served by
# the `web:` line of Procfile with production settings through gunicorn on PostgreSQL. Prints
# p50/p95/p99/max per step and writes docs/bench-release.md. SERVER=dir serves another
# checkout (its Procfile and .venv), HASHER=pbkdf2 stores the passwords as before Argon2id.
bench-release: N = 1000
bench-release: venv messages
	@case "$${DATABASE_URL}" in postgres*) ;; *) echo "Set DATABASE_URL=postgres://…" && exit 1;; esac
	$(PY) manage.py migrate --noinput -v0
	OPENBLAS_NUM_THREADS=1 $(PY) manage.py bench_release --students $(N) --port $(PORT) \
	  --hasher $(or $(HASHER),argon2id) --server-dir $(or $(SERVER),.) \
	  $(if $(LABEL),--label "$(LABEL)") --out docs/bench-release.md

# The production processes of `Procfile` (gunicorn web, Celery worker, beat) on this machine,
# with production settings (DJANGO_DEBUG=0) against PostgreSQL and Redis. Needs DATABASE_URL,
# REDIS_URL and DJANGO_SECRET_KEY. Without a TLS proxy in front, HTTPS redirects are off here
# unless DJANGO_SECURE_SSL_REDIRECT=1. Health: http://127.0.0.1:$(PORT)/gezond/
prod: messages
	@case "$${DATABASE_URL}" in postgres*) ;; *) echo "Set DATABASE_URL=postgres://…" && exit 1;; esac
	@test -n "$${REDIS_URL}" || (echo "Set REDIS_URL, e.g. redis://127.0.0.1:6379/0" && exit 1)
	@test -n "$${DJANGO_SECRET_KEY}" || (echo "Set DJANGO_SECRET_KEY (50+ random characters)" && exit 1)
	DJANGO_DEBUG=0 $(PY) manage.py migrate --noinput -v0
	DJANGO_DEBUG=0 $(PY) manage.py collectstatic --noinput -v0
	DJANGO_DEBUG=0 DJANGO_SECURE_SSL_REDIRECT=$${DJANGO_SECURE_SSL_REDIRECT:-0} PORT=$(PORT) \
	  PATH="$(CURDIR)/$(VENV)/bin:$$PATH" $(VENV)/bin/honcho -f Procfile start
