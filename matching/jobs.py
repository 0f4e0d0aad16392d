"""A round's long steps as background jobs (re-exported by matching.models).

Closing the intake, preparing a run, choosing it, bulk approval and the release can take
seconds to minutes at 10,000 students. The request stores a `RoundJob` and a worker runs the
step (`matching.services.jobs`); the round page shows its progress and, when it is done, its
result or its error in Dutch.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.tenancy import school_manager


class JobKind(models.TextChoices):
    CLOSE_INTAKE = "close_intake", _("Intake sluiten")
    PREPARE = "prepare", _("Run voorbereiden")
    CHOOSE = "choose", _("Run als voorstel kiezen")
    BULK_APPROVE = "bulk_approve", _("Goedkeuren in bulk")
    RELEASE = "release", _("Bekendmaking vastleggen")


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("In de wachtrij")
    RUNNING = "running", _("Bezig")
    DONE = "done", _("Klaar")
    FAILED = "failed", _("Niet gelukt")


ACTIVE = (JobStatus.QUEUED, JobStatus.RUNNING)


class RoundJob(models.Model):
    round = models.ForeignKey(
        "matching.Round", on_delete=models.CASCADE, related_name="jobs", verbose_name=_("ronde")
    )
    kind = models.CharField(_("taak"), max_length=16, choices=JobKind.choices)
    status = models.CharField(
        _("status"), max_length=8, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("voortgang"), default=0)
    # The step's arguments (ids, filters, a moment), never personal data.
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    message = models.TextField(_("uitkomst"), blank=True)
    error = models.TextField(_("fout"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("aangemaakt door"),
    )
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    started_at = models.DateTimeField(_("gestart op"), null=True, blank=True)
    finished_at = models.DateTimeField(_("klaar op"), null=True, blank=True)
    objects = school_manager("round__institution")

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("taak van een ronde")
        verbose_name_plural = _("taken van rondes")
        constraints = [
            # One active job of a kind per round: a double click, or two coordinators at
            # once, start one step (a second preparation would make a second run).
            models.UniqueConstraint(
                fields=["round", "kind"],
                condition=models.Q(status__in=["queued", "running"]),
                name="roundjob_one_active_per_kind",
            ),
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="roundjob_progress_at_most_100"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.get_status_display()})"

    @property
    def active(self) -> bool:
        return self.status in ACTIVE
