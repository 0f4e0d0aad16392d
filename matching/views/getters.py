"""Access-checked getters: an object of another institution is simply not found."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from accounts.access import user_of
from matching.models import Match, Round, Run


def round_for(request: HttpRequest, pk: int) -> Round:
    return get_object_or_404(Round, pk=pk, institution=user_of(request).institution_id)


def run_for(request: HttpRequest, pk: int) -> Run:
    return get_object_or_404(
        Run.objects.select_related("round").defer(*Run.LARGE_FIELDS),
        pk=pk,
        round__institution=user_of(request).institution_id,
    )


def match_for(request: HttpRequest, pk: uuid.UUID) -> Match:
    """A match by its address (`public_id`, never the creation-ordered pk)."""
    return get_object_or_404(
        Match.objects.select_related(
            "round", "offer__company__place", "offer__programme", "changed_by", "profile__student"
        ),
        public_id=pk,
        round__institution=user_of(request).institution_id,
    )


def fail(request: HttpRequest, exc: ValidationError) -> None:
    """Show a service's refusal to the person, in their words."""
    messages.error(request, " ".join(exc.messages))
