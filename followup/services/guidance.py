"""Guidance during a placement: the bpv-docent (an assignment of a staff member, in bulk),
contact moments (Stagepact: three, one on site), and signals of discrimination or unwanted
behaviour, which only the care coordinator and the coordinator read."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import User
from placements.models import Placement

from ..models import ContactKind, ContactMoment, Signal, SignalStatus
from .caseload import supervisions_assign
from .running import ensure_running
from .signal_mail import signal_readers_notify


def supervision_assign(
    *, placements: Iterable[Placement], teacher: User, by: User | None = None
) -> int:
    """Make `teacher` the bpv-docent of each running placement (replacing an earlier one);
    the set-based `caseload.supervisions_assign` for a few placements."""
    ids = [p.pk for p in placements]
    return supervisions_assign(
        placements=Placement.objects.filter(pk__in=ids), teacher=teacher, by=by
    )


def contact_add(
    *,
    placement: Placement,
    date: dt.date,
    kind: str,
    participants: str,
    notes: str,
    held: bool,
    by: User,
) -> ContactMoment:
    """Plan (held=False) or log (held=True) a contact moment. A moment in the future cannot
    have been held yet."""
    ensure_running(placement)
    if kind not in ContactKind.values:
        raise ValidationError(_("Kies op locatie, online of telefonisch."))
    if held and date > timezone.localdate():
        raise ValidationError(_("Een contactmoment in de toekomst is nog niet gehouden."))
    last = placement.ended_on - dt.timedelta(days=1) if placement.ended_on else placement.end_date
    if not placement.start_date <= date <= last:
        raise ValidationError(
            _("Kies een datum in de stageperiode: %(start)s tot en met %(end)s.")
            % {"start": date_format(placement.start_date), "end": date_format(last)}
        )
    return ContactMoment.objects.create(
        placement=placement,
        date=date,
        kind=kind,
        participants=participants.strip(),
        notes=notes.strip(),
        held=held,
        by=by,
    )


def contact_held(*, moment: ContactMoment, notes: str) -> ContactMoment:
    """A planned moment took place."""
    ensure_running(moment.placement_id)
    if moment.held:
        raise ValidationError(_("Dit contactmoment is al als gehouden vastgelegd."))
    if moment.date > timezone.localdate():
        raise ValidationError(_("Een contactmoment in de toekomst is nog niet gehouden."))
    moment.held = True
    moment.notes = "\n".join(t for t in (moment.notes, notes.strip()) if t)
    moment.save(update_fields=["held", "notes"])
    return moment


def signal_report(
    *, placement: Placement, by: User, what: str, when: str, who_knows: str, anonymous: bool
) -> Signal:
    if not what.strip() or not when.strip():
        raise ValidationError(_("Schrijf wat er gebeurde en wanneer."))
    signal = Signal.objects.create(
        placement=placement,
        reporter=by,
        what=what.strip(),
        when=when.strip(),
        who_knows=who_knows.strip(),
        anonymous=anonymous,
    )
    signal_readers_notify(signal)
    return signal


def signal_update(*, signal: Signal, status: str, actions: str) -> Signal:
    """The care coordinator or coordinator moves a report on and writes what was done."""
    if status not in SignalStatus.values:
        raise ValidationError(_("Kies een status."))
    if status == SignalStatus.CLOSED and not (actions.strip() or signal.actions):
        raise ValidationError(_("Schrijf welke acties zijn genomen voordat je afsluit."))
    signal.status = status
    if actions.strip():
        signal.actions = "\n".join(t for t in (signal.actions, actions.strip()) if t)
    signal.save(update_fields=["status", "actions", "updated_at"])
    return signal
