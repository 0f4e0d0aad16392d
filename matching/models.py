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
from .choices import MatchStatus, ObjectionStatus, RoundStatus, RunStatus, Variant

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
    institution = models.ForeignKey(Institution, on_delete=models.CASCADE, related_name="rounds")
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
        "Run", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    chosen_reason = models.TextField(_("reden van de keuze"), blank=True)
    # The lottery (matching.services.lottery): seeds committed (SHA-256) at the intake's
    # close, published at the release.
    shortlist_seed = models.BigIntegerField(null=True, blank=True, editable=False)
    lottery_seed = models.BigIntegerField(null=True, blank=True, editable=False)
    seed_nonce = models.CharField(max_length=32, blank=True, editable=False)
    seed_commitment = models.CharField(max_length=64, blank=True, editable=False)
    seed_committed_at = models.DateTimeField(null=True, blank=True, editable=False)
    follow_up_of = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="follow_ups"
    )
    pseudonym_salt = models.CharField(max_length=32, default=_salt, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
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
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=12, choices=RoundStatus.choices)
    to_status = models.CharField(max_length=12, choices=RoundStatus.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    objects = school_manager("round__institution")

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"


class Run(models.Model):
    """One allocation run: its immutable input snapshot, seed, engine version and result."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="runs")
    number = models.PositiveIntegerField(_("nummer"))
    status = models.CharField(max_length=8, choices=RunStatus.choices, default=RunStatus.READY)
    seed = models.BigIntegerField(_("loting-seed"))
    snapshot = models.JSONField(_("invoer"), default=dict)
    input_sha256 = models.CharField(max_length=64)
    engine_version = models.CharField(max_length=20, blank=True)
    output = models.JSONField(_("uitkomst"), default=dict, blank=True)
    output_sha256 = models.CharField(max_length=64, blank=True)
    quality = models.JSONField(_("kwaliteit"), default=dict, blank=True)
    # Small copies of what pages show, so that no page reads `snapshot` or `output` (megabytes
    # in a large round): the round's settings (prepare) and the shortages (execute).
    engine_settings = models.JSONField(_("instellingen"), default=dict, blank=True)
    shortages = models.JSONField(_("tekorten"), default=list, blank=True)
    progress = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    objects = school_manager("round__institution")
    # The whole engine input and output: only the run's task, replay and choosing read them.
    LARGE_FIELDS = ("snapshot", "output")

    class Meta:
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

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="matches")
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sort_key = models.BigIntegerField(default=_sort_key, editable=False)
    profile = models.ForeignKey(LearningProfile, on_delete=models.PROTECT, related_name="matches")
    offer = models.ForeignKey(
        Offer, on_delete=models.PROTECT, null=True, blank=True, related_name="matches"
    )
    pseudonym = models.CharField(max_length=8)
    score = models.FloatField(null=True, blank=True)
    travel_minutes = models.FloatField(null=True, blank=True)
    max_travel_minutes = models.PositiveSmallIntegerField(null=True, blank=True)  # the student's
    # As the chosen run proposed it: a move that lowers the score or lengthens travel is flagged.
    proposed_score = models.FloatField(null=True, blank=True)
    proposed_travel_minutes = models.FloatField(null=True, blank=True)
    explanation = models.JSONField(default=dict, blank=True)
    unplaced_reason = models.JSONField(default=dict, blank=True)
    status = models.CharField(
        max_length=10, choices=MatchStatus.choices, default=MatchStatus.PROPOSED
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    change_justification = models.TextField(blank=True)
    objection = models.TextField(blank=True)
    # The learning wishes and work processes the match was made on (from the chosen run's
    # input), copied when the run is chosen: what the company sees, whatever changes later.
    wishes = models.JSONField(default=dict, blank=True)
    # The student's objective profile in the chosen run's input (for the review page).
    objective = models.JSONField(default=dict, blank=True)
    # The seat in the placement ledger, claimed when the round is approved.
    placement = models.OneToOneField(
        Placement, on_delete=models.PROTECT, null=True, blank=True, related_name="match"
    )
    objects = school_manager("round__institution")
    # What only one match's page reads; lists leave them out.
    LARGE_FIELDS = ("explanation", "unplaced_reason", "wishes", "objective")

    class Meta:
        ordering = ["round", "sort_key"]
        indexes = [models.Index(fields=["round", "sort_key"], name="match_review_order")]
        constraints = [
            models.UniqueConstraint(fields=["round", "profile"], name="match_unique_student"),
            models.UniqueConstraint(fields=["round", "pseudonym"], name="match_unique_pseudonym"),
        ]

    def __str__(self) -> str:
        return self.pseudonym


class Approval(models.Model):
    match = models.ForeignKey(Match, on_delete=models.CASCADE, related_name="approvals")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    opened = models.BooleanField(default=False)  # approved on the match's own page, not in bulk
    objects = school_manager("match__round__institution")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["match", "by"], name="approval_once_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.match} ✓ {self.by}"


class AuditEvent(models.Model):
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="audit")
    match = models.ForeignKey(
        Match, on_delete=models.SET_NULL, null=True, blank=True, related_name="audit"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    action = models.CharField(max_length=32)
    detail = models.JSONField(default=dict, blank=True)
    at = models.DateTimeField(default=timezone.now)
    objects = school_manager("round__institution")

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.at:%d-%m %H:%M} {self.action}"


class Preference(models.Model):
    """A student's ranking of an offer (variants 2 and 3); companies never rank students."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="preferences")
    profile = models.ForeignKey(LearningProfile, on_delete=models.CASCADE, related_name="+")
    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="+")
    rank = models.PositiveSmallIntegerField()
    objects = school_manager("round__institution")

    class Meta:
        ordering = ["round", "profile", "rank"]
        constraints = checks.PREFERENCE + [
            models.UniqueConstraint(fields=["round", "profile", "rank"], name="pref_unique_rank"),
            models.UniqueConstraint(fields=["round", "profile", "offer"], name="pref_unique_offer"),
        ]

    def __str__(self) -> str:
        return f"{self.rank}"


