"""The introductory meeting (kennismakingsgesprek): the company proposes one or more moments,
the student accepts one or asks for another, and whether it took place is recorded. It is
not a selection: the only outcomes are "doorgegaan" and "niet doorgegaan" with a reason from
a fixed list. A company that no longer wants the student records a refusal (`ending`)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import User
from companies.wording import BLOCK
from companies.wordlist import check_texts
from placements.models import Placement

from ..models import IntroMeeting, IntroMoment, IntroStatus, NotHeldReason
from .running import ensure_running

MAX_MOMENTS = 3


def note_refusal(note: str) -> str | None:
    """Why a note cannot be sent (it asks something of the student: the meeting is not a
    selection), or None."""
    blocking = [f for f in check_texts({"note": note}) if f.level == BLOCK]
    if not blocking:
        return None
    return _("Pas de toelichting aan: %(words)s. %(tip)s") % {
        "words": ", ".join(f"\u201c{f.words}\u201d" for f in blocking),
        "tip": _(blocking[0].suggestion),
    }


@transaction.atomic
def intro_propose(
    *, placement: Placement, moments: list[dt.datetime], note: str, by: User
) -> IntroMeeting:
    """The company proposes 1 to 3 moments (again, when the student asked for another)."""
    ensure_running(placement)
    moments = sorted(set(moments))
    if not 1 <= len(moments) <= MAX_MOMENTS:
        raise ValidationError(_("Stel één tot drie momenten voor."))
    if moments[0] <= timezone.now():
        raise ValidationError(_("Kies momenten in de toekomst."))
    refusal = note_refusal(note)
    if refusal:
        raise ValidationError(refusal)
    meeting = IntroMeeting.objects.select_for_update().filter(placement=placement).first()
    if meeting is None:
        meeting = IntroMeeting.objects.create(placement=placement)
    elif meeting.status in (IntroStatus.HELD, IntroStatus.NOT_HELD):
        raise ValidationError(_("De uitkomst van het kennismakingsgesprek is al vastgelegd."))
    meeting.moments.all().delete()
    IntroMoment.objects.bulk_create([IntroMoment(meeting=meeting, at=at) for at in moments])
    meeting.status = IntroStatus.PROPOSED
    meeting.note = note.strip()
    meeting.chosen = None
    meeting.save(update_fields=["status", "note", "chosen", "updated_at"])
    return meeting


def _locked(meeting: IntroMeeting) -> IntroMeeting:
    """The meeting, locked, of a placement that still runs (every answer and outcome)."""
    meeting = IntroMeeting.objects.select_for_update().get(pk=meeting.pk)
    ensure_running(meeting.placement_id)
    return meeting


@transaction.atomic
def intro_accept(*, meeting: IntroMeeting, moment_id: int) -> IntroMeeting:
    """The student accepts one of the proposed moments."""
    meeting = _locked(meeting)
    if meeting.status not in (IntroStatus.PROPOSED, IntroStatus.ACCEPTED):
        raise ValidationError(_("Er staat geen voorstel open."))
    moment = IntroMoment.objects.filter(meeting=meeting, pk=moment_id).first()
    if moment is None:
        raise ValidationError(_("Kies een van de voorgestelde momenten."))
    if moment.at <= timezone.now():
        raise ValidationError(
            _("Dit moment is al voorbij. Kies een ander moment of vraag om een nieuw moment.")
        )
    meeting.status = IntroStatus.ACCEPTED
    meeting.chosen = moment
    meeting.save(update_fields=["status", "chosen", "updated_at"])
    return meeting


@transaction.atomic
def intro_ask_other(*, meeting: IntroMeeting, note: str) -> IntroMeeting:
    """The student asks for another moment, saying when they can."""
    meeting = _locked(meeting)
    if meeting.status not in (IntroStatus.PROPOSED, IntroStatus.ACCEPTED):
        raise ValidationError(_("Er staat geen voorstel open."))
    if not note.strip():
        raise ValidationError(_("Schrijf wanneer je wel kunt."))
    meeting.status = IntroStatus.OTHER_ASKED
    meeting.student_note = note.strip()
    meeting.chosen = None
    meeting.save(update_fields=["status", "student_note", "chosen", "updated_at"])
    return meeting


def _after_moment(meeting: IntroMeeting, now: dt.datetime | None = None) -> None:
    """Whether a meeting took place can only be said once its agreed moment has come."""
    chosen = meeting.chosen
    if chosen is not None and chosen.at > (now or timezone.now()):
        raise ValidationError(
            _("Het gesprek is pas op %(at)s. Leg daarna vast of het is doorgegaan.")
            % {"at": date_format(timezone.localtime(chosen.at), "DATETIME_FORMAT")}
        )


@transaction.atomic
def intro_outcome(
    *, meeting: IntroMeeting, held: bool, reason: str = "", text: str = ""
) -> IntroMeeting:
    """Doorgegaan, or niet doorgegaan with a reason from the list (and a note for "anders").
    Recorded once, for the agreed moment."""
    meeting = _locked(meeting)
    if meeting.status != IntroStatus.ACCEPTED:
        raise ValidationError(_("Leg de uitkomst vast nadat een moment is afgesproken."))
    _after_moment(meeting)
    if not held and reason not in NotHeldReason.values:
        raise ValidationError(_("Kies waarom het gesprek niet doorging."))
    if not held and reason == NotHeldReason.OTHER and not text.strip():
        raise ValidationError(_("Schrijf waarom het gesprek niet doorging."))
    meeting.status = IntroStatus.HELD if held else IntroStatus.NOT_HELD
    meeting.not_held_reason = "" if held else reason
    meeting.outcome_text = text.strip()
    meeting.outcome_at = timezone.now()
    meeting.save(
        update_fields=["status", "not_held_reason", "outcome_text", "outcome_at", "updated_at"]
    )
    return meeting


@transaction.atomic
def intro_student_confirm(*, meeting: IntroMeeting) -> IntroMeeting:
    """The student records that the meeting took place (both sides record it). Possible after
    the agreed moment, also when the company recorded "niet doorgegaan": the student's word
    stays beside the company's."""
    meeting = _locked(meeting)
    if meeting.chosen is None or meeting.status not in (
        IntroStatus.ACCEPTED,
        IntroStatus.HELD,
        IntroStatus.NOT_HELD,
    ):
        raise ValidationError(_("Er is nog geen moment afgesproken."))
    if meeting.student_confirmed_at is not None:
        raise ValidationError(_("Je hebt al doorgegeven dat het gesprek is doorgegaan."))
    _after_moment(meeting)
    meeting.student_confirmed_at = timezone.now()
    meeting.save(update_fields=["student_confirmed_at", "updated_at"])
    return meeting
