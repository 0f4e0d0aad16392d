"""The log of bpv-docent assignments: who made whom the bpv-docent of which placement, and who
it was before. One row per placement per change, written in bulk with the assignment."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.tenancy import school_manager
from placements.models import Placement


class SupervisionChange(models.Model):
    placement = models.ForeignKey(
        Placement, on_delete=models.CASCADE, related_name="+", verbose_name=_("stage")
    )
    teacher = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("nieuwe bpv-docent"),
    )
    previous = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("vorige bpv-docent"),
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("toegewezen door"),
    )
    at = models.DateTimeField(_("moment"), default=timezone.now)
    objects = school_manager("placement__student__programme__institution")

    class Meta:
        verbose_name = _("wijziging bpv-docent")
        verbose_name_plural = _("wijzigingen bpv-docent")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"bpv-docent {self.placement_id} {self.at:%d-%m-%Y %H:%M}"
