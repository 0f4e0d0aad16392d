"""An uploaded spreadsheet between preview and apply.

The table keeps its old name (`accounts_importbatch`) from when it lived in `accounts`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Institution
from accounts.tenancy import school_manager


class ImportKind(models.TextChoices):
    STUDENTS = "students", _("Studenten")
    COMPANIES = "companies", _("Leerbedrijven")


class ImportStatus(models.TextChoices):
    PREVIEW = "preview", _("Voorbeeld")
    APPLIED = "applied", _("Ingelezen")


class ImportBatch(models.Model):
    """An uploaded spreadsheet between preview and commit: its rows, errors and outcome."""

    institution = models.ForeignKey(Institution, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("soort"), max_length=16, choices=ImportKind.choices)
    filename = models.CharField(_("bestand"), max_length=255)
    rows = models.JSONField(_("regels"), default=list)
    errors = models.JSONField(_("fouten"), default=list)
    summary = models.JSONField(_("samenvatting"), default=dict)
    status = models.CharField(
        _("status"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.PREVIEW
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("geüpload op"), default=timezone.now)
    applied_at = models.DateTimeField(_("ingelezen op"), null=True, blank=True)
    objects = school_manager("institution")

    class Meta:
        db_table = "accounts_importbatch"
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.filename}"
