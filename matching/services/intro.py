"""The introductory meeting (kennismakingsgesprek) proposed from the company's list of its
students: one moment, on the placement's meeting in `followup` (the one record of the
meeting, where the student accepts and both record that it took place). Not a selection."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from followup.models import IntroMeeting
from followup.services.intro import intro_propose
from matching.models import Match

from .audit import audit


@transaction.atomic
def intro_meeting_propose(
    *, match: Match, proposed_at: dt.datetime, note: str, by: User
) -> IntroMeeting:
    """Propose (again) a moment for the placement's introductory meeting; the student and the
    school see it on the placement's page.

    The caller passes a match of the contact's own company that is already released.
    """
    if not match.round.is_released():
        raise ValidationError(_("Er is nog geen uitslag."))
    if match.placement is None:
        raise ValidationError(_("Deze student heeft geen stageplek bij jullie."))
    meeting = intro_propose(placement=match.placement, moments=[proposed_at], note=note, by=by)
    audit(match.round, by, "intro_requested", match=match)
    return meeting
