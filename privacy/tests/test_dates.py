from __future__ import annotations

import datetime as dt

from privacy.dates import add_months, cutoff, deadline_after, school_year_end


def test_months_clip_to_the_last_day() -> None:
    assert add_months(dt.date(2027, 1, 31), 1) == dt.date(2027, 2, 28)
    assert add_months(dt.date(2027, 3, 31), -13) == dt.date(2026, 2, 28)


def test_school_years_end_on_31_july() -> None:
    assert school_year_end(dt.date(2027, 6, 30)) == dt.date(2027, 7, 31)
    assert school_year_end(dt.date(2027, 8, 1)) == dt.date(2028, 7, 31)


def test_a_placement_ending_in_june_keeps_its_profile_one_more_school_year() -> None:
    # Kept until 31 July 2028 (the end of the school year after the placement's).
    assert cutoff("profile_school_years", 1, dt.date(2028, 7, 31)) < dt.date(2027, 6, 30)
    assert cutoff("profile_school_years", 1, dt.date(2028, 8, 1)) >= dt.date(2027, 6, 30)


def test_a_request_is_due_one_calendar_month_later() -> None:
    filed = dt.datetime(2027, 1, 31, 10, tzinfo=dt.UTC)
    assert deadline_after(filed, 1) == dt.datetime(2027, 2, 28, 10, tzinfo=dt.UTC)
