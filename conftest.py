"""Shared fixtures: fast hashing, eager tasks for unit tests, users per role, a browser."""

from __future__ import annotations

import inspect
import os
import shutil
from collections.abc import Generator, Iterator
from typing import Any

import pytest
from django.conf import settings
from django.utils import translation
from django_scopes import scopes_disabled

from stagematching.celery import app as celery_app

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


def pytest_configure(config: pytest.Config) -> None:
    # `make test` runs the suite on every core (pytest-xdist); each worker (gw0, gw1, ...) has
    # its own test database, so it gets its own Celery queue too: a real worker started by an
    # integration test then only takes the tasks its own process sent, never another
    # worker's (whose rows it could not see), nor tasks of a development worker on the same Redis.
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    celery_app.conf.task_default_queue = f"stagematching-test-{worker}"


# Tenancy (accounts.tenancy): the test code itself builds and inspects data of several schools,
# so it runs unscoped; every request it makes and every task it runs enters its own scope
# (middleware, task), so the code under test is scoped exactly as in production.
@pytest.hookimpl(wrapper=True)
def pytest_fixture_setup(fixturedef: Any, request: pytest.FixtureRequest) -> Generator[None]:
    # A generator fixture that enters a scope itself must keep it past its yield: leave those.
    if inspect.isgeneratorfunction(fixturedef.func):
        return (yield)
    with scopes_disabled():
        return (yield)


@pytest.fixture(autouse=True)
def _unscoped_test_code() -> Iterator[None]:
    with scopes_disabled():
        yield


@pytest.fixture(autouse=True)
def _fast_hasher(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _dutch_after_each_test() -> Iterator[None]:
    """A request that switches to English leaves that language active in the thread: every
    test starts and ends in the site's language, whatever ran before it."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _eager_tasks(request: pytest.FixtureRequest) -> Iterator[None]:
    """Unit tests run tasks in-process; tests marked `integration` use a real worker."""
    if request.node.get_closest_marker("integration"):
        yield
        return
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous


@pytest.fixture
def celery_worker_real(transactional_db: None) -> Iterator[Any]:
    """A real Celery worker (thread) consuming from the configured broker (Redis in CI)."""
    if not settings.CELERY_BROKER_URL:
        pytest.skip("no CELERY_BROKER_URL: the integration tests need Redis and a worker")
    from celery.contrib.testing.worker import start_worker

    celery_app.conf.task_always_eager = False
    with start_worker(celery_app, perform_ping_check=False, pool="solo", loglevel="WARNING") as w:
        yield w


@pytest.fixture(scope="session")
def browser_type_launch_args() -> dict[str, Any]:
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        pytest.skip(f"no Chromium at {CHROMIUM}: install Debian's chromium to run browser tests")
    # Playwright's sync API runs an event loop in this thread; Django's ORM calls from the
    # test body are still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    return {
        "executable_path": CHROMIUM,
        "headless": True,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture
def page(page: Any) -> Iterator[Any]:
    """Playwright's page, failing the test when the browser reports a Content-Security-Policy
    violation or a script error on any page it opened. A test that injects its own script
    uses a context with `bypass_csp=True` instead."""
    from stagematching.tests.csp import watch

    problems = watch(page)
    yield page
    assert problems == [], problems
