"""Form fields for ids posted by the browser: every id is checked before it reaches a query.

A multi-select posts ids as text. Django's ModelMultipleChoiceField passes them to the
database as they come, and SQLite raises OverflowError on a 20-digit id (a 500 instead of a
form error); a list of 100,000 ids becomes one enormous query. `IdsField` refuses both as a
form error first; every ModelMultipleChoiceField of the project is one (a test walks every
form). `IdField` is the same rule for a single id in a hidden number field.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

# The largest id a BigAutoField holds (PostgreSQL bigint, SQLite INTEGER).
MAX_ID = 2**63 - 1
# More choices than any list in the app offers (places are picked a few at a time).
MAX_IDS = 1000
_DIGITS = re.compile(r"[0-9]{1,19}")


def is_id(value: object) -> bool:
    """True for a positive whole number (as text or int) that fits in a database id."""
    text = str(value).strip()
    return bool(_DIGITS.fullmatch(text)) and 0 < int(text) <= MAX_ID


class IdsField(forms.ModelMultipleChoiceField):
    default_error_messages = {
        "too_many": _("Kies hoogstens %(max)s opties."),
    }

    def __init__(self, queryset: Any = None, *, max_ids: int = MAX_IDS, **kwargs: Any) -> None:
        super().__init__(queryset, **kwargs)
        self.max_ids = max_ids

    def clean(self, value: Any) -> Any:
        """Count and shape of the ids first; then Django's own checks and its one query."""
        values = self.prepare_value(value)
        if isinstance(values, (list, tuple)) and self.queryset is not None:
            if len(values) > self.max_ids:
                raise ValidationError(
                    self.error_messages["too_many"], code="too_many", params={"max": self.max_ids}
                )
            model = self.queryset.model
            key = model._meta.get_field(self.to_field_name) if self.to_field_name else None
            if isinstance(key or model._meta.pk, models.IntegerField):
                for pk in values:
                    if pk not in self.empty_values and not is_id(pk):
                        raise ValidationError(
                            self.error_messages["invalid_choice"],
                            code="invalid_choice",
                            params={"value": str(pk)[:20]},
                        )
        return super().clean(value)


class IdField(forms.IntegerField):
    """One id in a (hidden) number field: a positive whole number within the id range."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(**kwargs)


# A date a person means lies in these years (a birth date included); year 1 or 9999 is a typo
# or an attack, and near those ends date arithmetic and time-zone conversion overflow (a 500).
YEARS = (1900, 2200)


def validate_year(value: dt.date) -> None:
    if not YEARS[0] <= value.year <= YEARS[1]:
        raise ValidationError(
            _("Vul een datum tussen %(first)s en %(last)s in."),
            code="year",
            params={"first": YEARS[0], "last": YEARS[1]},
        )


class DateField(forms.DateField):
    """A date within `YEARS`; every date field of the project is one (the form walk checks)."""

    default_validators = [validate_year]


class DateTimeField(forms.DateTimeField):
    """A moment within `YEARS`; every date-time field of the project is one."""

    default_validators = [validate_year]


def posted_text(data: Mapping[str, Any], name: str, *, max_length: int = 2000) -> str:
    """A free text a view reads from POST without a form, checked as a form's text field
    would be: stripped, no NUL byte, at most `max_length` characters. Raises ValidationError
    with the field's Dutch message, which the view shows like a service's refusal."""
    field = forms.CharField(max_length=max_length, required=False)
    value: str = field.clean(data.get(name, ""))
    return value
