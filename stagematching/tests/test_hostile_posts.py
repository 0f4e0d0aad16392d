"""The hostile values of the form walk, posted to every endpoint of the app by a role that
may use it (school A's own users on school A's own objects, so the forms are really processed;
public pages anonymously). Each address gets the fields of the forms the app's pages post to
it, and every name a view reads from POST itself, all holding the value at once. No response
may be a 5xx or raise, and afterwards no row may hold what a form should have refused: an
oversized text, a NUL byte, a number beyond 32 bits or a date outside 1900-2200. The figures
are printed (run with -s to see them)."""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.db import models
from django.test import Client
from django.urls import get_resolver, reverse

from accounts.models import Role
from accounts.tests.test_access import EXPECTED, PUBLIC, _kwargs
from accounts.tests.urlconf import named_patterns

from .hostile import APPS, VALUES
from .two_schools import TwoSchools

ROOT = Path(__file__).resolve().parents[2]
# Staff roles of school A that own its objects, and the student and company contact.
ROLES = [Role.COORDINATOR, Role.REVIEWER, Role.CARE_COORDINATOR, Role.STUDENT, Role.COMPANY_CONTACT]
# The values that reach a view differently from the form walk: too long, too large, NUL,
# a formula, a date before any time zone, ids that are no ids.
WALKED = {
    "100.000 tekens",
    "20 cijfers",
    "negatief",
    "negatief 20 cijfers",
    "NUL-byte",
    "formule",
    "datum jaar 1",
    "lege lijst-waarde",
}
POSTED = [v for v in VALUES if v[0] in WALKED]
# The longest text any form accepts (a new version of the stagematching agreement).
LONGEST_TEXT = 20_000


class FormNames(HTMLParser):
    """The field names of each POST form on a page, by the address the form posts to."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.page = page
        self.action: str | None = None
        self.found: dict[str, set[str]] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "form":
            post = (a.get("method") or "").lower() == "post"
            self.action = urlsplit(a.get("action") or self.page).path if post else None
        elif tag in ("input", "select", "textarea", "button") and self.action and a.get("name"):
            self.found.setdefault(self.action, set()).add(a["name"] or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.action = None


def read_by_views() -> set[str]:
    """Names views read from POST themselves, outside a form."""
    read = re.compile(r"POST\.(?:get|getlist)\(\s*f?\"([a-z_]+)")
    names: set[str] = set()
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "tests" not in path.parts:
                names |= set(read.findall(path.read_text()))
    return names | {f"rank_{i}" for i in range(1, 6)}


def role_for(name: str) -> Role | None:
    """The role that may use the page (anonymous for a public one)."""
    allowed = EXPECTED[name]
    if allowed == PUBLIC:
        return None
    return next(role for role in [*ROLES, Role.INSTITUTION_ADMIN] if role in allowed)


def payload(names: set[str], value: Any) -> dict[str, Any]:
    """`value` in every name, kept under Django's request limits (2.5 MB, 1,000 fields) so
    the forms really read it: a long text is cut to what fits, still far over any limit."""
    if isinstance(value, str) and len(value) > 1000:
        value = value[: 2_000_000 // max(len(names), 1)]
    if isinstance(value, list):
        value = value[: max(1, 900 // max(len(names), 1))]
    return {n: value for n in names if n != "csrfmiddlewaretoken"}


def stored_hostile() -> list[str]:
    """Rows of our apps holding a value no form should have accepted (read in Python: a NUL
    byte cannot be searched for with LIKE on SQLite)."""
    found = []
    for model in apps.get_models():
        if model._meta.app_label not in APPS:
            continue
        fields = [
            f.name
            for f in model._meta.concrete_fields
            if not f.is_relation
            and not f.primary_key
            and not isinstance(f, models.BigIntegerField)  # random seeds and sort keys
        ]
        for row in model._base_manager.values_list("pk", *fields):
            for name, value in zip(fields, row[1:], strict=True):
                if unstorable(value):
                    found.append(f"{model._meta.label}#{row[0]}.{name}")
    return found


def unstorable(value: object) -> bool:
    if isinstance(value, str):
        return len(value) > LONGEST_TEXT or "\x00" in value  # digits are fine in a text
    if isinstance(value, dt.date):
        return not 1900 <= value.year <= 2200
    if isinstance(value, int) and not isinstance(value, bool):
        return not -(2**31) < value < 2**31
    return False


@pytest.mark.django_db
def test_hostile_values_posted_to_every_endpoint_give_no_5xx_and_store_nothing(
    schools: TwoSchools,
) -> None:
    endpoints = [
        (name, reverse(name, kwargs=_kwargs(name, schools.a_objects)), role_for(name))
        for name, _pattern in named_patterns(get_resolver())
    ]
    clients: dict[Role | None, Client] = {role: Client() for role in [None, *ROLES]}
    clients[Role.INSTITUTION_ADMIN] = Client()

    def client_of(role: Role | None) -> Client:
        client = clients[role]
        if role is not None and not client.session.get("_auth_user_id"):
            client.force_login(schools.a_users[role])
        return client

    forms_at: dict[str, set[str]] = {}
    for _name, url, role in endpoints:
        response = client_of(role).get(url)
        if response.status_code == 200 and "html" in response.get("Content-Type", ""):
            parser = FormNames(url)
            parser.feed(response.content.decode())
            for action, names in parser.found.items():
                forms_at.setdefault(action, set()).update(names)
    by_views = read_by_views()
    tried = 0
    failures: list[str] = []
    for name, url, role in endpoints:
        names = forms_at.get(url, set()) | by_views
        for label, value in POSTED:
            tried += 1
            try:
                response = client_of(role).post(url, payload(names, value))
            except Exception as exc:  # the walk reports it; a view may never raise
                failures.append(f"{name} {role} {label}: {type(exc).__name__}: {exc}"[:200])
                continue
            if response.status_code >= 500:
                failures.append(f"{name} {role} {label}: {response.status_code}")
    stored = stored_hostile()
    print(
        f"\nhostile posts: {len(endpoints)} endpoints ({len(forms_at)} with a form found on a "
        f"page), {tried} requests, {len(failures)} failures, {len(stored)} hostile values stored"
    )
    print(*failures, *stored, sep="\n")
    assert failures == []
    assert stored == []
