"""The database checks of the matching models (kept here so `models.py` stays readable).

Each rule is also a validator on its field, so the round form shows it next to the field; the
date order is checked by `RoundForm.clean` with the same message.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from catalog.constraints import COHORTS, at_least, between, between_validators, in_order

SHORTLIST_SIZES = (1, 10)
# Up to six weeks, as for a bezwaar under Dutch administrative law.
OBJECTION_DAYS = (1, 42)
PREFERENCE_ORDER_MESSAGE = _("De voorkeursperiode moet sluiten na het moment dat ze opent.")

COHORT_VALIDATORS = between_validators(*COHORTS)
SHORTLIST_VALIDATORS = between_validators(*SHORTLIST_SIZES)
OBJECTION_VALIDATORS = between_validators(*OBJECTION_DAYS)

ROUND: list[models.BaseConstraint] = [
    between("cohort", *COHORTS, label=_("Het cohort"), name="round_cohort_range"),
    between(
        "shortlist_size",
        *SHORTLIST_SIZES,
        label=_("Het aantal opties per student"),
        name="round_shortlist_size_range",
    ),
    between(
        "objection_days",
        *OBJECTION_DAYS,
        label=_("Het aantal dagen om bezwaar te maken"),
        name="round_objection_days_range",
    ),
    between(
        "review_score_threshold",
        0,
        100,
        label=_("De scoregrens"),
        name="round_review_threshold_range",
    ),
    in_order(
        "preferences_open_at",
        "preferences_close_at",
        strict=True,
        name="round_preferences_order",
        message=PREFERENCE_ORDER_MESSAGE,
    ),
]
RUN: list[models.BaseConstraint] = [
    at_least("number", 1, label=_("Het nummer"), name="run_number_positive"),
    between("progress", 0, 100, label=_("De voortgang"), name="run_progress_range"),
]
PREFERENCE: list[models.BaseConstraint] = [
    at_least("rank", 1, label=_("De keuze"), name="preference_rank_positive")
]
SHORTLIST: list[models.BaseConstraint] = [
    at_least("position", 1, label=_("De plaats"), name="shortlist_position_positive")
]
