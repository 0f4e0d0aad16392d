"""The planning (stappenplan A3): per school year and programme the steps with a date and an
owner. A step without a programme is for the whole school."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Institution
from accounts.tenancy import school_manager
from catalog.constraints import COHORTS, between, between_validators
from programmes.models import Programme


class StepKind(models.TextChoices):
    RECRUIT = "recruit", _("Bedrijven werven")
    AGREEMENT = "agreement", _("Overeenkomst getekend door bedrijven")
    INTAKE_OPEN = "intake_open", _("Leerwensformulier open")
    INTAKE_CLOSE = "intake_close", _("Leerwensformulier sluit")
    RUN = "run", _("Matching uitvoeren")
    REVIEW = "review", _("Beoordeling klaar")
    RELEASE = "release", _("Bekendmaking")
    INTRO = "intro", _("Kennismakingsgesprekken")
    POK = "pok", _("Praktijkovereenkomsten getekend")
    CONTACT = "contact", _("Contactmomenten")
    EVALUATION = "evaluation", _("Evaluatie")


# The phase of the stappenplan each step belongs to (A: school, B: companies, C: students).
STEP_PHASE = {
    StepKind.RECRUIT: "B",
    StepKind.AGREEMENT: "B",
    StepKind.INTAKE_OPEN: "C",
    StepKind.INTAKE_CLOSE: "C",
    StepKind.RUN: "C",
    StepKind.REVIEW: "C",
    StepKind.RELEASE: "C",
    StepKind.INTRO: "C",
    StepKind.POK: "C",
    StepKind.CONTACT: "C",
    StepKind.EVALUATION: "C",
}


def school_year_of(day: dt.date) -> int:
    """The school year a day falls in, by its first calendar year (1 August to 31 July)."""
    return day.year if day.month >= 8 else day.year - 1


def current_school_year() -> int:
    return school_year_of(timezone.localdate())


class PlanningStep(models.Model):
    institution = models.ForeignKey(
        Institution,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("onderwijsinstelling"),
    )
    school_year = models.PositiveSmallIntegerField(
        _("schooljaar"), validators=between_validators(*COHORTS)
    )
    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="planning_steps",
        verbose_name=_("opleiding"),
        help_text=_("Leeg: geldt voor de hele school."),
    )
    kind = models.CharField(_("stap"), max_length=16, choices=StepKind.choices)
    due_on = models.DateField(_("uiterlijk op"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verantwoordelijke"),
    )
    done_on = models.DateField(_("klaar op"), null=True, blank=True)
    objects = school_manager("institution")

    class Meta:
        verbose_name = _("planningsstap")
        verbose_name_plural = _("planning")
        ordering = ["due_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["institution", "school_year", "programme", "kind"],
                name="planning_step_once_per_programme",
            ),
            models.UniqueConstraint(
                fields=["institution", "school_year", "kind"],
                condition=models.Q(programme__isnull=True),
                name="planning_step_once_per_school",
            ),
            between("school_year", *COHORTS, label=_("Het schooljaar"), name="planning_year_range"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.due_on:%d-%m-%Y}"

    def is_overdue(self, today: dt.date | None = None) -> bool:
        return self.done_on is None and self.due_on < (today or timezone.localdate())
