"""The one rule about periods: an end date never lies before its start date.

Offers, learning profiles and own placements all have a period; their forms call
`clean_period` and their tables carry the same rule as a check constraint.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

PERIOD_ORDER_MESSAGE = _("De einddatum ligt voor de begindatum.")


def period_in_order(start: dt.date | None, end: dt.date | None) -> bool:
    """True unless both dates are given and the end lies before the start."""
    return start is None or end is None or end >= start


def clean_period(form: forms.BaseForm, data: dict[str, Any], start: str, end: str) -> None:
    """Add the period-order error to the form's `end` field when the dates are out of order."""
    if not period_in_order(data.get(start), data.get(end)):
        form.add_error(end, PERIOD_ORDER_MESSAGE)
