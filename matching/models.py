"""Matching rounds: runs of the engine, proposed matches, four-eyes review, one release moment."""

from __future__ import annotations

import datetime as dt
import secrets
import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Institution
from accounts.tenancy import school_manager
from companies.models import Offer
from placements.models import Placement
from programmes.models import Programme
from students.models import LearningProfile

from . import checks
from .choices import MatchStatus, RoundStatus, RunStatus, Variant
from .choices import ObjectionStatus as ObjectionStatus

# The only allowed moves of the state machine (anything else is refused). Each move is its own
# service with its own preconditions (matching.services.rounds_moves and rounds_release).
TRANSITIONS: dict[str, set[str]] = {
    RoundStatus.DRAFT: {RoundStatus.INTAKE},
    RoundStatus.INTAKE: {RoundStatus.PREFERENCES, RoundStatus.ALLOCATING},
    RoundStatus.PREFERENCES: {RoundStatus.ALLOCATING},
    RoundStatus.ALLOCATING: {RoundStatus.REVIEW},
    RoundStatus.REVIEW: {RoundStatus.APPROVED},
    RoundStatus.APPROVED: {RoundStatus.RELEASED, RoundStatus.REVIEW},
    RoundStatus.RELEASED: {RoundStatus.CLOSED},
    RoundStatus.CLOSED: set(),
}


# Variant 3: students rank their top 3.
TOP_CHOICES = 3


def _salt() -> str:
    return secrets.token_hex(16)


def _sort_key() -> int:  # random, drawn once and stored (ORDER BY RANDOM() would reshuffle)
    return secrets.randbits(62)


class Round(models.Model):
    institution = models.ForeignKey(
        Institution,
        on_delete=models.CASCADE,
        related_name="rounds",
        verbose_name=_("onderwijsinstelling"),
    )
    name = models.CharField(_("naam"), max_length=200)
    programmes = models.ManyToManyField(
        Programme, verbose_name=_("opleidingen"), related_name="rounds"
    )
    cohort = models.PositiveSmallIntegerField(_("cohort"), validators=checks.COHORT_VALIDATORS)
    variant = models.CharField(
        _("variant"), max_length=10, choices=Variant.choices, default=Variant.DIRECT
    )
    weights = models.JSONField(_("gewichten"), default=dict, blank=True)
    # Place students with a support need and students being re-placed first (engine level 0).
    priority = models.BooleanField(
        _("voorrang voor extra begeleiding en herplaatsing"), default=False
    )
    shortlist_size = models.PositiveSmallIntegerField(
        _("opties per student (variant 2)"), default=3, validators=checks.SHORTLIST_VALIDATORS
    )
    intake_closes_at = models.DateTimeField(_("intake sluit"), null=True, blank=True)
    preferences_open_at = models.DateTimeField(_("voorkeuren open"), null=True, blank=True)
    preferences_close_at = models.DateTimeField(_("voorkeuren sluiten"), null=True, blank=True)
    release_at = models.DateTimeField(_("moment van bekendmaking"), null=True, blank=True)
    objection_days = models.PositiveSmallIntegerField(
        _("dagen om bezwaar te maken"), default=5, validators=checks.OBJECTION_VALIDATORS
    )
    review_score_threshold = models.PositiveSmallIntegerField(
        _("scoregrens beoordeling"),
        default=50,
        validators=[MaxValueValidator(100)],
        help_text=_("Een match met een lagere score moet los worden goedgekeurd, niet in bulk."),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=RoundStatus.choices, default=RoundStatus.DRAFT
    )
    chosen_run = models.ForeignKey(
        "Run",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gekozen run"),
    )
    chosen_reason = models.TextField(_("reden van de keuze"), blank=True)
    # The lottery (matching.services.lottery): seeds committed (SHA-256) at the intake's
    # close, published at the release.
    shortlist_seed = models.BigIntegerField(
        _("shortlist-seed"), null=True, blank=True, editable=False
    )
    lottery_seed = models.BigIntegerField(_("loting-seed"), null=True, blank=True, editable=False)
    seed_nonce = models.CharField(
        _("nonce van de loting"), max_length=32, blank=True, editable=False
    )
    seed_commitment = models.CharField(
        _("vastlegging van de loting (SHA-256)"), max_length=64, blank=True, editable=False
    )
    seed_committed_at = models.DateTimeField(
        _("loting vastgelegd op"), null=True, blank=True, editable=False
    )
    follow_up_of = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="follow_ups",
        verbose_name=_("vervolgronde van"),
    )
    pseudonym_salt = models.CharField(
        _("zout van de schuilnaam"), max_length=32, default=_salt, editable=False
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("aangemaakt door"),
    )
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    objects = school_manager("institution")

    class Meta:
        verbose_name = _("matchingsronde")
        verbose_name_plural = _("matchingsrondes")
        ordering = ["-created_at"]
        constraints = checks.ROUND

    def __str__(self) -> str:
        return self.name

    def is_released(self, now: dt.datetime | None = None) -> bool:
        """Visibility is decided here, by the stored moment, not by any worker being on time."""
        moment = now or timezone.now()
        return (
            self.status in (RoundStatus.RELEASED, RoundStatus.CLOSED)
            and self.release_at is not None
            and self.release_at <= moment
        )

    @property
    def preference_limit(self) -> int:
        """How many offers a student may rank: the shortlist (variant 2) or a top 3."""
        return self.shortlist_size if self.variant == Variant.SHORTLIST else TOP_CHOICES

    def preferences_open(self, now: dt.datetime | None = None) -> bool:
        """Students may rank while the round is in its preference phase, within its dates."""
        now = now or timezone.now()
        return (
            self.status == RoundStatus.PREFERENCES
            and (self.preferences_open_at is None or self.preferences_open_at <= now)
            and (self.preferences_close_at is None or now <= self.preferences_close_at)
        )

    @property
    def objection_deadline(self) -> dt.datetime | None:
        """The last moment a student may object: `objection_days` after the release moment."""
        if self.release_at is None:
            return None
        return self.release_at + dt.timedelta(days=self.objection_days)

    def objection_open(self, now: dt.datetime | None = None) -> bool:
        deadline = self.objection_deadline
        return deadline is not None and (now or timezone.now()) <= deadline


