"""An institution's programmes (opleidingen) with their qualification units.

Core tasks and work processes are stored per programme, so they are school data scoped by
the programme's institution. The tables keep the names they had in `accounts`
(`accounts_programme`, …), so existing databases needed no data migration for the move.
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import Institution, Team
from accounts.tenancy import school_manager
from catalog.models import Elective, Pathway
from catalog.validators import (
    core_task_code_validator,
    crebo_validator,
    work_process_code_validator,
)


class Programme(models.Model):
    """An opleiding: a qualification (crebo) at a level, offered in a pathway by a team."""

    institution = models.ForeignKey(
        Institution,
        verbose_name=_("instelling"),
        on_delete=models.CASCADE,
        related_name="programmes",
    )
    team = models.ForeignKey(
        Team,
        verbose_name=_("onderwijsteam"),
        on_delete=models.PROTECT,
        related_name="programmes",
        null=True,
        blank=True,
    )
    name = models.CharField(_("naam"), max_length=200)
    crebo = models.CharField(_("crebo"), max_length=5, validators=[crebo_validator])
    level = models.PositiveSmallIntegerField(
        _("niveau"), validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    pathway = models.CharField(_("leerweg"), max_length=3, choices=Pathway.choices)
    electives = models.ManyToManyField(
        Elective,
        verbose_name=_("keuzedelen"),
        related_name="programmes",
        blank=True,
        db_table="accounts_elective_programmes",
    )
    objects = school_manager("institution")

    class Meta:
        db_table = "accounts_programme"
        verbose_name = _("opleiding")
        verbose_name_plural = _("opleidingen")
        ordering = ["name", "pathway"]
        constraints = [
            models.UniqueConstraint(
                fields=["institution", "crebo", "pathway"], name="programme_unique_crebo"
            ),
            models.CheckConstraint(
                condition=models.Q(level__gte=1, level__lte=4),
                name="programme_level_1_4",
                violation_error_message=_("Het niveau moet van 1 tot en met 4 zijn."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.crebo}, niveau {self.level}, {self.pathway})"


class CoreTask(models.Model):
    """A kerntaak of the programme's qualification file."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("opleiding"), on_delete=models.CASCADE, related_name="core_tasks"
    )
    code = models.CharField(_("code"), max_length=12, validators=[core_task_code_validator])
    name = models.CharField(_("naam"), max_length=255)
    objects = school_manager("programme__institution")

    class Meta:
        db_table = "accounts_coretask"
        verbose_name = _("kerntaak")
        verbose_name_plural = _("kerntaken")
        ordering = ["programme", "code"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "code"], name="coretask_unique_code")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class WorkProcess(models.Model):
    """A werkproces: the unit a student wants to practise and a company offers."""

    core_task = models.ForeignKey(
        CoreTask,
        verbose_name=_("kerntaak"),
        on_delete=models.CASCADE,
        related_name="work_processes",
    )
    code = models.CharField(_("code"), max_length=16, validators=[work_process_code_validator])
    name = models.CharField(_("naam"), max_length=255)
    objects = school_manager("core_task__programme__institution")

    class Meta:
        db_table = "accounts_workprocess"
        verbose_name = _("werkproces")
        verbose_name_plural = _("werkprocessen")
        ordering = ["core_task__programme", "code"]
        constraints = [
            models.UniqueConstraint(fields=["core_task", "code"], name="workprocess_unique_code")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"
