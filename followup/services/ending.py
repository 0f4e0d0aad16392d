"""A placement that fails: a company's refusal (weigering) after the introductory meeting,
and an early end by the school, with a reason from a fixed list. The ledger
(`placements.services`) does the ending; re-placement goes through its one capacity-safe
service, `placement_replace`."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from placements.models import Placement
from placements.selectors import today
from placements.services import placement_end_early

from ..models import Ending, EndReason
from .running import ensure_running


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
    return Ending.objects.create(
        placement=placement, reason=EndReason.REFUSAL, text=text.strip(), breach=True, by=by
    )


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
    return placement_end_early(placement=placement, on=on, reason=text.strip(), by=by)
