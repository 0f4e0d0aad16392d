"""A round's places per offer (re-exported by matching.models)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.tenancy import school_manager
from companies.models import Offer


class RoundCapacity(models.Model):
    """Places per offer in a round, with a database check that they are never overfilled.

    Moves claim a place with a conditional UPDATE (used < capacity), which PostgreSQL
    re-checks under the row lock, so two reviewers can never take the same last place.
    """

    round = models.ForeignKey(
        "matching.Round",
        on_delete=models.CASCADE,
        related_name="capacities",
        verbose_name=_("ronde"),
    )
    offer = models.ForeignKey(
        Offer, on_delete=models.CASCADE, related_name="+", verbose_name=_("aanbod")
    )
    capacity = models.PositiveSmallIntegerField(_("plaatsen"))
    used = models.PositiveSmallIntegerField(_("bezet"), default=0)
    # The offer's objective profile in the chosen run's input (for a match's alternatives).
    profile = models.JSONField(_("leerprofiel"), default=dict, blank=True)
    objects = school_manager("round__institution")

    class Meta:
        verbose_name = _("plaatsen van een aanbod in een ronde")
        verbose_name_plural = _("plaatsen per aanbod en ronde")
        constraints = [
            models.UniqueConstraint(fields=["round", "offer"], name="capacity_unique"),
            models.CheckConstraint(
                condition=models.Q(used__lte=models.F("capacity")),
                name="capacity_never_exceeded",
                violation_error_message=_("Dit aanbod heeft geen vrije plaats meer."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.used}/{self.capacity}"
