"""A student's objection (bezwaar) against their released match: ingediend, in behandeling,
then toegekend or afgewezen with reasons."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from matching.models import Match, Objection, ObjectionStatus
from matching.selectors.results import objection_moot

from .audit import audit


@transaction.atomic
def objection_file(*, match: Match, reason: str, now: dt.datetime | None = None) -> Objection:
    """Once per match, from the release moment until the round's objection deadline."""
    now = now or timezone.now()
    rnd = match.round
    if not rnd.is_released(now):
        raise ValidationError(_("Er is nog geen uitslag."))
    if not rnd.objection_open(now):
        raise ValidationError(
            _("De termijn voor bezwaar is voorbij. Neem contact op met je bpv-coördinator.")
        )
    moot = objection_moot(match)
    if moot:
        raise ValidationError(moot)
    if not reason.strip():
        raise ValidationError(_("Schrijf waarom je bezwaar maakt."))
    if Objection.objects.filter(match_id=match.pk).exists():
        raise ValidationError(_("Je hebt al bezwaar gemaakt."))
    try:
        with transaction.atomic():
            objection = Objection.objects.create(match_id=match.pk, reason=reason.strip())
    except IntegrityError:  # a double click racing the check above
        raise ValidationError(_("Je hebt al bezwaar gemaakt.")) from None
    audit(rnd, None, "student_objection", match=match)
    return objection


def _locked(objection: Objection) -> Objection:
    return Objection.objects.select_for_update().select_related("match__round").get(pk=objection.pk)


@transaction.atomic
def objection_take(*, objection: Objection, by: User) -> Objection:
    """Ingediend -> in behandeling: the coordinator tells the student it is being looked at."""
    objection = _locked(objection)
    if objection.status != ObjectionStatus.FILED:
        raise ValidationError(_("Dit bezwaar is al in behandeling of er is al over beslist."))
    objection.status = ObjectionStatus.IN_PROGRESS
    objection.save(update_fields=["status"])
    audit(objection.match.round, by, "objection_in_progress", match=objection.match)
    return objection


@transaction.atomic
def objection_decide(*, objection: Objection, upheld: bool, answer: str, by: User) -> Objection:
    """Toegekend or afgewezen, with the reasons the student reads on their result page. An
    upheld objection opens the way to a re-placement (`replacement_propose`)."""
    objection = _locked(objection)
    if objection.status not in (ObjectionStatus.FILED, ObjectionStatus.IN_PROGRESS):
        raise ValidationError(_("Over dit bezwaar is al beslist."))
    if not answer.strip():
        raise ValidationError(_("Schrijf de redenen van je besluit; de student leest ze."))
    objection.status = ObjectionStatus.UPHELD if upheld else ObjectionStatus.REJECTED
    objection.answer = answer.strip()
    objection.answered_by = by
    objection.answered_at = timezone.now()
    objection.save(update_fields=["status", "answer", "answered_by", "answered_at"])
    audit(
        objection.match.round,
        by,
        "objection_decided",
        match=objection.match,
        upheld=upheld,
    )
    return objection
