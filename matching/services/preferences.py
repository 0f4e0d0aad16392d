"""Variants 2 and 3: the students' rankings, and reminding counsellors (the shortlists are made
when the intake closes, `rounds_moves.round_close_intake`)."""

from __future__ import annotations

from collections import Counter

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from accounts.models import User
from matching.models import Preference, Round
from matching.selectors.preferences import preference_options, students_without_preferences
from students.models import LearningProfile

from .audit import audit


@transaction.atomic
def preferences_save(*, round: Round, profile: LearningProfile, offer_ids: list[int]) -> None:
    """Store a student's ranking (best first), replacing an earlier one, while the round's
    preference phase is open. Only offers the student was shown may be ranked."""
    round = Round.objects.get(pk=round.pk)
    if not round.preferences_open():
        raise ValidationError(_("Je kunt nu geen voorkeuren doorgeven: de periode is gesloten."))
    if len(offer_ids) != len(set(offer_ids)):
        raise ValidationError(_("Kies elk bedrijf maar één keer."))
    if len(offer_ids) > round.preference_limit:
        raise ValidationError(_("Kies er hoogstens %(n)s.") % {"n": round.preference_limit})
    allowed = set(preference_options(round, profile).values_list("pk", flat=True))
    if not set(offer_ids) <= allowed:
        raise ValidationError(_("Je kunt alleen kiezen uit de getoonde bedrijven."))
    Preference.objects.filter(round=round, profile=profile).delete()
    Preference.objects.bulk_create(
        [
            Preference(round=round, profile=profile, offer_id=o, rank=r)
            for r, o in enumerate(offer_ids, start=1)
        ]
    )


def counsellors_remind(*, round: Round, by: User) -> int:
    """E-mail each counsellor how many of their students have not ranked; they are still
    allocated (ranked by score), but a counsellor can help them choose."""
    per_counsellor: Counter[int] = Counter(
        students_without_preferences(round)
        .exclude(student__counsellor__isnull=True)
        .values_list("student__counsellor_id", flat=True)
    )
    for counsellor in User.objects.filter(pk__in=per_counsellor):
        context = {"user": counsellor, "n": per_counsellor[counsellor.pk], "round": round}
        send_mail(
            subject=_("Studenten die nog geen voorkeur gaven"),
            message=render_to_string("matching/email_preferences_reminder.txt", context),
            from_email=None,
            recipient_list=[counsellor.email],
        )
    audit(round, by, "counsellors_reminded", counsellors=len(per_counsellor))
    return len(per_counsellor)
