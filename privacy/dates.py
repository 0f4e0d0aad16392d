"""Calendar arithmetic for the terms: months and school years (1 August – 31 July)."""

from __future__ import annotations

import calendar
import datetime as dt

from .kinds import KIND_BY_KEY, Unit


def add_months(day: dt.date, months: int) -> dt.date:
    """`day` moved by `months` (negative: back), clipped to the month's last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def school_year_end(day: dt.date) -> dt.date:
    """31 July ending the school year that `day` falls in."""
    return dt.date(day.year + (1 if day.month >= 8 else 0), 7, 31)


def cutoff(key: str, amount: int, today: dt.date) -> dt.date:
    """The last start date whose term has passed on `today` for kind `key` at `amount`: data
    whose term starts on or before it is due. For school years: data of a placement that
    ended in school year Y is kept until the end of school year Y + amount."""
    unit = KIND_BY_KEY[key].unit
    if unit == Unit.DAYS:
        return today - dt.timedelta(days=amount + 1)
    if unit == Unit.MONTHS:
        return add_months(today, -amount) - dt.timedelta(days=1)
    if unit == Unit.YEARS:
        return add_months(today, -12 * amount) - dt.timedelta(days=1)
    # School years: the current school year ends on school_year_end(today); the years that
    # have fully ended `amount` years before it are due.
    current = school_year_end(today)
    return dt.date(current.year - amount - 1, 7, 31)


def deadline_after(moment: dt.datetime, months: int) -> dt.datetime:
    day = add_months(moment.date(), months)
    return moment.replace(year=day.year, month=day.month, day=day.day)
