# Stagematching: `make run` serves the demo, `make test` runs the whole suite.
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-$(shell sha1sum requirements.txt | cut -c1-12)

.PHONY: run test worker lint bench messages venv

$(STAMP): requirements.txt
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	rm -f $(VENV)/.installed-* && touch $(STAMP)

venv: $(STAMP)

# Compiling translations needs GNU gettext (msgfmt); install it when it is missing.
messages: venv
	@command -v msgfmt >/dev/null || (apt-get update -qq && apt-get install -y -qq gettext)
	$(PY) manage.py compilemessages --ignore=.venv -v0

run: messages
	$(PY) manage.py migrate --noinput -v0
	$(PY) manage.py collectstatic --noinput -v0
	$(PY) manage.py load_demo
	@echo "Stagematching draait op http://127.0.0.1:8000 (stoppen: Ctrl+C)"
	$(PY) manage.py runserver 127.0.0.1:8000

test: messages
	$(PY) -m pytest

# Celery worker with beat; needs REDIS_URL (or CELERY_BROKER_URL) pointing at Redis.
worker: venv
	@test -n "$${REDIS_URL}$${CELERY_BROKER_URL}" || (echo "Set REDIS_URL, e.g. redis://127.0.0.1:6379/0" && exit 1)
	$(VENV)/bin/celery -A stagematching worker --beat --loglevel=INFO

# ruff (format and lint, line length 100), mypy with django-stubs over the whole project
# (mypy.ini), and mypy --strict on the engine.
lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy .
	$(VENV)/bin/mypy --strict --no-warn-unused-configs matching/engine

bench: venv
	$(PY) -m matching.engine.bench