class RoundTransition(models.Model):
    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="transitions", verbose_name=_("ronde")
    )
    from_status = models.CharField(_("van status"), max_length=12, choices=RoundStatus.choices)
    to_status = models.CharField(_("naar status"), max_length=12, choices=RoundStatus.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("door")
    )
    at = models.DateTimeField(_("moment"), default=timezone.now)
    objects = school_manager("round__institution")

    class Meta:
        verbose_name = _("stap van een ronde")
        verbose_name_plural = _("stappen van rondes")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"


class Run(models.Model):
    """One allocation run: its immutable input snapshot, seed, engine version and result."""

    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="runs", verbose_name=_("ronde")
    )
    number = models.PositiveIntegerField(_("nummer"))
    status = models.CharField(
        _("status"), max_length=8, choices=RunStatus.choices, default=RunStatus.READY
    )
    seed = models.BigIntegerField(_("loting-seed"))
    snapshot = models.JSONField(_("invoer"), default=dict)
    input_sha256 = models.CharField(_("SHA-256 van de invoer"), max_length=64)
    engine_version = models.CharField(_("engine-versie"), max_length=20, blank=True)
    output = models.JSONField(_("uitkomst"), default=dict, blank=True)
    output_sha256 = models.CharField(_("SHA-256 van de uitkomst"), max_length=64, blank=True)
    quality = models.JSONField(_("kwaliteit"), default=dict, blank=True)
    # Small copies of what pages show, so that no page reads `snapshot` or `output` (megabytes
    # in a large round): the round's settings (prepare) and the shortages (execute).
    engine_settings = models.JSONField(_("instellingen"), default=dict, blank=True)
    shortages = models.JSONField(_("tekorten"), default=list, blank=True)
    progress = models.PositiveSmallIntegerField(_("voortgang"), default=0)
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
    # The whole engine input and output: only the run's task, replay and choosing read them.
    LARGE_FIELDS = ("snapshot", "output")

    class Meta:
        verbose_name = _("run")
        verbose_name_plural = _("runs")
        ordering = ["round", "number"]
        constraints = checks.RUN + [
            models.UniqueConstraint(fields=["round", "number"], name="run_unique_number")
        ]

    def __str__(self) -> str:
        return f"{self.round} #{self.number}"


