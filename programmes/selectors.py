"""Reads of programmes, always scoped to one institution."""

from __future__ import annotations

from django.db.models import Count, Prefetch, QuerySet

from .models import CoreTask, Programme


def programmes_of(institution_id: int | None) -> QuerySet[Programme]:
    """The institution's programmes with their team and number of students."""
    return (
        Programme.objects.filter(institution=institution_id)
        .select_related("team")
        .annotate(n_students=Count("students", distinct=True))
    )


def programme_with_qualification(institution_id: int | None) -> QuerySet[Programme]:
    """Programmes with core tasks, work processes and electives prefetched (detail page)."""
    return (
        Programme.objects.filter(institution=institution_id)
        .select_related("team")
        .prefetch_related(
            Prefetch("core_tasks", queryset=CoreTask.objects.prefetch_related("work_processes")),
            "electives",
        )
    )
