"""Reads of the planning: a school year's steps and what is late."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db.models import QuerySet
from django.utils import timezone

from cockpit.models import PlanningStep


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
