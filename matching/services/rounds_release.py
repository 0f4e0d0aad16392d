"""The moves of a round after the review, one service each with its own preconditions:

    review --approve--> approved --release--> released --close--> closed
    approved --reopen_review--> review

Approving is where the round's matches claim their seats in the placement ledger; releasing
fixes the one moment from which everyone sees their result (and the mail goes out).
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import User
from matching.models import Match, Objection, ObjectionStatus, Round, RoundStatus
from matching.selectors.rounds import approval_blockers
from placements.services import (
    Claim,
    placements_drop,
    placements_hold,
    placements_make_visible,
)

from .audit import audit
from .notifications import notifications_create, unsent_count
from .rounds import _transition, locked, require_status

# A release moment this close (or in the past) is as good as "now": the coordinator confirms it.
RELEASE_CONFIRM_WITHIN = dt.timedelta(minutes=10)


class ReleaseNeedsConfirmation(ValidationError):
    """The chosen moment is in the past or within RELEASE_CONFIRM_WITHIN: ask first."""


def moment_text(value: dt.datetime) -> str:
    """A moment as people at the school read it: Europe/Amsterdam, e.g. 3 maart 2027 09:00."""
    return date_format(timezone.localtime(value), "l j F Y H:i")


@transaction.atomic
def round_approve(*, round: Round, by: User) -> Round:
    """Review -> approved, once every placed match has two approvals and none is objected to.

    Every placed match claims its seat in the placement ledger now, all or nothing: refused
    (and nothing written) when a student was placed meanwhile or an offer's seats were taken
    by another round, an own placement or a re-placement. Nobody sees these placements
    before the release moment."""
    rnd = locked(round)
    require_status(rnd, RoundStatus.REVIEW)
    blockers = approval_blockers(rnd)
    if blockers:
        raise ValidationError(blockers)
    matches = list(rnd.matches.filter(offer__isnull=False).select_related("profile").order_by("pk"))
    held = placements_hold(
        claims=[
            Claim(
                student_id=m.profile.student_id,
                offer_id=m.offer_id or 0,
                label=m.pseudonym,
                wishes=m.wishes,
                explanation=m.explanation,
            )
            for m in matches
        ],
        by=by,
    )
    by_student = {p.student_id: p for p in held}
    for m in matches:
        m.placement = by_student[m.profile.student_id]
    Match.objects.bulk_update(matches, ["placement"], batch_size=500)
    audit(rnd, by, "seats_claimed", placements=len(held))
    return _transition(rnd, RoundStatus.APPROVED, by)


@transaction.atomic
def round_reopen_review(*, round: Round, by: User) -> Round:
    """Approved -> review (before the release), e.g. to change a match after all. The seats
    the round held are given back."""
    rnd = locked(round)
    require_status(rnd, RoundStatus.APPROVED)
    held = list(rnd.matches.filter(placement__isnull=False).values_list("placement_id", flat=True))
    rnd.matches.update(placement=None)
    placements_drop(placement_ids=held)
    audit(rnd, by, "seats_released", placements=len(held))
    return _transition(rnd, RoundStatus.REVIEW, by)


def release_moment(
    *, round: Round, at: dt.datetime, confirmed: bool, now: dt.datetime | None = None
) -> dt.datetime:
    """The moment a release at `at` would store, or why it cannot be released (the request
    asks this before it queues the release, the release itself asks it again)."""
    now = now or timezone.now()
    require_status(round, RoundStatus.APPROVED)
    if timezone.is_naive(at):
        raise ValidationError(_("Geef het moment met datum en tijd."))
    release_at = max(at, now)
    if at - now < RELEASE_CONFIRM_WITHIN and not confirmed:
        raise ReleaseNeedsConfirmation(
            _(
                "Het gekozen moment (%(at)s) is al voorbij of binnen 10 minuten. Dan maak je de "
                "uitslag nu bekend, op %(stored)s. Bevestig dat als je dat wilt."
            )
            % {"at": moment_text(at), "stored": moment_text(release_at)}
        )
    return release_at


@transaction.atomic
def round_release(
    *,
    round: Round,
    at: dt.datetime,
    by: User,
    confirmed: bool = False,
    now: dt.datetime | None = None,
) -> Round:
    """Approved -> released: fix the one moment from which all students and companies see
    their result. A moment in the past or within 10 minutes is stored as "now" (never in the
    past) and needs `confirmed`; without it ReleaseNeedsConfirmation says what would be stored.
    The release mail goes out at the stored moment (`notifications`)."""
    now = now or timezone.now()
    rnd = locked(round)
    release_at = release_moment(round=rnd, at=at, confirmed=confirmed, now=now)
    rnd.release_at = release_at
    rnd.save(update_fields=["release_at"])
    placements_make_visible(
        placement_ids=list(
            rnd.matches.filter(placement__isnull=False).values_list("placement_id", flat=True)
        ),
        at=release_at,
    )
    audit(rnd, by, "release_set", at=release_at.isoformat())
    _transition(rnd, RoundStatus.RELEASED, by)
    # The e-mails are due at the moment: a worker is asked to send them then, and the
    # outbox's beat sweep (every 20 seconds) catches anything that request misses.
    notifications_create(rnd)
    return rnd


@transaction.atomic
def round_close(*, round: Round, by: User, now: dt.datetime | None = None) -> Round:
    """Released -> closed: after the release moment and the objection period, with every
    objection decided, no re-placement waiting for its second approver and no release mail
    still waiting."""
    now = now or timezone.now()
    rnd = locked(round)
    require_status(rnd, RoundStatus.RELEASED)
    if not rnd.is_released(now):
        raise ValidationError(
            _("De uitslag is nog niet bekend: dat gebeurt op %(at)s.")
            % {"at": moment_text(rnd.release_at or now)}
        )
    deadline = rnd.objection_deadline
    if deadline and deadline > now:
        raise ValidationError(
            _("Studenten kunnen nog bezwaar maken tot %(at)s. Sluit de ronde daarna.")
            % {"at": moment_text(deadline)}
        )
    open_objections = (
        Objection.objects.filter(match__round=rnd)
        .filter(status__in=[ObjectionStatus.FILED, ObjectionStatus.IN_PROGRESS])
        .count()
    )
    if open_objections:
        raise ValidationError(
            _("Er zijn nog %(n)s bezwaren zonder besluit. Beslis eerst over elk bezwaar.")
            % {"n": open_objections}
        )
    pending = Objection.objects.filter(
        match__round=rnd, replacement_offer__isnull=False, replacement__isnull=True
    ).count()
    if pending:
        raise ValidationError(
            _(
                "%(n)s herplaatsingen wachten op de goedkeuring van een tweede persoon. Keur ze "
                "goed of wijs ze af."
            )
            % {"n": pending}
        )
    waiting = unsent_count(rnd)
    if waiting:
        raise ValidationError(
            _("Er wachten nog %(n)s berichten op verzending. Sluit de ronde als ze weg zijn.")
            % {"n": waiting}
        )
    return _transition(rnd, RoundStatus.CLOSED, by)
