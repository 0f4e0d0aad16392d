"""Dates and times as a reader says them: "zondag 6 december 2026 om 10:00" (English:
"Sunday 6 December 2026 at 10:00"), never "6-12-2026 10:00"."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils.formats import date_format
from django.utils.translation import gettext

register = template.Library()


@register.filter(expects_localtime=True)
def moment(value: dt.datetime | None, weekday: str = "") -> str:
    """A date with its time in words; `|moment:"dag"` adds the day of the week."""
    if not value:
        return ""
    day = date_format(value, "l j F Y" if weekday else "j F Y")
    # Translators: a date and a time, e.g. "6 december 2026 om 10:00".
    return gettext("%(date)s om %(time)s") % {"date": day, "time": date_format(value, "H:i")}
