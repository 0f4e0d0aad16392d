"""What the cockpit's views share: the school year asked for in the address."""

from __future__ import annotations

from django.http import HttpRequest

from cockpit.models import current_school_year

FIRST_YEAR, LAST_YEAR = 2020, 2100


def year_of(request: HttpRequest) -> int:
    """`?jaar=2026` (the school year 2026-2027); the current school year otherwise."""
    raw = request.GET.get("jaar", "")
    if raw.isdigit() and FIRST_YEAR <= int(raw) <= LAST_YEAR:
        return int(raw)
    return current_school_year()


def year_choices(year: int) -> list[tuple[int, str]]:
    now = current_school_year()
    years = sorted({*range(now - 3, now + 2), year})
    return [(y, f"{y}-{y + 1}") for y in years]
