from __future__ import annotations

from django.db.models import Count, Q, QuerySet, Sum

from accounts.models import User

from .models import Company, OfferStatus


def companies_for_staff(user: User, query: str = "") -> QuerySet[Company]:
    qs = Company.objects.filter(institution=user.institution_id)
    if query:
        qs = qs.filter(
            Q(legal_name__icontains=query)
            | Q(kvk_number__startswith=query)
            | Q(place__name__icontains=query)
        )
    return (
        qs.select_related("place", "organisation_type")
        .order_by("legal_name")
        .annotate(
            n_offers=Count("offers", filter=Q(offers__status=OfferStatus.PUBLISHED), distinct=True),
            n_places=Sum("offers__capacity", filter=Q(offers__status=OfferStatus.PUBLISHED)),
        )
    )
