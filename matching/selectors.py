from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, Sum

from accounts.models import User
from companies.models import OfferStatus
from programmes.models import Programme
from students.models import ProfileStatus


def coverage_by_programme(user: User) -> list[dict[str, Any]]:
    """Per programme: students who take part in matching against published places."""
    rows = (
        Programme.objects.filter(institution=user.institution_id)
        .annotate(
            n_students=Count("students", distinct=True),
            n_opted_out=Count(
                "students",
                filter=Q(students__profile__status=ProfileStatus.OPTED_OUT),
                distinct=True,
            ),
            n_submitted=Count(
                "students",
                filter=Q(students__profile__status=ProfileStatus.SUBMITTED),
                distinct=True,
            ),
        )
        .order_by("name")
    )
    places = dict(
        Programme.objects.filter(institution=user.institution_id)
        .annotate(n=Sum("offers__capacity", filter=Q(offers__status=OfferStatus.PUBLISHED)))
        .values_list("id", "n")
    )
    result = []
    for p in rows:
        seats = places.get(p.id) or 0
        need = p.n_students - p.n_opted_out
        result.append(
            {
                "programme": p,
                "students": p.n_students,
                "submitted": p.n_submitted,
                "opted_out": p.n_opted_out,
                "places": seats,
                "short": max(0, need - seats),
            }
        )
    return result
