"""What students and companies add to a round (re-exported by matching.models): their
rankings and shortlists (variants 2 and 3), the in-app notice of the release, objections and
the company's request for the introductory meeting."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.tenancy import school_manager
from companies.models import Offer
from placements.models import Placement
from students.models import LearningProfile

from . import checks
from .choices import ObjectionStatus


class Preference(models.Model):
    """A student's ranking of an offer (variants 2 and 3); companies never rank students."""

    round = models.ForeignKey(
        "matching.Round",
        on_delete=models.CASCADE,
        related_name="preferences",
        verbose_name=_("ronde"),
    )
    profile = models.ForeignKey(
        LearningProfile, on_delete=models.CASCADE, related_name="+", verbose_name=_("leerprofiel")
    )
    offer = models.ForeignKey(
        Offer, on_delete=models.CASCADE, related_name="+", verbose_name=_("aanbod")
    )
    rank = models.PositiveSmallIntegerField(_("plaats in de volgorde"))
    objects = school_manager("round__institution")

    class Meta:
        verbose_name = _("voorkeur")
        verbose_name_plural = _("voorkeuren")
        ordering = ["round", "profile", "rank"]
        constraints = checks.PREFERENCE + [
            models.UniqueConstraint(fields=["round", "profile", "rank"], name="pref_unique_rank"),
            models.UniqueConstraint(fields=["round", "profile", "offer"], name="pref_unique_offer"),
        ]

    def __str__(self) -> str:
        return f"{self.rank}"


class ShortlistItem(models.Model):
    round = models.ForeignKey(
        "matching.Round",
        on_delete=models.CASCADE,
        related_name="shortlist",
        verbose_name=_("ronde"),
    )
    profile = models.ForeignKey(
        LearningProfile, on_delete=models.CASCADE, related_name="+", verbose_name=_("leerprofiel")
    )
    offer = models.ForeignKey(
        Offer, on_delete=models.CASCADE, related_name="+", verbose_name=_("aanbod")
    )
    position = models.PositiveSmallIntegerField(_("positie"))
    objects = school_manager("round__institution")

    class Meta:
        verbose_name = _("plek op een shortlist")
        verbose_name_plural = _("shortlists")
        ordering = ["round", "profile", "position"]
        constraints = checks.SHORTLIST + [
            models.UniqueConstraint(fields=["round", "profile", "offer"], name="shortlist_unique")
        ]

    def __str__(self) -> str:
        return f"{self.position}"


class Notification(models.Model):
    """The in-app notice of a released round, once per recipient and kind (mail: outbox)."""

    round = models.ForeignKey(
        "matching.Round",
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("ronde"),
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("ontvanger"),
    )
    kind = models.CharField(_("soort"), max_length=16)  # student / company / counsellor
    read_at = models.DateTimeField(_("gelezen op"), null=True, blank=True)
    objects = school_manager("round__institution")

    class Meta:
        verbose_name = _("bericht")
        verbose_name_plural = _("berichten")
        ordering = ["-id"]
        constraints = [
            models.UniqueConstraint(fields=["round", "recipient", "kind"], name="notification_once")
        ]

    def __str__(self) -> str:
        return self.kind


class Objection(models.Model):
    """A student's bezwaar against their released match, decided with reasons (`answer`)."""

    match = models.OneToOneField(
        "matching.Match",
        on_delete=models.CASCADE,
        related_name="student_objection",
        verbose_name=_("match"),
    )
    reason = models.TextField(_("reden"), max_length=2000)
    status = models.CharField(
        _("status"), max_length=12, choices=ObjectionStatus.choices, default=ObjectionStatus.FILED
    )
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    answer = models.TextField(_("antwoord"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("beantwoord door"),
    )
    answered_at = models.DateTimeField(_("beantwoord op"), null=True, blank=True)
    # Upheld, a re-placement one proposes and another approves (`services.replacement`).
    replacement_offer = models.ForeignKey(
        Offer,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("aanbod voor de herplaatsing"),
    )
    replacement_reason = models.TextField(_("reden van de herplaatsing"), blank=True)
    replacement_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("herplaatsing voorgesteld door"),
    )
    replacement_at = models.DateTimeField(_("herplaatsing voorgesteld op"), null=True, blank=True)
    replacement = models.OneToOneField(
        Placement,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="objection",
        verbose_name=_("herplaatsing"),
    )
    objects = school_manager("match__round__institution")

    class Meta:
        verbose_name = _("bezwaar")
        verbose_name_plural = _("bezwaren")

    def __str__(self) -> str:
        return self.reason[:40]


class IntroMeeting(models.Model):
    """Earlier: the company's request to plan the introductory meeting. No longer written:
    the meeting lives on the placement (`followup.IntroMeeting`), where migration 0017 copied
    these rows. Kept so older data and its erasure stay as they were."""

    match = models.OneToOneField(
        "matching.Match",
        on_delete=models.CASCADE,
        related_name="intro_meeting",
        verbose_name=_("match"),
    )
    proposed_at = models.DateTimeField(_("voorgesteld moment"))
    note = models.CharField(_("toelichting"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    objects = school_manager("match__round__institution")

    class Meta:
        verbose_name = _("verzoek om kennismaking")
        verbose_name_plural = _("verzoeken om kennismaking")

    def __str__(self) -> str:
        return f"{self.proposed_at:%d-%m-%Y %H:%M}"
