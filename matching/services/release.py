"""Approving a reviewed round and fixing the one moment everyone sees their result."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from matching.models import Round, RoundStatus
from matching.selectors.rounds import release_blockers

from .audit import audit
from .rounds import round_transition


@transaction.atomic
def round_approve(*, round: Round, by: User) -> Round:
    """Approve the round once every match has two approvals (see `release_blockers`)."""
    round = Round.objects.select_for_update().get(pk=round.pk)
    blockers = release_blockers(round)
    if blockers:
        raise ValidationError(blockers)
    return round_transition(round=round, to=RoundStatus.APPROVED, by=by)


@transaction.atomic
def round_release(*, round: Round, at: dt.datetime, by: User) -> Round:
    """Fix the one moment from which all students and companies see their result."""
    rnd = Round.objects.select_for_update().get(pk=round.pk)
    if rnd.status != RoundStatus.APPROVED:
        raise ValidationError(_("Eerst moeten alle matches twee keer zijn goedgekeurd."))
    release_at = max(at, timezone.now())  # a moment in the past means: now
    rnd.release_at = release_at
    rnd.save(update_fields=["release_at"])
    audit(rnd, by, "release_set", at=release_at.isoformat())
    return round_transition(round=rnd, to=RoundStatus.RELEASED, by=by)
