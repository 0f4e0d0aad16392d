"""The introductory meeting (kennismakingsgesprek): proposed by the company, not a selection."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from matching.models import IntroMeeting, Match

from .audit import audit


@transaction.atomic
def intro_meeting_propose(
    *, match: Match, proposed_at: dt.datetime, note: str, by: User
) -> IntroMeeting:
    """Store (or change) the company's proposed moment; the student and the school see it.

    The caller passes a match of the contact's own company that is already released.
    """
    if not match.round.is_released():
        raise ValidationError(_("Er is nog geen uitslag."))
    meeting = IntroMeeting.objects.filter(match=match).first() or IntroMeeting(match=match)
    meeting.proposed_at = proposed_at
    meeting.note = note
    meeting.full_clean()
    meeting.save()
    audit(match.round, by, "intro_requested", match=match)
    return meeting
