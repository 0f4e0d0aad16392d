"""Variants 2 and 3: the students' rankings (the shortlists are made when the intake closes,
`rounds_moves.round_close_intake`; reminding counsellors is in `notifications`)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from matching.models import Preference, Round
from matching.selectors.preferences import preference_options
from students.models import LearningProfile


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
