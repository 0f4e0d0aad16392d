"""A direct re-placement after a company refused a student (re-exported by matching.models).

One person proposes an offer, a second approves it; the approval makes the move in the ledger
(`placements.services.placement_replace`). The remedy of an upheld objection keeps its
proposal on the objection itself (`Objection.replacement_*`).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.tenancy import school_manager
from companies.models import Offer
from placements.models import Placement


class ReplacementStatus(models.TextChoices):
    PROPOSED = "proposed", _("Voorgesteld")
    APPROVED = "approved", _("Goedgekeurd")
    REFUSED = "refused", _("Niet goedgekeurd")


class Replacement(models.Model):
    placement = models.ForeignKey(
        Placement,
        on_delete=models.PROTECT,
        related_name="replacement_proposals",
        verbose_name=_("stage"),
    )
    offer = models.ForeignKey(
        Offer, on_delete=models.PROTECT, related_name="+", verbose_name=_("aanbod")
    )
    reason = models.TextField(_("waarom deze plek"), max_length=2000)
    status = models.CharField(
        _("status"),
        max_length=8,
        choices=ReplacementStatus.choices,
        default=ReplacementStatus.PROPOSED,
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("voorgesteld door"),
    )
    proposed_at = models.DateTimeField(_("voorgesteld op"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        verbose_name=_("besloten door"),
    )
    decided_at = models.DateTimeField(_("besloten op"), null=True, blank=True)
    new_placement = models.OneToOneField(
        Placement,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("nieuwe stage"),
    )
    objects = school_manager("placement__student__programme__institution")

    class Meta:
        ordering = ["-proposed_at", "-pk"]
        verbose_name = _("herplaatsing")
        verbose_name_plural = _("herplaatsingen")
        constraints = [
            models.UniqueConstraint(
                fields=["placement"],
                condition=models.Q(status="proposed"),
                name="replacement_one_open_proposal",
            ),
            models.CheckConstraint(
                condition=~models.Q(reason=""), name="replacement_reason_filled"
            ),
        ]

    def __str__(self) -> str:
        return f"herplaatsing {self.placement_id} → {self.offer_id}"
