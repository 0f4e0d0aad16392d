"""Security headers and the Content-Security-Policy, on every page the app and the admin serve.

Every named URL is opened (GET) as every role of a school with data of every kind (a released
round with a run, matches, an objection, an import, an own placement), and every admin page
(change list, add, change) as the superuser. Each HTML answer must carry the
Content-Security-Policy without 'unsafe-inline' and the other headers, and contain no inline
script, event-handler attribute, `javascript:` address or style attribute (the policy would
block them; behaviour lives in static/js/ and reads data-* attributes).
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from accounts.models import Role
from accounts.tests.factories import UserFactory
from accounts.tests.test_access import _kwargs
from accounts.tests.urlconf import named_patterns, post_only_url_names

from .two_schools import TwoSchools

# A data block (`json_script`: type="application/json") is never executed: allowed.
INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\b(src=|type=\"application/json\"))[^>]*>", re.I)
HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I)
JS_URL = re.compile(r"""(href|src|action)\s*=\s*["']?\s*javascript:""", re.I)
STYLE_ATTR = re.compile(r"<[a-z][^>]*\sstyle\s*=", re.I)
HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def _directives(header: str) -> dict[str, list[str]]:
    parts = (p.split() for p in header.split(";") if p.strip())
    return {p[0]: p[1:] for p in parts}


def problems_of(url: str, response: Any) -> list[str]:
    """What is wrong with one HTML answer: missing headers or inline behaviour."""
    found = []
    policy = _directives(response.headers.get("Content-Security-Policy", ""))
    if policy.get("script-src") != ["'self'"] or "'unsafe-inline'" in policy.get("style-src", []):
        found.append(f"{url}: script-src/style-src {policy}")
    if policy.get("frame-ancestors") != ["'none'"] or policy.get("object-src") != ["'none'"]:
        found.append(f"{url}: frame-ancestors/object-src {policy}")
    for name, value in HEADERS.items():
        if response.headers.get(name) != value:
            found.append(f"{url}: {name}={response.headers.get(name)}")
    html = response.content.decode()
    for label, pattern in (
        ("inline script", INLINE_SCRIPT),
        ("event handler", HANDLER),
        ("javascript: address", JS_URL),
        ("style attribute", STYLE_ATTR),
    ):
        match = pattern.search(html)
        if match:
            found.append(f"{url}: {label} {match.group(0)[:80]!r}")
    return found


def _is_html(response: Any) -> bool:
    return response.status_code == 200 and response.headers.get("Content-Type", "").startswith(
        "text/html"
    )


@pytest.mark.django_db
def test_every_app_page_has_the_policy_and_no_inline_behaviour(schools: TwoSchools) -> None:
    post_only = post_only_url_names()
    pages = 0
    problems: list[str] = []
    for role in [None, *Role]:
        client = Client()
        if role is not None:
            client.force_login(schools.a_users[role])
        for name, _pattern in named_patterns():
            if name in post_only or name == "accounts:logout":
                continue
            url = reverse(name, kwargs=_kwargs(name, schools.a_objects))
            response = client.get(url)
            if _is_html(response):
                pages += 1
                problems += problems_of(f"{role} {url}", response)
    print(f"\napp: {pages} HTML pages checked")
    assert pages > 40
    assert problems == []


@pytest.mark.django_db
def test_every_admin_page_has_the_policy_and_no_inline_behaviour(schools: TwoSchools) -> None:
    client = Client()
    client.force_login(UserFactory.create(is_superuser=True, institution=None))
    urls = [reverse("admin:index")]
    for model in admin.site._registry:
        info = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        urls += [reverse(f"{info}_changelist"), reverse(f"{info}_add")]
        obj = model._base_manager.order_by("pk").first()
        if obj is not None:
            urls.append(reverse(f"{info}_change", args=[obj.pk]))
    problems: list[str] = []
    pages = 0
    for url in urls:
        response = client.get(url)
        if _is_html(response):
            pages += 1
            problems += problems_of(url, response)
    print(f"\nadmin: {pages} HTML pages checked")
    assert pages > 20
    assert problems == []


def test_production_settings_set_hsts_and_secure_cookies() -> None:
    """Run in a fresh interpreter: settings are read once per process."""
    import os
    import subprocess
    import sys

    env = {
        **os.environ,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "x" * 60,
        "DJANGO_SETTINGS_MODULE": "stagematching.settings",
    }
    code = (
        "from django.conf import settings as s;"
        "print(s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE,"
        " s.SECURE_SSL_REDIRECT, s.CSRF_COOKIE_HTTPONLY, s.SESSION_COOKIE_HTTPONLY)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert out.stdout.split() == ["31536000", "True", "True", "True", "True", "True"]


def test_no_template_or_form_writes_inline_behaviour() -> None:
    """Every template, and every form helper's attributes, read as source: a page that no walk
    reaches (a guardian's link, a button of one phase of a round) is covered too."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    found = []
    for path in sorted(root.glob("**/templates/**/*.html")):
        if ".venv" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        for label, pattern in (
            ("inline script", INLINE_SCRIPT),
            ("event handler", HANDLER),
            ("javascript: address", JS_URL),
            ("style attribute", STYLE_ATTR),
        ):
            found += [f"{path.relative_to(root)}: {label}" for _m in pattern.finditer(text)]
    handler_attr = re.compile(r"""["']on(click|submit|change|input|load)["']\s*:""")
    for path in sorted(root.glob("*/**/*.py")):
        if ".venv" in path.parts or "tests" in path.parts:
            continue
        if handler_attr.search(path.read_text(encoding="utf-8")):
            found.append(f"{path.relative_to(root)}: event handler in form attributes")
    assert found == []
