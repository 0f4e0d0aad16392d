"""The praktijkovereenkomst (POK, WEB 7.2.8): one per placement, signed by school, company and
student, and by a parent or guardian when the student is under 18 at the start date."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.tenancy import school_manager
from catalog.constraints import between, between_validators, filled
from placements.models import Placement

# Four years of 40 hours a week (a BBL placement runs the whole programme).
MAX_TOTAL_HOURS = 10000


class AgreementStatus(models.TextChoices):
    DRAFT = "draft", _("Concept")
    SENT = "sent", _("Verstuurd ter ondertekening")
    COMPLETE = "complete", _("Volledig ondertekend")


class Party(models.TextChoices):
    SCHOOL = "school", _("School")
    COMPANY = "company", _("Leerbedrijf")
    STUDENT = "student", _("Student")
    GUARDIAN = "guardian", _("Ouder/verzorger")


class Agreement(models.Model):
    placement = models.OneToOneField(
        Placement, verbose_name=_("stage"), on_delete=models.PROTECT, related_name="agreement"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=AgreementStatus.choices, default=AgreementStatus.DRAFT
    )
    total_hours = models.PositiveIntegerField(
        _("totaal aantal uren"), validators=between_validators(1, MAX_TOTAL_HOURS)
    )
    hours_per_week = models.PositiveSmallIntegerField(
        _("uren per week"), validators=between_validators(4, 40)
    )
    days_per_week = models.PositiveSmallIntegerField(
        _("dagen per week"), validators=between_validators(1, 7)
    )
    assessment = models.TextField(_("hoe de school beoordeelt"), max_length=4000)
    guidance = models.TextField(_("begeleiding door school en leerbedrijf"), max_length=4000)
    early_end = models.TextField(_("wanneer en hoe de stage eerder kan eindigen"), max_length=4000)
    # Whether a parent or guardian signs too: the student is under 18 at the start date.
    needs_guardian = models.BooleanField(_("ouder/verzorger tekent mee"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("aangemaakt door"),
    )
    created_at = models.DateTimeField(_("opgesteld op"), default=timezone.now)
    sent_at = models.DateTimeField(_("verstuurd op"), null=True, blank=True)
    completed_at = models.DateTimeField(_("volledig ondertekend op"), null=True, blank=True)
    # Frozen when sent: the fields of WEB 7.2.8 as they were sent (`pok_fields.live_fields`)
    # and the SHA-256 of their canonical JSON; a new version starts again from a concept.
    snapshot = models.JSONField(_("gegevens zoals verstuurd"), default=dict, blank=True)
    snapshot_hash = models.CharField(_("controlegetal (SHA-256)"), max_length=64, blank=True)
    version = models.PositiveSmallIntegerField(_("versie"), default=1)
    objects = school_manager("placement__student__programme__institution")

    # Read only on the POK's own page, its PDF and the guardian's page; lists defer it.
    LARGE_FIELDS = ("snapshot",)

    class Meta:
        verbose_name = _("praktijkovereenkomst")
        verbose_name_plural = _("praktijkovereenkomsten")
        constraints = [
            between(
                "total_hours",
                1,
                MAX_TOTAL_HOURS,
                label=_("Het totaal aantal uren"),
                name="pok_total_hours_range",
            ),
            between("hours_per_week", 4, 40, label=_("Het aantal uren per week"), name="pok_hours"),
            between("days_per_week", 1, 7, label=_("Het aantal dagen per week"), name="pok_days"),
            filled("assessment", label=_("De beoordeling"), name="pok_assessment_filled"),
            filled("guidance", label=_("De begeleiding"), name="pok_guidance_filled"),
            filled("early_end", label=_("Eerder eindigen"), name="pok_early_end_filled"),
        ]

    def __str__(self) -> str:
        return f"POK {self.placement_id}"

    def parties(self) -> list[Party]:
        """Who signs, in the order they appear on the document."""
        parties = [Party.SCHOOL, Party.COMPANY, Party.STUDENT]
        return [*parties, Party.GUARDIAN] if self.needs_guardian else parties


class Signature(models.Model):
    agreement = models.ForeignKey(
        Agreement,
        on_delete=models.CASCADE,
        related_name="signatures",
        verbose_name=_("overeenkomst"),
    )
    party = models.CharField(_("partij"), max_length=10, choices=Party.choices)
    name = models.CharField(_("naam"), max_length=150)
    role = models.CharField(_("functie of rol"), max_length=100)
    signed_at = models.DateTimeField(_("ondertekend op"), default=timezone.now)
    # The `Agreement.snapshot_hash` of what was signed.
    snapshot_hash = models.CharField(
        _("getekend controlegetal (SHA-256)"), max_length=64, blank=True
    )
    # Who clicked: the account of school, company or student; empty for the guardian (link).
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("gebruiker"),
    )
    objects = school_manager("agreement__placement__student__programme__institution")

    class Meta:
        verbose_name = _("handtekening")
        verbose_name_plural = _("handtekeningen")
        constraints = [
            models.UniqueConstraint(fields=["agreement", "party"], name="signature_once_per_party")
        ]

    def __str__(self) -> str:
        return f"{self.party} {self.agreement_id}"


class GuardianLink(models.Model):
    """A one-time signing link for the parent or guardian, without an account. The link holds
    a signed, timestamped reference to this row (nothing secret is stored): it works until
    `expires_at`, once (`used_at`), and only while the POK it was made for is unchanged."""

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="links", verbose_name=_("overeenkomst")
    )
    email = models.EmailField(_("e-mail ouder/verzorger"))
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    expires_at = models.DateTimeField(_("geldig tot"))
    used_at = models.DateTimeField(_("gebruikt op"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    objects = school_manager("agreement__placement__student__programme__institution")

    class Meta:
        verbose_name = _("ondertekenlink ouder/verzorger")
        verbose_name_plural = _("ondertekenlinks ouder/verzorger")

    def __str__(self) -> str:
        return f"link {self.pk}"
