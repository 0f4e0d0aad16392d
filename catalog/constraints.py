"""Database checks for ranges, date order and required text, each with its Dutch message.

The same rule is checked first where a user can break it: a model field's min/max validators
(`between_validators`) become its form field's limits, `clean_period` and the forms' own
`clean` check the order of dates, and `full_clean` (model forms and services) runs these
checks too, with their `violation_error_message`. The database refuses whatever comes past
all that (the admin, a shell, a bug) with an IntegrityError instead of storing it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

Number = int | float
# The years a cohort or a school year may be (a four-digit typo such as 20026 is refused).
COHORTS = (2000, 2100)


def between_validators(low: Number, high: Number) -> list[MinValueValidator | MaxValueValidator]:
    return [MinValueValidator(low), MaxValueValidator(high)]


def between(
    field: str, low: Number, high: Number, *, label: StrOrPromise, name: str, null: bool = False
) -> models.CheckConstraint:
    """`field` lies from `low` to `high` inclusive (or is empty, with `null`)."""
    condition = models.Q(**{f"{field}__gte": low, f"{field}__lte": high})
    if null:
        condition |= models.Q(**{f"{field}__isnull": True})
    message = format_lazy(
        _("{label} moet van {low} tot en met {high} zijn."), label=label, low=low, high=high
    )
    return models.CheckConstraint(condition=condition, name=name, violation_error_message=message)


def at_least(field: str, low: Number, *, label: StrOrPromise, name: str) -> models.CheckConstraint:
    message = format_lazy(_("{label} moet minstens {low} zijn."), label=label, low=low)
    return models.CheckConstraint(
        condition=models.Q(**{f"{field}__gte": low}), name=name, violation_error_message=message
    )


def filled(field: str, *, label: StrOrPromise, name: str) -> models.CheckConstraint:
    """A required text is not empty (Django stores a missing text as '', not NULL)."""
    message = format_lazy(_("{label} mag niet leeg zijn."), label=label)
    return models.CheckConstraint(
        condition=~models.Q(**{field: ""}), name=name, violation_error_message=message
    )


def in_order(
    first: str, then: str, *, name: str, message: StrOrPromise, strict: bool = False
) -> models.CheckConstraint:
    """`then` is not before `first` (after it, with `strict`); either may be empty."""
    lookup = "gt" if strict else "gte"
    condition = (
        models.Q(**{f"{first}__isnull": True})
        | models.Q(**{f"{then}__isnull": True})
        | models.Q(**{f"{then}__{lookup}": models.F(first)})
    )
    return models.CheckConstraint(condition=condition, name=name, violation_error_message=message)
