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
    RECEIVED = "received", _("Ontvangen")
    CHECKING = "checking", _("Wordt gecontroleerd")
    REFUSED = "refused", _("Geweigerd")
    PREVIEW = "preview", _("Voorbeeld")
    APPLYING = "applying", _("Wordt ingelezen")
    APPLIED = "applied", _("Ingelezen")


# The states in which a task is busy with the batch (the page shows its progress).
BUSY = (ImportStatus.RECEIVED, ImportStatus.CHECKING, ImportStatus.APPLYING)


class ImportBatch(models.Model):
    """An uploaded spreadsheet between preview and commit: its rows, errors and outcome."""

    institution = models.ForeignKey(
        Institution,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("onderwijsinstelling"),
    )
    kind = models.CharField(_("soort"), max_length=16, choices=ImportKind.choices)
    filename = models.CharField(_("bestand"), max_length=255)
    # The uploaded file between the upload and the check (at most 10 MB); emptied once read.
    content = models.BinaryField(_("bestand"), default=bytes, editable=False)
    progress = models.PositiveSmallIntegerField(_("voortgang"), default=0)
    message = models.TextField(_("melding"), blank=True)
    rows = models.JSONField(_("regels"), default=list)
    errors = models.JSONField(_("fouten"), default=list)
    summary = models.JSONField(_("samenvatting"), default=dict)
    status = models.CharField(
        _("status"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.PREVIEW
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("aangemaakt door"),
    )
    created_at = models.DateTimeField(_("geüpload op"), default=timezone.now)
    applied_at = models.DateTimeField(_("ingelezen op"), null=True, blank=True)
    objects = school_manager("institution")

    class Meta:
        db_table = "accounts_importbatch"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress__lte=100),
                name="importbatch_progress_at_most_100",
                violation_error_message=_("De voortgang is hoogstens 100."),
            ),
        ]
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.filename}"

    @property
    def busy(self) -> bool:
        return self.status in BUSY
