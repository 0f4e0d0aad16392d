"""One school never sees another: every URL of the app and the admin, as every role of school
B (and anonymously), with the object ids of school A. A 200 on an address that names an
object of school A, a 5xx anywhere, a page of school B that shows school A's marker, or any
change to school A's rows fails the walk. The figures are printed (run with -s to see them).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import get_resolver, reverse

from accounts.models import Role
from accounts.tests.test_access import EXPECTED, PUBLIC, _kwargs
from accounts.tests.urlconf import named_patterns, post_only_url_names

from .two_schools import MARKER, TwoSchools, fingerprint

ROLES: list[Role | None] = [None, *Role]


def _clients(schools: TwoSchools) -> dict[Role | None, Client]:
    clients = {}
    for role in ROLES:
        client = Client()
        if role is not None:
            client.force_login(schools.b_users[role])
        clients[role] = client
    return clients


def _relogin(client: Client, role: Role | None, schools: TwoSchools) -> None:
    if role is not None and not client.session.get("_auth_user_id"):
        client.force_login(schools.b_users[role])


class Walk:
    def __init__(self) -> None:
        self.tried = 0
        self.unexpected: list[tuple[str, str, Role | None, int]] = []

    def check(self, method: str, url: str, role: Role | None, response: Any, names_a: bool) -> None:
        self.tried += 1
        status = response.status_code
        body = response.getvalue()  # a streamed download is read whole
        leaked = status == 200 and MARKER.encode() in body
        if status >= 500 or (names_a and status == 200) or leaked:
            self.unexpected.append((method, url, role, status))


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["get", "post"])
def test_app_urls_refuse_school_a_to_every_role_of_school_b(
    schools: TwoSchools, method: str
) -> None:
    before = fingerprint(schools.a)
    post_only = post_only_url_names() | {"set_language"}
    walk = Walk()
    clients = _clients(schools)
    for name, _pattern in named_patterns(get_resolver()):
        if EXPECTED[name] == PUBLIC:
            continue  # public pages (login, the transparency page by slug) are public by design
        if method == "get" and name in post_only:
            continue  # answers 405 to GET (tested for every one in test_access)
        kwargs = _kwargs(name, schools.a_objects)
        url = reverse(name, kwargs=kwargs)
        for role, client in clients.items():
            _relogin(client, role, schools)
            response = getattr(client, method)(url)
            walk.check(method.upper(), url, role, response, names_a="pk" in kwargs)
    print(f"\napp {method.upper()}: {walk.tried} requests, {len(walk.unexpected)} unexpected")
    assert walk.unexpected == []
    assert fingerprint(schools.a) == before


def _admin_urls(schools: TwoSchools) -> Iterator[tuple[str, str, dict[str, str], bool]]:
    """(method, url, POST data, names an object of school A) for every registered ModelAdmin:
    change list, add, change, delete, history, password, and every action on A's row."""
    for model, model_admin in admin.site._registry.items():
        info = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        obj = _object_of_a(model, schools)
        yield "GET", reverse(f"{info}_changelist"), {}, False
        yield "GET", reverse(f"{info}_add"), {}, False
        yield "POST", reverse(f"{info}_add"), {}, False
        if obj is None:
            continue  # shared reference data (places, electives): no school owns it
        pk = str(obj.pk)
        for view in ("change", "delete", "history"):
            yield "GET", reverse(f"{info}_{view}", args=[pk]), {}, True
        yield "POST", reverse(f"{info}_change", args=[pk]), {}, True
        yield "POST", reverse(f"{info}_delete", args=[pk]), {"post": "yes"}, True
        if model._meta.model_name == "user":
            url = reverse("admin:auth_user_password_change", args=[pk])
            yield "GET", url, {}, True
            data = {"password1": "Nieuw-wachtwoord-93", "password2": "Nieuw-wachtwoord-93"}
            yield "POST", url, data, True
        for action in model_admin.get_actions(_fake_superuser_request()):
            # An action on a row the admin cannot see acts on nothing and shows their own
            # change list again: the walk requires the row untouched and its marker absent.
            data = {"action": action, "_selected_action": pk, "post": "yes"}
            yield "POST", reverse(f"{info}_changelist"), data, False


def _object_of_a(model: Any, schools: TwoSchools) -> Any:
    from accounts.models import Institution, User
    from accounts.tenancy import school_path

    if model is Institution:
        return schools.a
    if model is User:
        return schools.a_users[Role.STUDENT]
    path = school_path(model)
    if path is None:
        return None
    return model._base_manager.filter(**{path: schools.a.pk}).order_by("pk").first()


def _fake_superuser_request() -> Any:
    from django.test import RequestFactory

    from accounts.models import User

    request = RequestFactory().get("/")
    request.user = User(is_superuser=True, is_active=True, email="x@example.nl")
    return request


@pytest.mark.django_db
def test_admin_urls_refuse_school_a_to_every_role_of_school_b(schools: TwoSchools) -> None:
    before = fingerprint(schools.a)
    walk = Walk()
    clients = _clients(schools)
    for method, url, data, names_a in _admin_urls(schools):
        for role, client in clients.items():
            _relogin(client, role, schools)
            if method == "GET":
                response = client.get(url)
            else:
                response = client.post(url, data)
            walk.check(method, url, role, response, names_a)
    print(f"\nadmin: {walk.tried} requests, {len(walk.unexpected)} unexpected")
    print(*walk.unexpected, sep="\n")
    assert walk.unexpected == []
    assert fingerprint(schools.a) == before
