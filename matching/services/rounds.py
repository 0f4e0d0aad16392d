"""Rounds: creation, follow-up rounds, and the one private step every move of a round takes.

A round moves along its state machine only through the services in `rounds_moves` and
`rounds_release` (one per move, each with its own preconditions); `_transition` is the
private step they share: it checks the table of legal moves and records who moved when.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Institution, User
from matching.engine import Weights
from matching.models import TRANSITIONS, Round, RoundStatus, RoundTransition, Variant
from programmes.models import Programme
from students import portal

from .audit import audit


@transaction.atomic
def round_create(
    *,
    institution: Institution,
    name: str,
    programmes: list[Programme],
    cohort: int,
    variant: str,
    by: User,
    weights: dict[str, float] | None = None,
    follow_up_of: Round | None = None,
    **dates: Any,
) -> Round:
    """A new round in draft. `dates` are the round's optional date and number fields
    (preferences_open_at, preferences_close_at, objection_days, …). Its intake date comes from
    the planning (`students.portal.intake_closes_at`, the one rule for intake dates) unless a
    caller that runs the round right away (a benchmark, a test) states it.

    Students who already have a placement never take part (see
    `matching.selectors.population`); the round page says how many and why."""
    if "intake_closes_at" not in dates:
        dates["intake_closes_at"] = portal.intake_closes_at(
            institution.pk, [p.pk for p in programmes], timezone.now()
        )
    rnd = Round(
        institution=institution,
        name=name,
        cohort=cohort,
        variant=variant,
        created_by=by,
        weights=weights or Weights().as_dict(),
        follow_up_of=follow_up_of,
        **dates,
    )
    rnd.full_clean(exclude=["chosen_run"])
    rnd.save()
    rnd.programmes.set(programmes)
    audit(rnd, by, "round_created", variant=variant)
    return rnd


@transaction.atomic
def follow_up_create(*, round: Round, by: User) -> Round:
    """A direct round for the same programmes and cohort after the release. Like any round it
    takes exactly the students without a placement and the seats still free, however many
    rounds came before (the placement ledger decides both)."""
    round.refresh_from_db()
    if not round.is_released():
        raise ValidationError(_("Een vervolgronde start je na het moment van bekendmaking."))
    return round_create(
        institution=round.institution,
        name=_("Vervolgronde: %(name)s") % {"name": round.name},
        programmes=list(round.programmes.all()),
        cohort=round.cohort,
        variant=Variant.DIRECT,
        by=by,
        weights=round.weights,
        priority=round.priority,
        follow_up_of=round,
        review_score_threshold=round.review_score_threshold,
        # The planning's intake date is the first round's: a follow-up round takes in forms
        # (of students still without a placement) until the coordinator closes its intake.
        intake_closes_at=None,
    )


def _transition(rnd: Round, to: RoundStatus, by: User) -> Round:
    """The shared last step of every move. The caller holds the round's row lock (it read it
    with `select_for_update`) and has checked the move's own preconditions."""
    if to not in TRANSITIONS[rnd.status]:
        raise ValidationError(
            _("Van '%(a)s' naar '%(b)s' kan niet.")
            % {"a": RoundStatus(rnd.status).label, "b": to.label}
        )
    RoundTransition.objects.create(round=rnd, from_status=rnd.status, to_status=to, by=by)
    rnd.status = to
    rnd.save(update_fields=["status"])
    audit(rnd, by, "transition", to=str(to))
    return rnd


def locked(round: Round) -> Round:
    """The round re-read under its row lock: every move starts here, so two coordinators
    pressing buttons at once are served one after the other."""
    return Round.objects.select_for_update().get(pk=round.pk)


def require_status(rnd: Round, *statuses: RoundStatus) -> None:
    if rnd.status not in statuses:
        raise ValidationError(
            _("Dat kan niet in de fase '%(now)s'; het kan in: %(ok)s.")
            % {
                "now": RoundStatus(rnd.status).label,
                "ok": ", ".join(f"'{s.label}'" for s in statuses),
            }
        )
