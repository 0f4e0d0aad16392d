"""Accessibility gate: axe-core on every page each role can reach, at desktop and phone width.

The demo school is loaded, each role logs in and follows every link of its own part of the
site (one visit per named URL, GET only), and axe-core (vendored next to this file, never
fetched) checks each page at 1280 px and 375 px against WCAG 2.1 A/AA. Any serious or critical
violation fails the test, with the page, the rule and the element.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.urls import Resolver404, resolve
from playwright._impl._api_structures import SetCookieParam
from playwright.sync_api import Browser, Page
from playwright.sync_api import Error as PlaywrightError

from accounts.models import User

AXE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text()
WIDTHS = {"desktop": (1280, 900), "phone": (375, 740)}
# Links the crawl does not follow: files, another site, and Django's own admin (its templates
# are Django's; the gate covers the pages this project writes).
SKIP_PREFIXES = ("/static/", "/media/", "/i18n/")
SKIP_NAMES = {"accounts:logout", "set_language"}
BLOCKING = {"serious", "critical"}

# The demo logins (demo/school.py) and the pages each role must reach at least: the crawl
# fails when one of them is no longer linked from the role's own pages.
ROLES: dict[str, tuple[str | None, set[str]]] = {
    "anoniem": (None, {"accounts:login", "accounts:password-reset"}),
    "coordinator": (
        "coordinator@demo.stagematching.nl",
        {
            "matching:dashboard",
            "students:staff-list",
            "companies:staff-list",
            "cockpit:dashboard",
            "cockpit:planning",
            "cockpit:charts",
            "cockpit:stagepact",
            "cockpit:exports",
            "matching:round-detail",
            "followup:list",
        },
    ),
    "slb": ("slb1@demo.stagematching.nl", {"students:staff-list"}),
    "zorg": ("zorg@demo.stagematching.nl", {"students:staff-list"}),
    "beheer": ("beheer@demo.stagematching.nl", {"programmes:list"}),
    # Placed in the demo year: the form is frozen, the result and the placement are there.
    "student": ("student001@demo.stagematching.nl", {"students:home", "matching:result"}),
    "bedrijf": (
        "bedrijf001@demo.stagematching.nl",
        {"companies:home", "companies:agreement", "matching:company-results"},
    ),
}
MAX_PAGES = 60


def _url_name(path: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.view_name


def _same_site_links(page: Page, base: str) -> list[str]:
    hrefs: list[str] = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
    host = urlsplit(base).netloc
    paths = []
    for href in hrefs:
        parts = urlsplit(href)
        if parts.netloc != host or parts.path.startswith(SKIP_PREFIXES):
            continue
        if "formaat=" in parts.query or parts.path.endswith((".csv", ".xlsx", ".pdf", ".json")):
            continue
        paths.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return paths


def _axe(page: Page) -> list[dict[str, Any]]:
    page.add_script_tag(content=AXE)
    result: dict[str, Any] = page.evaluate(
        """() => axe.run(document, {runOnly: {type: 'tag',
             values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"""
    )
    return [v for v in result["violations"] if v["impact"] in BLOCKING]


def _login_cookie(email: str, base: str) -> SetCookieParam:
    client = Client()
    client.force_login(User.objects.get(email=email))
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    return {"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": base}


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("role", list(ROLES))
def test_every_reachable_page_passes_axe(role: str, browser: Browser, live_server: Any) -> None:
    # The demo year: a released round with placements in every state, so the pages after the
    # release (results, placements, re-placement, follow-up) are crawled too.
    call_command("load_demo", "--year", stdout=open("/dev/null", "w"))  # noqa: SIM115
    email, must_reach = ROLES[role]
    base = live_server.url
    context = browser.new_context(bypass_csp=True, locale="nl-NL")
    if email:
        context.add_cookies([_login_cookie(email, base)])
    page = context.new_page()
    queue, seen, problems = ["/"], set[str](), list[str]()
    if email is None:
        queue += ["/account/inloggen/", "/account/wachtwoord/vergeten/"]
    while queue and len(seen) < MAX_PAGES:
        path = queue.pop(0)
        name = _url_name(path.split("?")[0])
        if name is None or name in seen or name in SKIP_NAMES or name.startswith("admin:"):
            continue
        try:
            response = page.goto(base + path)
        except PlaywrightError:  # a download (the student's own data as a file), not a page
            continue
        if (
            response is None
            or response.status != 200
            or "text/html" not in (response.headers.get("content-type", ""))
        ):
            continue
        seen.add(name)
        for width_name, (w, h) in WIDTHS.items():
            page.set_viewport_size({"width": w, "height": h})
            for v in _axe(page):
                targets = [" ".join(n["target"]) for n in v["nodes"][:3]]
                problems.append(f"{name} [{width_name}] {v['id']} ({v['impact']}): {targets}")
        queue += _same_site_links(page, base)
    context.close()
    print(f"\n{role}: {len(seen)} pages checked at {len(WIDTHS)} widths: {sorted(seen)}")
    assert must_reach <= seen, f"not reached from {role}'s pages: {must_reach - seen}"
    assert problems == [], "\n".join(problems)
