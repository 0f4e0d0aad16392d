"""A placement that fails: a company's refusal (weigering) after the introductory meeting,
an early end by the school, with a reason from a fixed list, and a student who left the
programme. The ledger
(`placements.services`) does the ending; re-placement goes through its one capacity-safe
service, `placement_replace`."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from placements.models import Placement, PlacementStatus
from placements.selectors import today
from placements.services import placement_end_early
from students.models import Student

from ..models import Ending, EndReason
from .running import ensure_running
from .student_news import ENDED, REFUSED, student_news_queue


@transaction.atomic
def company_refuse(*, placement: Placement, text: str, by: User) -> Ending:
    """The company no longer wants the student: recorded with its reason as a breach of the
    stagematching agreement. The placement stays in the ledger until the school re-places
    the student or ends it; the coordinator sees it under "te herplaatsen"."""
    ensure_running(placement)
    if not text.strip():
        raise ValidationError(_("Schrijf de reden op. De school bespreekt die met je."))
    if Ending.objects.filter(placement=placement).exists():
        raise ValidationError(_("Voor deze stage is al een einde gemeld."))
    ending = Ending.objects.create(
        placement=placement, reason=EndReason.REFUSAL, text=text.strip(), breach=True, by=by
    )
    student_news_queue(placement=placement, event=REFUSED)
    return ending


@transaction.atomic
def placement_stop(
    *, placement: Placement, reason: str, text: str, on: dt.date | None, by: User
) -> Placement:
    """The school ends a placement early from day `on` (default today, or its start when it
    has not begun). Its seat is offered again from that day and the student counts as
    without a placement, for a follow-up round (or a direct re-placement before this)."""
    ensure_running(placement)
    if reason not in EndReason.values:
        raise ValidationError(_("Kies een reden."))
    if not text.strip():
        raise ValidationError(_("Schrijf waarom de stage eindigt."))
    on = on or max(today(), placement.start_date)
    ending = Ending.objects.select_for_update().filter(placement=placement).first()
    if ending is None:
        ending = Ending(placement=placement, by=by)
    if ending.reason != EndReason.REFUSAL:  # a company's refusal stays on record as it was
        ending.reason = reason
        ending.breach = reason == EndReason.REFUSAL
    ending.text = "\n".join(t for t in (ending.text, text.strip()) if t)
    ending.save()
    ended = placement_end_early(placement=placement, on=on, reason=text.strip(), by=by)
    if reason != EndReason.STUDENT_LEFT:  # a student who left is not told to wait
        student_news_queue(placement=ended, event=ENDED)
    return ended


@transaction.atomic
def student_leave(*, student: Student, on: dt.date | None, text: str, by: User) -> int:
    """Staff record that a student left the programme or the school from day `on` (default
    today). Every running placement ends that day (or at its start, when it has not begun)
    with the reason "student gestopt met de opleiding", so its seat is offered again; the
    student is out of follow-up rounds (`matching.selectors.population`) and of reminders
    from then on. No mail about a new place goes out. Returns the placements ended."""
    student = Student.objects.select_for_update().select_related("programme").get(pk=student.pk)
    if student.programme.institution_id != by.institution_id:
        raise ValidationError(_("Deze student hoort niet bij je school."))
    if student.left_on is not None:
        raise ValidationError(_("Voor deze student is al vastgelegd dat hij of zij is gestopt."))
    on = on or today()
    student.left_on, student.left_by = on, by
    student.save(update_fields=["left_on", "left_by"])
    note = text.strip() or _("Student gestopt met de opleiding")
    running = Placement.objects.filter(
        student=student, status=PlacementStatus.ACTIVE, end_date__gte=on
    ).order_by("start_date", "pk")
    ended = 0
    for placement in running:
        placement_stop(
            placement=placement,
            reason=EndReason.STUDENT_LEFT,
            text=note,
            on=max(on, placement.start_date),
            by=by,
        )
        ended += 1
    return ended