class Match(models.Model):
    """A proposed placement of one student (by learning profile) at one offer, or unplaced.
    Blind review: addresses use `public_id` (a UUID, not the creation-ordered pk) and lists
    sort by `sort_key` (random, stored), so neither names the student by their position."""

    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="matches", verbose_name=_("ronde")
    )
    public_id = models.UUIDField(_("adres"), default=uuid.uuid4, unique=True, editable=False)
    sort_key = models.BigIntegerField(_("sorteersleutel"), default=_sort_key, editable=False)
    profile = models.ForeignKey(
        LearningProfile,
        on_delete=models.PROTECT,
        related_name="matches",
        verbose_name=_("leerprofiel"),
    )
    offer = models.ForeignKey(
        Offer,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="matches",
        verbose_name=_("aanbod"),
    )
    pseudonym = models.CharField(_("schuilnaam"), max_length=8)
    score = models.FloatField(_("score"), null=True, blank=True)
    travel_minutes = models.FloatField(_("reistijd (minuten)"), null=True, blank=True)
    max_travel_minutes = models.PositiveSmallIntegerField(
        _("maximale reistijd (minuten)"), null=True, blank=True
    )  # the student's
    # As the chosen run proposed it: a move that lowers the score or lengthens travel is flagged.
    proposed_score = models.FloatField(_("voorgestelde score"), null=True, blank=True)
    proposed_travel_minutes = models.FloatField(
        _("voorgestelde reistijd (minuten)"), null=True, blank=True
    )
    explanation = models.JSONField(_("uitleg"), default=dict, blank=True)
    unplaced_reason = models.JSONField(_("reden zonder plek"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=MatchStatus.choices, default=MatchStatus.PROPOSED
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gewijzigd door"),
    )
    change_justification = models.TextField(_("onderbouwing van de wijziging"), blank=True)
    objection = models.TextField(_("bezwaar"), blank=True)
    # The learning wishes and work processes the match was made on (from the chosen run's
    # input), copied when the run is chosen: what the company sees, whatever changes later.
    wishes = models.JSONField(_("leerwensen (kopie)"), default=dict, blank=True)
    # The student's objective profile in the chosen run's input (for the review page).
    objective = models.JSONField(_("objectief profiel"), default=dict, blank=True)
    # The seat in the placement ledger, claimed when the round is approved.
    placement = models.OneToOneField(
        Placement,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="match",
        verbose_name=_("stage"),
    )
    objects = school_manager("round__institution")
    # What only one match's page reads; lists leave them out.
    LARGE_FIELDS = ("explanation", "unplaced_reason", "wishes", "objective")

    class Meta:
        verbose_name = _("match")
        verbose_name_plural = _("matches")
        ordering = ["round", "sort_key"]
        indexes = [models.Index(fields=["round", "sort_key"], name="match_review_order")]
        constraints = [
            models.UniqueConstraint(fields=["round", "profile"], name="match_unique_student"),
            models.UniqueConstraint(fields=["round", "pseudonym"], name="match_unique_pseudonym"),
        ]

    def __str__(self) -> str:
        return self.pseudonym


class Approval(models.Model):
    match = models.ForeignKey(
        Match, on_delete=models.CASCADE, related_name="approvals", verbose_name=_("match")
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("door")
    )
    at = models.DateTimeField(_("moment"), default=timezone.now)
    opened = models.BooleanField(
        _("geopend"), default=False
    )  # approved on the match's own page, not in bulk
    objects = school_manager("match__round__institution")

    class Meta:
        verbose_name = _("goedkeuring")
        verbose_name_plural = _("goedkeuringen")
        constraints = [
            models.UniqueConstraint(fields=["match", "by"], name="approval_once_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.match} ✓ {self.by}"


class AuditEvent(models.Model):
    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="audit", verbose_name=_("ronde")
    )
    match = models.ForeignKey(
        Match,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="audit",
        verbose_name=_("match"),
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("wie"),
    )
    action = models.CharField(_("actie"), max_length=32)
    detail = models.JSONField(_("details"), default=dict, blank=True)
    at = models.DateTimeField(_("moment"), default=timezone.now)
    objects = school_manager("round__institution")

    class Meta:
        verbose_name = _("logregel")
        verbose_name_plural = _("logboek")
        ordering = ["-at", "-id"]
        # A round's page shows its latest lines: read from the index, not by sorting every
        # line of the round (15,000 after a 10,000-student round).
        indexes = [models.Index(fields=["round", "-at", "-id"], name="auditevent_round_latest")]

    def __str__(self) -> str:
        return f"{self.at:%d-%m %H:%M} {self.action}"


# Re-exported from their own modules: places per offer, background jobs, re-placements, and
# what students and companies add to a round (rankings, notices, objections, meetings).
from .capacity import RoundCapacity as RoundCapacity  # noqa: E402
from .jobs import RoundJob as RoundJob  # noqa: E402
from .participation import IntroMeeting as IntroMeeting  # noqa: E402
from .participation import Notification as Notification  # noqa: E402
from .participation import Objection as Objection  # noqa: E402
from .participation import Preference as Preference  # noqa: E402
from .participation import ShortlistItem as ShortlistItem  # noqa: E402
from .replacements import Replacement as Replacement  # noqa: E402
