from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery, Sum
from django.utils import timezone

from accounts.models import Institution, User

from .models import (
    AgreementSignature,
    AgreementVersion,
    Company,
    CompanyStatus,
    Offer,
    OfferStatus,
    RecognitionCheck,
    RecognitionOutcome,
)

# The company list's filter for companies with a published offer whose text needs a new look.
TEXT_REVIEW = "tekst"


def companies_for_staff(user: User, query: str = "", status: str = "") -> QuerySet[Company]:
    qs = Company.objects.filter(institution=user.institution_id)
    if query:
        qs = qs.filter(
            Q(legal_name__icontains=query)
            | Q(kvk_number__startswith=query)
            | Q(place__name__icontains=query)
        )
    if status in CompanyStatus.values:
        qs = qs.filter(status=status)
    elif status == TEXT_REVIEW:
        qs = qs.filter(pk__in=offers_needing_text_review(user.institution_id).values("company_id"))
    return (
        qs.select_related("place", "organisation_type")
        .order_by("legal_name")
        .annotate(
            n_offers=Count("offers", filter=Q(offers__status=OfferStatus.PUBLISHED), distinct=True),
            n_places=Sum("offers__capacity", filter=Q(offers__status=OfferStatus.PUBLISHED)),
        )
    )


def current_agreement(institution: Institution | int) -> AgreementVersion | None:
    return AgreementVersion.objects.filter(institution=institution).order_by("-version").first()


def has_signed_current(company: Company) -> bool:
    current = current_agreement(company.institution_id)
    return (
        current is not None
        and AgreementSignature.objects.filter(company=company, version=current).exists()
    )


def latest_checks(company: Company) -> dict[str, RecognitionCheck]:
    """The most recent verification per crebo."""
    latest: dict[str, RecognitionCheck] = {}
    for check in company.recognitions.select_related("verified_by").order_by(
        "crebo", "-verified_at"
    ):
        latest.setdefault(check.crebo, check)
    return latest


def is_stale(check: RecognitionCheck) -> bool:
    age = timezone.now() - check.verified_at
    return age > timedelta(days=settings.RECOGNITION_MAX_AGE_DAYS)


def verified_crebos(company: Company) -> set[str]:
    return {
        crebo
        for crebo, check in latest_checks(company).items()
        if check.outcome == RecognitionOutcome.RECOGNISED
    }


def recognised_pairs(
    institution: Institution | int, crebo: str | None = None
) -> set[tuple[int, str]]:
    """(company id, crebo) pairs whose latest SBB check says recognised, in one query."""
    checks = RecognitionCheck.objects.filter(company__institution=institution)
    if crebo is not None:
        checks = checks.filter(crebo=crebo)
    latest: dict[tuple[int, str], str] = {}
    for company_id, c, outcome in checks.order_by(
        "company_id", "crebo", "-verified_at"
    ).values_list("company_id", "crebo", "outcome"):
        latest.setdefault((company_id, c), outcome)
    return {key for key, outcome in latest.items() if outcome == RecognitionOutcome.RECOGNISED}


def latest_outcome(company: Any, crebo: Any) -> Subquery:
    """The outcome of a company's latest SBB check for a crebo, as a subquery: `company` and
    `crebo` are usually `OuterRef`s of the outer query. It reads the checks through the plain
    manager: tied to the outer company, which the outer query already keeps to the school
    (the school manager would join every check's company again)."""
    latest = RecognitionCheck._base_manager.filter(company=company, crebo=crebo).order_by(
        "-verified_at", "-pk"
    )
    return Subquery(latest.values("outcome")[:1])


def offers_for_matching(institution: Institution | int) -> QuerySet[Offer]:
    """Offers that may take part in an allocation: published, by an active company that signed
    the current agreement, for a crebo whose latest recognition check says recognised.

    All in SQL: the latest check per offer is a subquery on the checks' index (the ids of
    every allowed offer as a literal list made a 3,000-id query at 10,000 students)."""
    current = current_agreement(institution)
    if current is None:
        return Offer.objects.none()
    return (
        Offer.objects.filter(
            company__institution=institution,
            company__status=CompanyStatus.ACTIVE,
            status=OfferStatus.PUBLISHED,
            company__signatures__version=current,
        )
        .alias(recognition=latest_outcome(OuterRef("company_id"), OuterRef("programme__crebo")))
        .filter(recognition=RecognitionOutcome.RECOGNISED)
        .select_related("company__place", "company__organisation_type", "programme", "location")
    )


def offers_needing_text_review(institution_id: int | None) -> QuerySet[Offer]:
    """Published offers whose texts now have `blokkeert` words nobody accepted.

    Publishing needs an acceptance, so these come from a re-check with a new lexicon
    version: the coordinator decides (accept with a reason, or ask the company to rewrite).
    """
    return (
        Offer.objects.filter(
            company__institution=institution_id,
            status=OfferStatus.PUBLISHED,
            text_blocking=True,
            text_accepted_by__isnull=True,
        )
        .select_related("company", "programme")
        .order_by("company__legal_name", "pk")
    )
