"""A student's objection (bezwaar) against their released match, and the answer."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from matching.models import Match, Objection

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


@transaction.atomic
def objection_answer(*, objection: Objection, answer: str, by: User) -> None:
    """The coordinator's answer; the student reads it on their result page."""
    if not answer.strip():
        raise ValidationError(_("Schrijf een antwoord."))
    objection.answer = answer.strip()
    objection.answered_by = by
    objection.answered_at = timezone.now()
    objection.save(update_fields=["answer", "answered_by", "answered_at"])
    audit(objection.match.round, by, "objection_answered", match=objection.match)
