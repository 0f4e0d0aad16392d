"""Role-based access: every view declares the roles it is for; anything else is refused.

`RoleAccessMiddleware` refuses (403) any view that declares no roles and is not public
(`login_not_required`), so a view someone forgets to protect is closed, not open.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.views.decorators.http import require_POST

from .models import STAFF_ROLES, Institution, Role, User

View = Callable[..., HttpResponseBase]

ALL_ROLES = frozenset(Role)
COORDINATION_ROLES = frozenset({Role.COORDINATOR, Role.INSTITUTION_ADMIN})


def allow_roles(*roles: Role | Iterable[Role]) -> Callable[[View], View]:
    """Let only logged-in users with one of `roles` reach the view."""
    allowed: set[Role] = set()
    for role in roles:
        if isinstance(role, Role):
            allowed.add(role)
        else:
            allowed.update(role)

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if getattr(request.user, "role", None) not in allowed:
                raise PermissionDenied
            return view(request, *args, **kwargs)

        setattr(wrapped, "allowed_roles", frozenset(allowed))  # noqa: B010  (a marker attribute)
        return wrapped

    return decorator


def post_only(view: View) -> View:
    """`require_POST` (405 to any other method) plus a marker, so a test can find every
    POST-only view from the URL conf and check that each answers 405 to GET."""
    wrapped = require_POST(view)
    setattr(wrapped, "post_only", True)  # noqa: B010  (a marker attribute)
    return wrapped


def user_of(request: HttpRequest) -> User:
    """The logged-in user of a view behind `allow_roles`, which guarantees there is one."""
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied
    return user


def institution_of(request: HttpRequest) -> Institution:
    """The institution of the logged-in staff member or company contact."""
    institution = user_of(request).institution
    if institution is None:
        raise PermissionDenied
    return institution


staff_only = allow_roles(STAFF_ROLES)
coordinators_only = allow_roles(COORDINATION_ROLES)


class RoleAccessMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: View, args: Any, kwargs: Any
    ) -> HttpResponse | None:
        if not getattr(view_func, "login_required", True):
            return None  # public page (login, password reset, transparency page, …)
        match = request.resolver_match
        if match is not None and "admin" in match.namespaces:
            return None  # the Django admin checks is_staff and permissions itself
        if not request.user.is_authenticated:
            return None  # LoginRequiredMiddleware sends them to the login page
        if getattr(view_func, "allowed_roles", None) is None:
            raise PermissionDenied
        return None
