"""A worker's first request is not slow: the login page is rendered once at startup.

The first request of a fresh process loads the URL configuration, compiles the templates,
reads the translation catalogues and the static manifest: about 1.8 s on this machine, which
a student at the release moment would wait for. With gunicorn's `--preload` (Procfile) the
application, and with it this warm-up, is loaded once in the master process, and every worker
it forks (also those that replace a worker after --max-requests) starts warm.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.db import connections
from django.urls import reverse

log = logging.getLogger(__name__)

WsgiApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


def _host() -> str:
    named = [h for h in settings.ALLOWED_HOSTS if h and "*" not in h and not h.startswith(".")]
    return named[0] if named else "localhost"


def warm_up(application: WsgiApp) -> int:
    """GET the login page through the whole stack (middleware, URLs, templates, translations)
    as an HTTPS request; returns the status code, 0 when it failed (startup goes on: a cold
    first request is slow, not wrong). Any database connection it opened is closed, so no
    forked worker shares one."""
    status: list[str] = []
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": reverse("accounts:login"),
        "QUERY_STRING": "",
        "SERVER_NAME": _host(),
        "SERVER_PORT": "443",
        "HTTP_HOST": _host(),
        "HTTP_X_FORWARDED_PROTO": "https",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.url_scheme": "https",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": io.StringIO(),
        "wsgi.version": (1, 0),
        "wsgi.multithread": True,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    try:
        body = application(environ, lambda s, _headers, *_exc: status.append(s))
        for _chunk in body:
            pass
        close = getattr(body, "close", None)
        if close is not None:
            close()
    except Exception:  # a failed warm-up must never stop the site from starting
        log.warning("warm-up request failed; the first request will be slower", exc_info=True)
        return 0
    finally:
        connections.close_all()
    return int(status[0].split()[0]) if status else 0
