"""Writes to the placement ledger. Every claim of a seat or a period runs under row locks on
the offers (ascending id) and then the students (ascending id), so two claims never see the
same free seat, and the database constraints (see `models`) back the checks up.

- `placements_hold`: the matches of an approved round claim their seats (all or nothing);
- `placements_make_visible` / `placements_drop`: the round is released / goes back to review;
- `own_placement_decide`: an approved own placement becomes a placement;
- `placement_end_early`: the seat is free again from that day;
- `placement_replace`: the one capacity-safe re-placement (two people decide).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import User
from companies.models import Offer
from students.models import (
    OwnPlacement,
    OwnPlacementStatus,
    ProfileChange,
    ProfileStatus,
    Student,
)

from .models import (
    Placement,
    PlacementBasis,
    PlacementSource,
    PlacementStatus,
    Seat,
    occupied,
    overlap,
)
from .selectors import occupied_seats, today, window

SHOWN = 10  # names in one refusal, at most


@dataclass(frozen=True)
class Claim:
    """One student to place at one offer. `label` names the student in a refusal (a
    pseudonym during the review, never personal data)."""

    student_id: int
    offer_id: int
    label: str
    wishes: dict[str, Any] = field(default_factory=dict)
    explanation: dict[str, Any] = field(default_factory=dict)


def _lock_offers(offer_ids: Iterable[int]) -> dict[int, Offer]:
    offers = Offer.objects.select_for_update().select_related("company").filter(pk__in=offer_ids)
    return {o.pk: o for o in offers.order_by("pk")}


def _lock_students(student_ids: Iterable[int]) -> None:
    list(Student.objects.select_for_update().filter(pk__in=student_ids).order_by("pk").values("pk"))


def _seat_ids(offers: Iterable[Offer]) -> dict[tuple[int, int], int]:
    """Seats 1..capacity of each offer exist (created on first use); {(offer, number): id}."""
    offers = list(offers)
    Seat.objects.bulk_create(
        [Seat(offer=o, number=n) for o in offers for n in range(1, o.capacity + 1)],
        ignore_conflicts=True,
    )
    rows = Seat.objects.filter(offer__in=offers).values_list("offer_id", "number", "pk")
    return {(o, n): pk for o, n, pk in rows}


def _periods(student_ids: Iterable[int], exclude: int | None = None) -> dict[int, list[Any]]:
    """The days each student is already placed (every placement, ended ones shortened)."""
    periods: dict[int, list[Any]] = defaultdict(list)
    rows = Placement.objects.filter(student_id__in=student_ids)
    if exclude is not None:
        rows = rows.exclude(pk=exclude)
    for sid, start, end, ended_on in rows.values_list(
        "student_id", "start_date", "end_date", "ended_on"
    ):
        periods[sid].append(occupied(start, end, ended_on))
    return periods


def _free_numbers(offers: dict[int, Offer], on: dt.date) -> dict[int, list[int]]:
    taken = occupied_seats(offers.values(), on)
    free = {}
    for oid, offer in offers.items():
        numbers = [n for n in range(1, offer.capacity + 1) if n not in taken[oid]]
        free[oid] = numbers[: max(0, offer.capacity - len(taken[oid]))]
    return free


def _insert(rows: list[Placement]) -> list[Placement]:
    """Insert the placements, and beside each the wishes and explanation it was given."""
    try:
        with transaction.atomic():
            placed = Placement.objects.bulk_create(rows)
            PlacementBasis.objects.bulk_create(
                [p.basis for p in placed if Placement.basis.is_cached(p)]
            )
            for p in placed:
                p._basis_changed = False
            return placed
    except IntegrityError:  # a database guard caught what the checks above should have
        raise ValidationError(
            _("Een plek of periode is intussen door iemand anders gebruikt. Probeer het opnieuw.")
        ) from None


@transaction.atomic
def placements_hold(*, claims: list[Claim], by: User, on: dt.date | None = None) -> list[Placement]:
    """Claim a seat for every claim, from today (or the offer's start) to the offer's end, as
    placements that nobody sees yet (`placements_make_visible`). All or nothing: when a
    student is placed in those days already, or an offer has fewer free seats than claims,
    nothing is written and the ValidationError names them."""
    on = on or today()
    offers = _lock_offers({c.offer_id for c in claims})
    _lock_students({c.student_id for c in claims})
    seat_ids = _seat_ids(offers.values())
    free = _free_numbers(offers, on)
    periods = _periods({c.student_id for c in claims})
    placed: list[str] = []
    short: Counter[int] = Counter()
    rows = []
    for claim in sorted(claims, key=lambda c: (c.offer_id, c.student_id)):
        offer = offers[claim.offer_id]
        span = window(offer, on)
        if span is None:
            short[offer.pk] += 1
            continue
        if any(overlap(span.days, p) for p in periods[claim.student_id]):
            placed.append(claim.label)
            continue
        if not free[offer.pk]:
            short[offer.pk] += 1
            continue
        periods[claim.student_id].append(span.days)
        row = Placement(
            student_id=claim.student_id,
            company_id=offer.company_id,
            offer=offer,
            seat_id=seat_ids[(offer.pk, free[offer.pk].pop(0))],
            start_date=span.start,
            end_date=span.end,
            source=PlacementSource.MATCH,
            created_by=by,
        )
        row.wishes, row.explanation = claim.wishes, claim.explanation
        rows.append(row)
    errors = []
    if placed:
        errors.append(
            _(
                "Deze studenten hebben intussen al een stageplek in die periode: %(who)s. "
                "Bereid een nieuwe run voor; zij doen dan niet meer mee."
            )
            % {"who": ", ".join(sorted(placed)[:SHOWN]) + (" …" if len(placed) > SHOWN else "")}
        )
    for oid, n in sorted(short.items()):
        errors.append(
            _(
                "Bij %(company)s zijn niet genoeg plaatsen meer vrij voor de %(n)s studenten die "
                "er nog geen plek hebben (de plaatsen zijn intussen gebruikt of het aanbod is "
                "voorbij). Verplaats er %(n)s of bereid een nieuwe run voor."
            )
            % {"company": offers[oid].company.legal_name, "n": n}
        )
    if errors:
        raise ValidationError(errors)
    return _insert(rows)


def placements_make_visible(*, placement_ids: list[int], at: dt.datetime) -> int:
    """From `at` on the students and companies see these placements (a round's release)."""
    return Placement.objects.filter(pk__in=placement_ids, visible_from__isnull=True).update(
        visible_from=at
    )


def placements_drop(*, placement_ids: list[int]) -> int:
    """Give back the seats of placements nobody has seen (a round back in review)."""
    qs = Placement.objects.filter(pk__in=placement_ids, visible_from__isnull=True)
    n, _deleted = qs.delete()
    return n


@transaction.atomic
def own_placement_decide(
    *, placement: OwnPlacement, approve: bool, reason: str, by: User
) -> Placement | None:
    """Approve, or refuse with a reason. Approved, it is the student's placement in the ledger
    from now on (refused when they are placed in those days already); refused, the student is
    back in the allocation (draft)."""
    if not approve and not reason.strip():
        raise ValidationError(_("Geef bij een afwijzing de reden."))
    _lock_students([placement.student_id])
    own = OwnPlacement.objects.select_for_update().get(pk=placement.pk)
    if own.status != OwnPlacementStatus.PENDING:
        raise ValidationError(_("Over deze eigen stageplek is al beslist."))
    created = None
    if approve:
        days = occupied(own.period_start, own.period_end, None)
        if any(overlap(days, p) for p in _periods([own.student_id])[own.student_id]):
            raise ValidationError(
                _(
                    "Deze student heeft in die periode al een stageplek. Bespreek met de student "
                    "welke plek geldt."
                )
            )
        created = _insert(
            [
                Placement(
                    student_id=own.student_id,
                    company_id=own.company_id,
                    start_date=own.period_start,
                    end_date=own.period_end,
                    source=PlacementSource.OWN,
                    own_placement=own,
                    visible_from=timezone.now(),
                    created_by=by,
                )
            ]
        )[0]
    own.status = OwnPlacementStatus.APPROVED if approve else OwnPlacementStatus.REFUSED
    own.reason = reason.strip()
    own.decided_by = by
    own.decided_at = timezone.now()
    own.save(update_fields=["status", "reason", "decided_by", "decided_at"])
    if not approve:
        profile = own.student.profile
        profile.status = ProfileStatus.DRAFT
        profile.save(update_fields=["status", "updated_at"])
        ProfileChange.objects.create(
            profile=profile, changed_by=by, fields=["own_placement"], action="own_refused"
        )
    return created


@transaction.atomic
def placement_end_early(*, placement: Placement, on: dt.date, reason: str, by: User) -> Placement:
    """End a running placement from day `on` (the first day it no longer runs). Its seat is
    offered again for the remaining dates; the student counts as without a placement."""
    if not reason.strip():
        raise ValidationError(_("Schrijf waarom de stage eindigt."))
    _lock_students([placement.student_id])
    placement = Placement.objects.select_for_update().get(pk=placement.pk)
    if placement.status != PlacementStatus.ACTIVE:
        raise ValidationError(_("Deze stage loopt niet (meer)."))
    if on > placement.end_date:
        raise ValidationError(
            _("De stage loopt tot en met %(end)s; kies een dag tot en met die datum.")
            % {"end": date_format(placement.end_date)}
        )
    if on < placement.start_date:
        raise ValidationError(
            _(
                "De stage begint op %(start)s; kies die dag of later (de eerste dag dat de "
                "stage niet meer loopt)."
            )
            % {"start": date_format(placement.start_date)}
        )
    placement.status = PlacementStatus.ENDED_EARLY
    placement.ended_on = on
    placement.ended_at = timezone.now()
    placement.end_reason = reason.strip()
    placement.save(update_fields=["status", "ended_on", "ended_at", "end_reason"])
    return placement


@transaction.atomic
def placement_replace(
    *,
    placement: Placement,
    offer_id: int,
    reason: str,
    proposed_by: User,
    approved_by: User,
    explanation: dict[str, Any] | None = None,
    on: dt.date | None = None,
) -> Placement:
    """Move a placed student to another offer: the capacity-safe re-placement. Two different
    people decide (`proposed_by`, `approved_by`). The new placement runs from today (or the
    offer's start) to the offer's end on a free seat; the old one ends early that day, so
    its seat is offered again. Refused when the offer has no free seat or is over."""
    if approved_by.pk == proposed_by.pk:
        raise ValidationError(
            _("Een tweede persoon moet de herplaatsing goedkeuren; jij stelde haar voor.")
        )
    if not reason.strip():
        raise ValidationError(_("Schrijf waarom de student een andere plek krijgt."))
    on = on or today()
    offers = _lock_offers([offer_id])
    _lock_students([placement.student_id])
    old = Placement.objects.select_for_update().get(pk=placement.pk)
    if old.status != PlacementStatus.ACTIVE:
        raise ValidationError(_("Deze stage loopt niet (meer); herplaatsen kan niet."))
    offer = offers.get(offer_id)
    span = window(offer, on) if offer else None
    if offer is None or span is None:
        raise ValidationError(_("Dit aanbod is voorbij of bestaat niet meer. Kies een ander."))
    if offer.pk == old.offer_id:
        raise ValidationError(_("De student staat al op dit aanbod. Kies een ander."))
    if span.start > old.end_date:
        raise ValidationError(
            _("Dit aanbod begint pas na het einde van de huidige stage. Kies een ander.")
        )
    seat_ids = _seat_ids([offer])
    free = _free_numbers(offers, span.start)[offer.pk]
    if not free:
        raise ValidationError(
            _("Bij %(company)s is geen plaats meer vrij. Kies een ander aanbod.")
            % {"company": offer.company.legal_name}
        )
    others = _periods([old.student_id], exclude=old.pk)[old.student_id]
    if any(overlap(span.days, p) for p in others):
        raise ValidationError(_("De student heeft in die periode nog een andere stageplek."))
    old.status = PlacementStatus.ENDED_EARLY
    old.ended_on = span.start
    old.ended_at = timezone.now()
    old.end_reason = reason.strip()
    old.save(update_fields=["status", "ended_on", "ended_at", "end_reason"])
    new = Placement(
        student_id=old.student_id,
        company_id=offer.company_id,
        offer=offer,
        seat_id=seat_ids[(offer.pk, free[0])],
        start_date=span.start,
        end_date=span.end,
        source=PlacementSource.REPLACEMENT,
        replaces=old,
        visible_from=timezone.now(),
        created_by=approved_by,
    )
    new.wishes, new.explanation = old.wishes, explanation or {}
    return _insert([new])[0]
