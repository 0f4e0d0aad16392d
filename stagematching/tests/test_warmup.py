from __future__ import annotations

from django.core.wsgi import get_wsgi_application
from django.db import connection
from django.test.utils import CaptureQueriesContext

from stagematching.warmup import warm_up


def test_the_warm_up_renders_the_login_page_without_the_database(django_db_blocker) -> None:
    # The database may be reached (a connection an earlier test left open is checked when a
    # request starts), but the warm-up sends it no query: it runs before any worker has one.
    with django_db_blocker.unblock(), CaptureQueriesContext(connection) as queries:
        assert warm_up(get_wsgi_application()) == 200
    assert [q["sql"] for q in queries] == []
