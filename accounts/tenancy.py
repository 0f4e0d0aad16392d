"""Tenancy: one school never sees another, by construction.

Every model that holds school data has a scoped default manager (`school_manager`; the scope
itself is django-scopes' `scope`/`scopes_disabled`, as in pretix): its queries are filtered to
the institution in the active scope, and outside any scope they raise `ScopeError` instead of
returning every school's rows. The manager is ours rather than django-scopes' `ScopedManager`
because that one lets `exists()` and `exclude()` run unscoped outside a scope and breaks
model forms defined at import time; ours refuses every query and rebuilds a form's choices in
the request's scope. Forward relations (`match.offer`) use Django's plain base manager: the
object you start from is already yours.

Where a scope comes from:
- a request: `TenancyMiddleware`, from the logged-in user's institution (a real superuser
  works unscoped; an anonymous request has no institution, so a public page that shows school
  data enters the scope of the institution in its address itself, see `school_scope`);
- a Celery task: `school_scope_of(Model, pk)`, from the task's own object; a periodic task
  over all schools loops with `each_school()`;
- management commands, migrations and the superuser: `scopes_disabled()`, only there, each
  with a comment saying why.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import TYPE_CHECKING, Any, TypeVar

from django.db import models
from django.http import HttpRequest, HttpResponse
from django_scopes import ScopeError, get_scope, scope, scopes_disabled

if TYPE_CHECKING:
    from .models import Institution


__all__ = [
    "ScopeError",
    "TenancyMiddleware",
    "each_school",
    "get_scope",
    "is_school_model",
    "school_manager",
    "school_of",
    "school_path",
    "school_scope",
    "claimable",
    "school_scope_of",
    "scopes_disabled",
]

DIMENSION = "institution"
_M = TypeVar("_M", bound=models.Model)


class OutOfScope(models.QuerySet[Any]):
    """What a school model's manager gives outside a scope: running it, chaining a filter on
    it or using it in another query raises ScopeError. Only `all()`, `using()` and `none()`
    work, so a form can be defined at import time: `all()` asks the manager again, and a form
    built in a request (which copies its choices with `all()`) gets the request's scope."""

    def _refuse(self, *args: Any, **kwargs: Any) -> Any:
        raise ScopeError(
            f"{self.model.__name__} holds school data: a query needs a school in scope "
            "(see accounts.tenancy)."
        )

    _chain = _fetch_all = iterator = count = exists = aggregate = _refuse
    update = _update = delete = _raw_delete = contains = explain = resolve_expression = _refuse

    def all(self) -> Any:
        return self.model._default_manager.db_manager(self.db).get_queryset()

    def using(self, alias: str | None) -> Any:
        return self.model._default_manager.db_manager(alias).get_queryset()

    def none(self) -> Any:
        return models.QuerySet(self.model, using=self.db).none()

    def __repr__(self) -> str:
        return f"<OutOfScope {self.model.__name__}>"


class SchoolManager(models.Manager[Any]):
    """Filters to the institution in scope; `school_path` leads from the model to it."""

    school_path = ""

    def get_queryset(self) -> Any:
        current = get_scope()
        if not current.get("_enabled", True):
            return super().get_queryset()
        institution = current.get(DIMENSION)
        if institution is None:
            return OutOfScope(self.model, using=self._db)
        return super().get_queryset().filter(**{self.school_path: institution})


def school_manager(path: str) -> Any:
    """The default manager of a model holding school data; `path` leads to its institution
    (e.g. `"programme__institution"`). Queries outside a scope raise ScopeError."""
    # A class per path: Django builds related managers by subclassing the default manager's
    # class and calls them without arguments.
    manager_class = type("SchoolManager", (SchoolManager,), {"school_path": path})
    return manager_class()


def school_path(model: type[models.Model]) -> str | None:
    """The lookup path from `model` to its institution, or None for shared data."""
    return getattr(model._default_manager, "school_path", None)


def is_school_model(model: type[models.Model]) -> bool:
    return school_path(model) is not None


def school_scope(institution: models.Model | int) -> AbstractContextManager[None]:
    """Queries inside see only `institution`'s data."""
    pk = institution.pk if isinstance(institution, models.Model) else institution
    if pk is None:
        raise ValueError("a school scope needs an institution")
    return scope(**{DIMENSION: pk})


def school_of(model: type[models.Model], pk: object) -> int | None:
    """The institution id of one row (None when the row does not exist)."""
    path = school_path(model)
    if path is None:
        raise ValueError(f"{model.__name__} holds no school data")
    # Unscoped on purpose: this finds out which school a task's object belongs to, and reads
    # nothing but that id.
    with scopes_disabled():
        return model._default_manager.filter(pk=pk).values_list(path, flat=True).first()


@contextmanager
def school_scope_of(model: type[models.Model], pk: object) -> Iterator[None]:
    """The scope of the school that row `pk` of `model` belongs to (for Celery tasks). A row
    that no longer exists gives a scope without a school: its queries find nothing or raise."""
    institution_id = school_of(model, pk)
    with scope(**({DIMENSION: institution_id} if institution_id is not None else {})):
        yield


def each_school() -> Iterator[Institution]:
    """Every institution in turn, with its scope active while the caller's loop body runs
    (periodic tasks that work for all schools)."""
    from .models import Institution

    for institution in Institution.objects.order_by("pk"):
        with school_scope(institution):
            yield institution


def scope_for(user: object) -> AbstractContextManager[None]:
    """The scope of a request by `user`."""
    from .models import User

    if isinstance(user, User) and user.is_active:
        if user.is_superuser:
            # The platform superuser (createsuperuser) works across schools by design.
            return scopes_disabled()
        if user.institution_id is not None:
            return school_scope(user.institution_id)
    # Anonymous (or no school): no institution in scope, so any query of school data raises.
    return scope()


class TenancyMiddleware:
    """Runs every request in the scope of the logged-in user's institution."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with scope_for(getattr(request, "user", None)):
            return self.get_response(request)


def in_current_scope(iterator: Iterator[_M] | Iterator[Any]) -> Iterator[Any]:
    """Keep the scope of the code that built `iterator` while it is consumed later (a
    streaming response is iterated after the middleware has left the request's scope)."""
    captured = dict(get_scope())

    def run() -> Iterator[Any]:
        with scope(**captured):
            yield from iterator

    return run()


M = TypeVar("M", bound=models.Model)


def claimable(model: type[M]) -> models.QuerySet[M]:
    """The model's rows without the school filter, for a conditional update by primary key of
    rows a scoped query (or the task's own scope) already found: a claim such as
    `claimable(Run).filter(pk=…, status=QUEUED).update(status=RUNNING)`.

    Under a scope Django writes that update as `id IN (SELECT … JOIN institution …)`, and
    PostgreSQL does not re-check such a subquery after waiting for another transaction's row
    lock: two workers would both win the claim (measured on the outbox: 383 of 983 release
    mails sent twice by two workers). Without the join it is a plain `UPDATE … WHERE id = …
    AND status = …`, re-checked under the lock, which exactly one worker wins."""
    return model._base_manager.all()
