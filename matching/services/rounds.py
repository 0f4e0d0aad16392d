"""Rounds: creation, the state machine, follow-up rounds."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import Institution, User
from matching.engine import Weights
from matching.models import TRANSITIONS, Round, RoundStatus, RoundTransition, Variant
from programmes.models import Programme

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
    (intake_closes_at, preferences_open_at, preferences_close_at, objection_days, …)."""
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
def round_transition(*, round: Round, to: str, by: User) -> Round:
    """Move the round along the state machine; any move not in TRANSITIONS is refused."""
    if to not in RoundStatus.values:
        raise ValidationError(_("Onbekende status."))
    rnd = Round.objects.select_for_update().get(pk=round.pk)
    if to not in TRANSITIONS[rnd.status]:
        raise ValidationError(
            _("Van '%(a)s' naar '%(b)s' kan niet.")
            % {"a": RoundStatus(rnd.status).label, "b": RoundStatus(to).label}
        )
    if to == RoundStatus.PREFERENCES and rnd.variant == Variant.DIRECT:
        raise ValidationError(_("Een directe ronde heeft geen voorkeursfase."))
    RoundTransition.objects.create(round=rnd, from_status=rnd.status, to_status=to, by=by)
    rnd.status = to
    rnd.save(update_fields=["status"])
    audit(rnd, by, "transition", to=to)
    return rnd


@transaction.atomic
def follow_up_create(*, round: Round, by: User) -> Round:
    """A new round for the students this round left unplaced, with the places left and the
    places recruited since (see `matching.selectors.snapshot`)."""
    round.refresh_from_db()
    if round.status not in (RoundStatus.RELEASED, RoundStatus.CLOSED):
        raise ValidationError(_("Een vervolgronde start je na de bekendmaking."))
    return round_create(
        institution=round.institution,
        name=_("Vervolgronde: %(name)s") % {"name": round.name},
        programmes=list(round.programmes.all()),
        cohort=round.cohort,
        variant=Variant.DIRECT,
        by=by,
        weights=round.weights,
        follow_up_of=round,
    )
