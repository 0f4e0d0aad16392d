from __future__ import annotations

from django.core.wsgi import get_wsgi_application

from stagematching.warmup import warm_up


def test_the_warm_up_renders_the_login_page_without_the_database() -> None:
    # No django_db mark: a query would raise inside the warm-up and it would report 0.
    assert warm_up(get_wsgi_application()) == 200