class ShortlistItem(models.Model):
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="shortlist")
    profile = models.ForeignKey(LearningProfile, on_delete=models.CASCADE, related_name="+")
    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="+")
    position = models.PositiveSmallIntegerField()
    objects = school_manager("round__institution")

    class Meta:
        ordering = ["round", "profile", "position"]
        constraints = checks.SHORTLIST + [
            models.UniqueConstraint(fields=["round", "profile", "offer"], name="shortlist_unique")
        ]

    def __str__(self) -> str:
        return f"{self.position}"


class Notification(models.Model):
    """The in-app notice of a released round, once per recipient and kind (mail: outbox)."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="notifications")
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=16)  # student / company / counsellor
    read_at = models.DateTimeField(null=True, blank=True)
    objects = school_manager("round__institution")

    class Meta:
        ordering = ["-id"]
        constraints = [
            models.UniqueConstraint(fields=["round", "recipient", "kind"], name="notification_once")
        ]

    def __str__(self) -> str:
        return self.kind


class Objection(models.Model):
    """A student's bezwaar against their released match, decided with reasons (`answer`)."""

    match = models.OneToOneField(Match, on_delete=models.CASCADE, related_name="student_objection")
    reason = models.TextField(_("reden"), max_length=2000)
    status = models.CharField(
        _("status"), max_length=12, choices=ObjectionStatus.choices, default=ObjectionStatus.FILED
    )
    created_at = models.DateTimeField(default=timezone.now)
    answer = models.TextField(_("antwoord"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    # Upheld, a re-placement one proposes and another approves (`services.replacement`).
    replacement_offer = models.ForeignKey(
        Offer, on_delete=models.PROTECT, null=True, related_name="+"
    )
    replacement_reason = models.TextField(blank=True)
    replacement_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    replacement_at = models.DateTimeField(null=True, blank=True)
    replacement = models.OneToOneField(
        Placement, on_delete=models.PROTECT, null=True, blank=True, related_name="objection"
    )
    objects = school_manager("match__round__institution")

    def __str__(self) -> str:
        return self.reason[:40]


class IntroMeeting(models.Model):
    """The company's request to plan the introductory meeting (not a selection moment)."""

    match = models.OneToOneField(Match, on_delete=models.CASCADE, related_name="intro_meeting")
    proposed_at = models.DateTimeField(_("voorgesteld moment"))
    note = models.CharField(_("toelichting"), max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    objects = school_manager("match__round__institution")

    def __str__(self) -> str:
        return f"{self.proposed_at:%d-%m-%Y %H:%M}"


# Re-exported from their own modules: places per offer, background jobs, re-placements.
from .capacity import RoundCapacity as RoundCapacity  # noqa: E402
from .jobs import RoundJob as RoundJob  # noqa: E402
from .replacements import Replacement as Replacement  # noqa: E402
