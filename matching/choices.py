"""The choices of matching's models (kept apart so the models module stays readable)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Variant(models.TextChoices):
    DIRECT = "direct", _("1. Direct: de school maakt één match per student")
    SHORTLIST = "shortlist", _("2. Shortlist: studenten ordenen een paar voorstellen")
    TOP3 = "top3", _("3. Top-3: studenten kiezen hun top 3 uit presentaties")


class RoundStatus(models.TextChoices):
    DRAFT = "draft", _("Concept")
    INTAKE = "intake", _("Intake")
    PREFERENCES = "preferences", _("Voorkeuren")
    ALLOCATING = "allocating", _("Toewijzen")
    REVIEW = "review", _("Beoordeling")
    APPROVED = "approved", _("Goedgekeurd")
    RELEASED = "released", _("Bekendgemaakt")
    CLOSED = "closed", _("Afgesloten")


class RunStatus(models.TextChoices):
    READY = "ready", _("Klaar om te starten")
    QUEUED = "queued", _("In de wachtrij")
    RUNNING = "running", _("Bezig")
    DONE = "done", _("Klaar")
    FAILED = "failed", _("Mislukt")


class MatchStatus(models.TextChoices):
    PROPOSED = "proposed", _("Voorstel")
    OBJECTED = "objected", _("Bezwaar van beoordelaar")
    APPROVED = "approved", _("Goedgekeurd (2x)")


class ObjectionStatus(models.TextChoices):
    FILED = "filed", _("Ingediend")
    IN_PROGRESS = "in_progress", _("In behandeling")
    UPHELD = "upheld", _("Toegekend")
    REJECTED = "rejected", _("Afgewezen")
