"""Per school: how long each kind of personal data is kept, what was erased or pseudonymised,
the rights requests of students and company contacts, and the log of both (by count only)."""

from __future__ import annotations

import datetime as dt
from typing import cast

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Institution
from accounts.tenancy import school_manager

from .kinds import KIND_BY_KEY


def _term(key: str) -> models.PositiveSmallIntegerField[int, int]:
    kind = KIND_BY_KEY[key]
    return models.PositiveSmallIntegerField(
        cast(str, kind.label),
        default=kind.default,
        validators=[MinValueValidator(kind.minimum), MaxValueValidator(kind.maximum)],
    )


class RetentionPolicy(models.Model):
    """A school's terms (see `privacy.kinds`); a school without a row uses the defaults."""

    institution = models.OneToOneField(
        Institution,
        on_delete=models.CASCADE,
        related_name="retention_policy",
        verbose_name=_("onderwijsinstelling"),
    )
    profile_school_years = _term("profile_school_years")
    support_days = _term("support_days")
    followup_months = _term("followup_months")
    signal_months = _term("signal_months")
    agreement_months = _term("agreement_months")
    identity_months = _term("identity_months")
    unplaced_months = _term("unplaced_months")
    contact_years = _term("contact_years")
    mail_days = _term("mail_days")
    import_days = _term("import_days")
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("bevestigd door"),
    )
    confirmed_at = models.DateTimeField(_("vastgesteld op"), null=True, blank=True)
    objects = school_manager("institution")

    class Meta:
        verbose_name = _("bewaartermijnen")
        verbose_name_plural = _("bewaartermijnen")

    def __str__(self) -> str:
        return str(_("bewaartermijnen"))


class Subject(models.TextChoices):
    STUDENT = "student", _("Student")
    CONTACT = "contact", _("Contactpersoon")
    PLACEMENT = "placement", _("Stage")
    SIGNAL = "signal", _("Melding")
    AGREEMENT = "agreement", _("Praktijkovereenkomst")
    IMPORT = "import", _("Importbestand")


class Erasure(models.Model):
    """That one kind of data of one subject was erased or pseudonymised, when, and on whose
    request (none: its term passed). The purge skips what is recorded here (idempotent)."""

    institution = models.ForeignKey(
        Institution,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("onderwijsinstelling"),
    )
    kind = models.CharField(_("soort"), max_length=24)
    subject = models.CharField(_("betrokkene"), max_length=10, choices=Subject.choices)
    subject_id = models.PositiveIntegerField(_("nummer van de betrokkene"))
    at = models.DateTimeField(_("moment"), default=timezone.now)
    request = models.ForeignKey(
        "RightsRequest",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="erasures",
        verbose_name=_("verzoek"),
    )
    objects = school_manager("institution")

    class Meta:
        verbose_name = _("wissing")
        verbose_name_plural = _("wissingen")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "subject", "subject_id"], name="erasure_once_per_kind"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.subject} {self.subject_id}"


class PrivacyEvent(models.Model):
    """The privacy log of a school: purges and handled requests, by count, never content."""

    institution = models.ForeignKey(
        Institution,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("onderwijsinstelling"),
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("wie"),
    )
    action = models.CharField(_("actie"), max_length=32)
    counts = models.JSONField(_("aantallen"), default=dict, blank=True)
    request = models.ForeignKey(
        "RightsRequest",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("verzoek"),
    )
    at = models.DateTimeField(_("moment"), default=timezone.now)
    objects = school_manager("institution")

    class Meta:
        verbose_name = _("privacygebeurtenis")
        verbose_name_plural = _("privacylogboek")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.at:%d-%m-%Y %H:%M} {self.action}"


class RequestKind(models.TextChoices):
    CORRECTION = "correction", _("Gegevens verbeteren")
    ERASURE = "erasure", _("Gegevens wissen")


class RequestStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Uitgevoerd")
    REFUSED = "refused", _("Afgewezen")


RESPONSE_MONTHS = 1  # AVG art. 12(3): a request is answered within one month


class RightsRequest(models.Model):
    """A student's or company contact's request to correct or erase their data, handled by a
    coordinator with a reason within one month."""

    institution = models.ForeignKey(
        Institution,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("onderwijsinstelling"),
    )
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="privacy_requests",
        verbose_name=_("aanvrager"),
    )
    kind = models.CharField(_("soort verzoek"), max_length=10, choices=RequestKind.choices)
    text = models.TextField(_("wat wil je laten verbeteren of wissen?"), max_length=2000)
    status = models.CharField(
        _("status"), max_length=8, choices=RequestStatus.choices, default=RequestStatus.OPEN
    )
    created_at = models.DateTimeField(_("ingediend op"), default=timezone.now)
    deadline = models.DateTimeField(_("uiterlijk afhandelen op"))
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("behandeld door"),
    )
    handled_at = models.DateTimeField(_("afgehandeld op"), null=True, blank=True)
    reason = models.TextField(_("reden en wat er is gedaan"), blank=True)
    objects = school_manager("institution")

    class Meta:
        verbose_name = _("privacyverzoek")
        verbose_name_plural = _("privacyverzoeken")
        ordering = ["deadline", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.created_at:%d-%m-%Y}"

    def is_overdue(self, now: dt.datetime) -> bool:
        return self.status == RequestStatus.OPEN and self.deadline < now
