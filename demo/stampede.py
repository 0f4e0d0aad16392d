"""The release moment as a crowd of browsers: the HTTP client of `make bench-release`.

Every visitor is a fresh browser (own connection, own cookies) run by a pool of threads
(the concurrency); visitor i arrives `i * spread / n` seconds after the start, so n visitors
arrive within `spread` seconds and at most `concurrency` are served at once. Standard library
only (http.client): the benchmark needs no package the site does not need.
"""

from __future__ import annotations

import http.client
import math
import re
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from urllib.parse import urlencode, urlsplit

CSRF_FIELD = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


class VisitError(Exception):
    """A visit went wrong: a refused request, an unexpected status or page."""


@dataclass
class Server:
    host: str
    port: int
    # With the production settings over plain HTTP (DJANGO_INSECURE_LOCAL_HTTP=1) the site
    # is addressed as http://. Without it the client says it came through a TLS proxy
    # (X-Forwarded-Proto: https), as a proxy in front of production would.
    behind_tls_proxy: bool = False

    @property
    def origin(self) -> str:
        scheme = "https" if self.behind_tls_proxy else "http"
        return f"{scheme}://{self.host}:{self.port}"


class Browser:
    """One person's browser: its own connection and cookies (the Secure flag is ignored: the
    TLS proxy that would honour it is simulated by the header)."""

    def __init__(self, server: Server, timeout: float = 300.0) -> None:
        self.server = server
        self.cookies: dict[str, str] = {}
        self.conn = http.client.HTTPConnection(server.host, server.port, timeout=timeout)

    def close(self) -> None:
        self.conn.close()

    def request(
        self, method: str, path: str, form: dict[str, str] | None = None
    ) -> tuple[int, str, bytes]:
        headers = {"Host": f"{self.server.host}:{self.server.port}", "Connection": "keep-alive"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if self.server.behind_tls_proxy:
            headers["X-Forwarded-Proto"] = "https"
        body = None
        if form is not None:
            body = urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = self.server.origin
            headers["Referer"] = self.server.origin + path
        self.conn.request(method, path, body=body, headers=headers)
        response = self.conn.getresponse()
        content = response.read()
        for cookie in response.headers.get_all("Set-Cookie") or []:
            name, _eq, rest = cookie.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        location = response.headers.get("Location", "")
        return response.status, urlsplit(location).path + _query(location), content


def _query(location: str) -> str:
    query = urlsplit(location).query
    return f"?{query}" if query else ""


@dataclass
class Timings:
    """Latency per step, errors, and per visitor the moment its goal was reached."""

    steps: dict[str, list[float]] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)
    done_at: list[float] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, step: str, seconds: float) -> None:
        with self.lock:
            self.steps.setdefault(step, []).append(seconds)

    def error(self, kind: str) -> None:
        with self.lock:
            self.errors[kind] = self.errors.get(kind, 0) + 1

    def done(self, at: float) -> None:
        with self.lock:
            self.done_at.append(at)


class Visit:
    """What a visitor does; `step` times one request under a name."""

    def __init__(self, browser: Browser, timings: Timings) -> None:
        self.browser = browser
        self.timings = timings

    def step(
        self, name: str, method: str, path: str, form: dict[str, str] | None = None
    ) -> tuple[int, str, bytes]:
        start = time.perf_counter()
        status, location, body = self.browser.request(method, path, form)
        self.timings.add(name, time.perf_counter() - start)
        return status, location, body

    def log_in(self, start_path: str, email: str, password: str) -> str:
        """Open the link from the e-mail, get sent to the login page, log in; returns where
        the login sent the browser (the page the link pointed at)."""
        status, login_path, _ = self.step("link from the e-mail", "GET", start_path)
        if status != 302 or not login_path:
            raise VisitError(f"link: {status}")
        status, _, page = self.step("login page", "GET", login_path)
        token = CSRF_FIELD.search(page)
        if status != 200 or token is None:
            raise VisitError(f"login page: {status}")
        form = {
            "username": email,
            "password": password,
            "csrfmiddlewaretoken": token.group(1).decode(),
        }
        status, landed, _ = self.step("login (password check)", "POST", login_path, form)
        if status != 302:
            raise VisitError(f"login: {status}")
        return landed


def stampede(
    server: Server,
    visitors: list[Callable[[Visit], float]],
    *,
    spread: float,
    concurrency: int,
) -> tuple[Timings, float]:
    """Run every visitor, arriving evenly within `spread` seconds, `concurrency` at once.
    A visitor returns the moment (perf_counter) it reached its goal. Returns the timings and
    the start moment."""
    timings = Timings()
    start = time.perf_counter()
    n = max(1, len(visitors))

    def run(i: int, visitor: Callable[[Visit], float]) -> None:
        delay = start + i * spread / n - time.perf_counter()
        if delay > 0:
            time.sleep(delay)
        browser = Browser(server)
        try:
            timings.done(visitor(Visit(browser, timings)) - start)
        except VisitError as exc:
            timings.error(str(exc))
        except (OSError, http.client.HTTPException) as exc:
            timings.error(type(exc).__name__)
        finally:
            browser.close()

    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        for future in [pool.submit(run, i, v) for i, v in enumerate(visitors)]:
            future.result()
    return timings, start


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100); 0.0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, min(len(ordered), math.ceil(p / 100 * len(ordered))))
    return ordered[rank - 1]
