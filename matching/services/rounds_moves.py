"""The moves of a round before the review, one service each with its own preconditions:

    draft --open_intake--> intake --close_intake--> allocating                     (variant 1)
    draft --open_intake--> intake --close_intake--> preferences --start_allocating--> allocating
    allocating --(choose a run: `proposal.run_choose`, `round_start_review`)--> review

The moves after the review (approve, back to review, release, close) are in `rounds_release`.
Every refusal is a ValidationError in plain Dutch that says what to do instead.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import User
from matching import engine
from matching.models import Round, RoundStatus, ShortlistItem, Variant
from matching.selectors.population import round_population
from matching.selectors.snapshot import offers_with_free_seats, round_snapshot
from students.models import Student

from .audit import audit
from .lottery import lottery_commit
from .rounds import _transition, locked, require_status


def _moment(value: dt.datetime) -> str:
    return date_format(timezone.localtime(value), "j F Y H:i")


@transaction.atomic
def round_open_intake(*, round: Round, by: User) -> Round:
    """Draft -> intake: students of the round's programmes and cohort may fill in the form."""
    rnd = locked(round)
    require_status(rnd, RoundStatus.DRAFT)
    programme_ids = list(rnd.programmes.values_list("pk", flat=True))
    if not programme_ids:
        raise ValidationError(_("Kies eerst minstens één opleiding voor deze ronde."))
    if not Student.objects.filter(programme__in=programme_ids, cohort=rnd.cohort).exists():
        raise ValidationError(
            _(
                "Er zijn geen studenten van cohort %(c)s in de opleidingen van deze ronde. "
                "Importeer eerst het cohort."
            )
            % {"c": rnd.cohort}
        )
    return _transition(rnd, RoundStatus.INTAKE, by)


@transaction.atomic
def round_close_intake(*, round: Round, by: User, now: dt.datetime | None = None) -> Round:
    """Intake -> allocating (variant 1) or -> preferences (variants 2 and 3; a shortlist round
    gets its shortlists here). From now on the forms of the students in the round are frozen.

    This is the one place where the intake ends, whatever the variant: work that belongs to
    that moment (such as drawing a committed lottery seed) goes here.
    """
    now = now or timezone.now()
    rnd = locked(round)
    require_status(rnd, RoundStatus.INTAKE)
    if rnd.intake_closes_at and rnd.intake_closes_at > now:
        raise ValidationError(
            _(
                "De intake loopt nog tot %(at)s. Studenten mogen tot dat moment hun formulier "
                "invullen; sluit de intake daarna."
            )
            % {"at": _moment(rnd.intake_closes_at)}
        )
    if not round_population(rnd).exists():
        raise ValidationError(
            _(
                "Nog niemand zonder stageplek heeft het leerwensformulier ingediend: er valt "
                "niets in te delen. Herinner de studenten en sluit de intake daarna."
            )
        )
    if not offers_with_free_seats(rnd):
        raise ValidationError(
            _(
                "Er zijn geen vrije plaatsen bij leerbedrijven die meedoen (gepubliceerd aanbod, "
                "overeenkomst getekend, erkend). Werf eerst aanbod."
            )
        )
    lottery_commit(rnd, by)
    if rnd.variant == Variant.DIRECT:
        return _transition(rnd, RoundStatus.ALLOCATING, by)
    if rnd.variant == Variant.SHORTLIST:
        _shortlists_make(rnd, by)
    return _transition(rnd, RoundStatus.PREFERENCES, by)


def _shortlists_make(rnd: Round, by: User) -> None:
    """Variant 2: k options per student from the score optimum (see the engine README), with
    the round's committed shortlist seed."""
    seed = rnd.shortlist_seed
    assert seed is not None  # committed just before, under the same lock
    lists = engine.make_shortlists(round_snapshot(rnd), seed, rnd.shortlist_size)
    lists = {s: lst for s, lst in lists.items() if lst}
    if not lists:
        raise ValidationError(
            _(
                "Geen enkele student heeft een geschikte plek voor een shortlist (opleiding, "
                "reistijd, periode). Werf eerst aanbod of kies variant 1."
            )
        )
    ShortlistItem.objects.filter(round=rnd).delete()
    ShortlistItem.objects.bulk_create(
        [
            ShortlistItem(round=rnd, profile_id=int(s), offer_id=int(o), position=i)
            for s, lst in lists.items()
            for i, o in enumerate(lst, start=1)
        ]
    )
    audit(rnd, by, "shortlists_made", commitment=rnd.seed_commitment, students=len(lists))


@transaction.atomic
def round_start_allocating(*, round: Round, by: User, now: dt.datetime | None = None) -> Round:
    """Preferences -> allocating: the students' ranking closes. Refused while the preference
    period the students were promised is still running."""
    now = now or timezone.now()
    rnd = locked(round)
    require_status(rnd, RoundStatus.PREFERENCES)
    if rnd.preferences_close_at and rnd.preferences_close_at > now:
        raise ValidationError(
            _(
                "De voorkeursperiode loopt nog tot %(at)s. Studenten mogen tot dat moment kiezen; "
                "ga daarna naar toewijzen."
            )
            % {"at": _moment(rnd.preferences_close_at)}
        )
    return _transition(rnd, RoundStatus.ALLOCATING, by)


def round_start_review(*, rnd: Round, by: User) -> Round:
    """Allocating -> review, the moment a run is chosen as the proposal (`proposal.run_choose`
    checks the run and holds the round's lock)."""
    require_status(rnd, RoundStatus.ALLOCATING)
    if not rnd.matches.exists():
        raise ValidationError(_("Er is nog geen voorstel: kies eerst een afgeronde run."))
    return _transition(rnd, RoundStatus.REVIEW, by)
