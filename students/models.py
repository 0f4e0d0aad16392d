"""Who a student is (`Student`) and, strictly apart, what the match may use (`LearningProfile`).

The learning profile has no name, photo, birth date, gender, nationality or address: the
matching code reads only the profile (a test guards its field names).
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.tenancy import school_manager
from catalog.constraints import COHORTS, between, between_validators, filled
from catalog.models import Elective, OrganisationType, Place
from catalog.periods import PERIOD_ORDER_MESSAGE
from programmes.models import Programme, WorkProcess


class Student(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        # Never deleted with the account: erasing a student closes the account and keeps
        # this row as a pseudonym (privacy.services.erase), so no placement or match is lost.
        on_delete=models.PROTECT,
        related_name="student",
    )
    programme = models.ForeignKey(
        Programme, verbose_name=_("opleiding"), on_delete=models.PROTECT, related_name="students"
    )
    student_number = models.CharField(
        _("studentnummer"),
        max_length=20,
        validators=[
            RegexValidator(r"^[A-Za-z0-9-]{3,20}$", _("Gebruik 3 tot 20 letters of cijfers."))
        ],
    )
    cohort = models.PositiveSmallIntegerField(
        _("cohort (startjaar)"), validators=between_validators(*COHORTS)
    )
    counsellor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("slb'er / mentor"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="counselled_students",
    )
    reminded_at = models.DateTimeField(_("laatste herinnering"), null=True, blank=True)
    # Only for the praktijkovereenkomst: a student under 18 at its start signs with a parent
    # or guardian. Never part of the learning profile, never read by matching.
    date_of_birth = models.DateField(_("geboortedatum"), null=True, blank=True)
    guardian_name = models.CharField(_("naam ouder/verzorger"), max_length=150, blank=True)
    guardian_email = models.EmailField(_("e-mail ouder/verzorger"), blank=True)
    # The student left the programme or the school (recorded by staff, `student_leave`): out
    # of follow-up rounds, re-placement and reminders from that day.
    left_on = models.DateField(_("gestopt met de opleiding per"), null=True, blank=True)
    left_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gestopt vastgelegd door"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    objects = school_manager("programme__institution")

    class Meta:
        verbose_name = _("student")
        verbose_name_plural = _("studenten")
        ordering = ["student_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "student_number"], name="student_unique_number"
            ),
            between("cohort", *COHORTS, label=_("Het cohort"), name="student_cohort_range"),
        ]

    def __str__(self) -> str:
        return f"{self.student_number}"


class TransportMode(models.TextChoices):
    BIKE = "bike", _("Fiets")
    PUBLIC_TRANSPORT = "public_transport", _("Openbaar vervoer")
    CAR = "car", _("Auto")
    SCOOTER = "scooter", _("Scooter")
    WALK = "walk", _("Lopen")


class ProfileStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Niet begonnen")
    DRAFT = "draft", _("Concept")
    SUBMITTED = "submitted", _("Ingediend")
    OPTED_OUT = "opted_out", _("Zoekt zelf een stage")


class LearningProfile(models.Model):
    """The objective learning profile: everything the match may use, nothing else."""

    student = models.OneToOneField(
        Student, on_delete=models.PROTECT, related_name="profile", verbose_name=_("student")
    )
    status = models.CharField(
        _("status"), max_length=16, choices=ProfileStatus.choices, default=ProfileStatus.NOT_STARTED
    )
    learning_wish_1 = models.TextField(_("leerwens 1"), max_length=500, blank=True)
    learning_wish_2 = models.TextField(_("leerwens 2"), max_length=500, blank=True)
    learning_wish_3 = models.TextField(_("leerwens 3"), max_length=500, blank=True)
    work_processes = models.ManyToManyField(
        WorkProcess,
        through="WishedWorkProcess",
        verbose_name=_("werkprocessen die je wilt oefenen"),
        blank=True,
    )
    organisation_types = models.ManyToManyField(
        OrganisationType, verbose_name=_("voorkeur type organisatie"), blank=True
    )
    electives = models.ManyToManyField(Elective, verbose_name=_("keuzedelen"), blank=True)
    home_place = models.ForeignKey(
        Place,
        verbose_name=_("vertrekplaats"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    transport_mode = models.CharField(
        _("vervoer"), max_length=20, choices=TransportMode.choices, blank=True
    )
    max_travel_minutes = models.PositiveSmallIntegerField(
        _("maximale reistijd (minuten)"),
        null=True,
        blank=True,
        validators=between_validators(5, 180),
    )
    extra_places = models.ManyToManyField(
        Place, verbose_name=_("andere plaatsen die je kunt bereiken"), blank=True, related_name="+"
    )
    available_from = models.DateField(_("beschikbaar vanaf"), null=True, blank=True)
    available_until = models.DateField(_("beschikbaar tot en met"), null=True, blank=True)
    hours_per_week = models.PositiveSmallIntegerField(
        _("uren per week"),
        null=True,
        blank=True,
        validators=between_validators(4, 40),
    )
    unavailable_days = models.JSONField(_("dagen dat je niet kunt"), default=list, blank=True)
    needs_extra_supervision = models.BooleanField(_("extra begeleiding nodig"), default=False)
    submitted_at = models.DateTimeField(_("ingediend op"), null=True, blank=True)
    updated_at = models.DateTimeField(_("laatst gewijzigd"), auto_now=True)
    objects = school_manager("student__programme__institution")

    class Meta:
        verbose_name = _("leerprofiel")
        verbose_name_plural = _("leerprofielen")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(available_until__isnull=True)
                | models.Q(available_from__isnull=True)
                | models.Q(available_until__gte=models.F("available_from")),
                name="profile_period_order",
                violation_error_message=PERIOD_ORDER_MESSAGE,
            ),
            between(
                "max_travel_minutes",
                5,
                180,
                label=_("De maximale reistijd"),
                name="profile_travel_range",
                null=True,
            ),
            between(
                "hours_per_week",
                4,
                40,
                label=_("Het aantal uren per week"),
                name="profile_hours_range",
                null=True,
            ),
        ]

    def __str__(self) -> str:
        return f"{_('leerprofiel')} #{self.pk}"

    @property
    def learning_wishes(self) -> list[str]:
        return [w for w in (self.learning_wish_1, self.learning_wish_2, self.learning_wish_3) if w]


class WishedWorkProcess(models.Model):
    """A wished work process with its order of importance (1 = most important)."""

    profile = models.ForeignKey(
        LearningProfile,
        on_delete=models.CASCADE,
        related_name="wishes",
        verbose_name=_("leerprofiel"),
    )
    work_process = models.ForeignKey(
        WorkProcess, on_delete=models.CASCADE, related_name="+", verbose_name=_("werkproces")
    )
    rank = models.PositiveSmallIntegerField(_("volgorde"), validators=between_validators(1, 5))
    objects = school_manager("profile__student__programme__institution")

    class Meta:
        verbose_name = _("gewenst werkproces")
        verbose_name_plural = _("gewenste werkprocessen")
        ordering = ["profile", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["profile", "rank"], name="wish_unique_rank"),
            models.UniqueConstraint(fields=["profile", "work_process"], name="wish_unique_wp"),
            between("rank", 1, 5, label=_("De volgorde"), name="wish_rank_range"),
        ]

    def __str__(self) -> str:
        return f"{self.rank}. {self.work_process.code}"


class SupportNote(models.Model):
    """What extra supervision looks like, for the care coordinator only. Never a diagnosis."""

    student = models.OneToOneField(
        Student, on_delete=models.CASCADE, related_name="support_note", verbose_name=_("student")
    )
    text = models.TextField(_("toelichting begeleiding"), max_length=1000, blank=True)
    # Reaches the engine only as an anonymous requirement (step-free access), never the reason.
    needs_step_free_access = models.BooleanField(
        _("heeft een werkplek zonder trappen of drempels nodig"), default=False
    )
    updated_at = models.DateTimeField(_("bijgewerkt op"), auto_now=True)
    objects = school_manager("student__programme__institution")

    class Meta:
        verbose_name = _("toelichting extra begeleiding")
        verbose_name_plural = _("toelichtingen extra begeleiding")

    def __str__(self) -> str:
        return str(_("toelichting extra begeleiding"))


class ProfileChange(models.Model):
    """Who changed which fields of a learning profile, and whether it was after the deadline."""

    profile = models.ForeignKey(
        LearningProfile,
        on_delete=models.CASCADE,
        related_name="changes",
        verbose_name=_("leerprofiel"),
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("gewijzigd door"),
    )
    changed_at = models.DateTimeField(_("gewijzigd op"), auto_now_add=True)
    fields = models.JSONField(_("velden"), default=list)
    action = models.CharField(_("actie"), max_length=20, default="save")
    after_deadline = models.BooleanField(_("na de deadline"), default=False)
    # Made by staff while the form was frozen for the student (in a round between intake and
    # release, or placed): it does not change a run's frozen input or the match's wishes.
    frozen = models.BooleanField(_("terwijl het formulier vaststond"), default=False)
    objects = school_manager("profile__student__programme__institution")

    class Meta:
        verbose_name = _("wijziging leerprofiel")
        verbose_name_plural = _("wijzigingen leerprofiel")
        ordering = ["-changed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.changed_at:%d-%m-%Y %H:%M} {self.action}"


class ProfileComment(models.Model):
    profile = models.ForeignKey(
        LearningProfile,
        on_delete=models.CASCADE,
        related_name="comments",
        verbose_name=_("leerprofiel"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("auteur"),
    )
    text = models.TextField(_("opmerking"), max_length=2000)
    created_at = models.DateTimeField(_("geplaatst op"), auto_now_add=True)
    objects = school_manager("profile__student__programme__institution")

    class Meta:
        verbose_name = _("opmerking bij leerprofiel")
        verbose_name_plural = _("opmerkingen bij leerprofiel")
        ordering = ["created_at", "id"]
        constraints = [filled("text", label=_("De opmerking"), name="comment_text_filled")]

    def __str__(self) -> str:
        return self.text[:40]


class OwnPlacementStatus(models.TextChoices):
    PENDING = "pending", _("Wacht op beoordeling")
    APPROVED = "approved", _("Goedgekeurd")
    REFUSED = "refused", _("Afgewezen")


class OwnPlacement(models.Model):
    """A student who opted out registers the (recognised) company they found themselves."""

    student = models.OneToOneField(
        Student, on_delete=models.CASCADE, related_name="own_placement", verbose_name=_("student")
    )
    company = models.ForeignKey(
        "companies.Company",
        verbose_name=_("leerbedrijf"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    period_start = models.DateField(_("stage vanaf"))
    period_end = models.DateField(_("stage tot en met"))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=OwnPlacementStatus.choices,
        default=OwnPlacementStatus.PENDING,
    )
    reason = models.TextField(_("toelichting bij de beoordeling"), max_length=1000, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("besloten door"),
    )
    decided_at = models.DateTimeField(_("besloten op"), null=True, blank=True)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    objects = school_manager("student__programme__institution")

    class Meta:
        verbose_name = _("eigen stageplek")
        verbose_name_plural = _("eigen stageplekken")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="own_period_order",
                violation_error_message=PERIOD_ORDER_MESSAGE,
            )
        ]

    def __str__(self) -> str:
        return f"{self.student} – {self.company}"
