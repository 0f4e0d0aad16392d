"""Reads of the planning: a school year's steps and what is late."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db.models import QuerySet
from django.utils import timezone

from cockpit.models import PlanningStep, StepKind, school_year_of

# A step due on a day is due at the end of that day, Dutch time ("uiterlijk op 15 januari").
END_OF_DAY = dt.time(23, 59)


def end_of(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, END_OF_DAY, tzinfo=timezone.get_current_timezone())


def intake_closes_at(
    institution_id: int, programme_ids: list[int], now: dt.datetime
) -> dt.datetime | None:
    """The one rule for intake dates (registered in `students.portal`): the intake of a
    programme closes at the end of the day of its "leerwensformulier sluit" step in the
    school year of `now`; the programme's own step comes before one for the whole school. For
    several programmes (a round) the latest of their dates, so nobody's form closes early.
    None: no date planned (the form stays open)."""
    year = school_year_of(timezone.localdate(now))
    rows = PlanningStep.objects.filter(
        institution=institution_id, school_year=year, kind=StepKind.INTAKE_CLOSE
    ).values_list("programme_id", "due_on")
    dates = dict(rows)
    found = [dates.get(pid, dates.get(None)) for pid in programme_ids]
    known = [d for d in found if d is not None]
    return end_of(max(known)) if known else None


def steps_of(institution_id: int, year: int) -> QuerySet[PlanningStep]:
    return (
        PlanningStep.objects.filter(institution=institution_id, school_year=year)
        .select_related("programme", "owner")
        .order_by("due_on", "programme__name", "kind")
    )


def overdue_steps(institution_id: int, today: dt.date | None = None) -> QuerySet[PlanningStep]:
    """Steps of any year whose date has passed and that nobody marked done."""
    return (
        PlanningStep.objects.filter(
            institution=institution_id,
            done_on__isnull=True,
            due_on__lt=today or timezone.localdate(),
        )
        .select_related("programme", "owner")
        .order_by("due_on", "pk")
    )


def planned_by_programme(steps: list[PlanningStep]) -> dict[int | None, set[str]]:
    """{programme id (None: whole school): the kinds of step it has}."""
    planned: dict[int | None, set[str]] = defaultdict(set)
    for step in steps:
        planned[step.programme_id].add(step.kind)
    return planned


def owners_by_programme(steps: list[PlanningStep]) -> dict[int | None, set[int]]:
    owners: dict[int | None, set[int]] = defaultdict(set)
    for step in steps:
        if step.owner_id is not None:
            owners[step.programme_id].add(step.owner_id)
    return owners
