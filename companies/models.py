"""Recognised learning companies, their SBB checks, the stagematching agreement and offers."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import Institution
from accounts.tenancy import school_manager
from catalog.constraints import at_least, between, between_validators, filled
from catalog.models import Elective, OrganisationType, Place
from catalog.periods import PERIOD_ORDER_MESSAGE
from programmes.models import Programme, WorkProcess

kvk_validator = RegexValidator(r"^\d{8}$", _("Een KvK-nummer bestaat uit precies 8 cijfers."))
branch_validator = RegexValidator(
    r"^\d{12}$", _("Een vestigingsnummer bestaat uit precies 12 cijfers.")
)
postcode_validator = RegexValidator(
    r"^[1-9]\d{3} ?[A-Za-z]{2}$", _("Vul een Nederlandse postcode in, bijvoorbeeld 6511 AB.")
)


class CompanyStatus(models.TextChoices):
    INVITED = "invited", _("Uitgenodigd")
    PENDING = "pending", _("Wacht op controle")
    ACTIVE = "active", _("Actief")
    INACTIVE = "inactive", _("Niet actief")
    # The coordinator suspended its participation (a refusal, discrimination, …): its offers
    # leave matching until the suspension is lifted (`Suspension` keeps who, when and why).
    SUSPENDED = "suspended", _("Deelname geschorst")


class SizeClass(models.TextChoices):
    MICRO = "micro", _("1–9 medewerkers")
    SMALL = "small", _("10–49 medewerkers")
    MEDIUM = "medium", _("50–249 medewerkers")
    LARGE = "large", _("250 of meer medewerkers")


class Company(models.Model):
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("instelling"),
        on_delete=models.CASCADE,
        related_name="companies",
    )
    legal_name = models.CharField(_("naam"), max_length=200)
    kvk_number = models.CharField(_("KvK-nummer"), max_length=8, validators=[kvk_validator])
    branch_number = models.CharField(
        _("vestigingsnummer"), max_length=12, blank=True, validators=[branch_validator]
    )
    street = models.CharField(_("straat en huisnummer"), max_length=200)
    postcode = models.CharField(_("postcode"), max_length=7, validators=[postcode_validator])
    place = models.ForeignKey(
        Place, verbose_name=_("plaats"), on_delete=models.PROTECT, related_name="+"
    )
    organisation_type = models.ForeignKey(
        OrganisationType, verbose_name=_("type organisatie"), on_delete=models.PROTECT
    )
    size_class = models.CharField(_("grootte"), max_length=10, choices=SizeClass.choices)
    website = models.URLField(_("website"), blank=True)
    sbb_id = models.CharField(_("SBB leerbedrijf-ID"), max_length=20, blank=True)
    claimed_crebos = models.JSONField(
        _("erkend voor crebo's (volgens het bedrijf)"), default=list, blank=True
    )
    status = models.CharField(
        _("status"), max_length=10, choices=CompanyStatus.choices, default=CompanyStatus.INVITED
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    objects = school_manager("institution")

    class Meta:
        verbose_name = _("leerbedrijf")
        verbose_name_plural = _("leerbedrijven")
        ordering = ["legal_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["institution", "kvk_number", "branch_number"], name="company_unique_kvk"
            ),
            filled("legal_name", label=_("De naam"), name="company_name_filled"),
        ]

    def __str__(self) -> str:
        return self.legal_name


class CompanyContact(models.Model):
    """A contact person / workplace supervisor (praktijkopleider) with their own login."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="company_contact",
        verbose_name=_("gebruiker"),
    )
    company = models.ForeignKey(
        Company, on_delete=models.CASCADE, related_name="contacts", verbose_name=_("leerbedrijf")
    )
    job_title = models.CharField(_("functie"), max_length=100, blank=True)
    objects = school_manager("company__institution")

    class Meta:
        verbose_name = _("contactpersoon")
        verbose_name_plural = _("contactpersonen")

    def __str__(self) -> str:
        return str(self.user)


class SuspensionReason(models.TextChoices):
    REFUSAL = "refusal", _("Weigering na kennismaking")
    DISCRIMINATION = "discrimination", _("Discriminatie of ongewenst gedrag")
    RECOGNITION = "recognition", _("Erkenning ingetrokken")
    OTHER = "other", _("Anders")


class SuspensionAction(models.TextChoices):
    SUSPEND = "suspend", _("Deelname geschorst")
    LIFT = "lift", _("Schorsing opgeheven")


class Suspension(models.Model):
    """One step in the history of a company's suspended participation: a suspension (with a
    reason from the list and a text) or its lifting, with who and when."""

    company = models.ForeignKey(
        Company, on_delete=models.CASCADE, related_name="suspensions", verbose_name=_("leerbedrijf")
    )
    action = models.CharField(_("actie"), max_length=8, choices=SuspensionAction.choices)
    reason = models.CharField(
        _("reden"), max_length=16, choices=SuspensionReason.choices, blank=True
    )
    text = models.TextField(_("toelichting"), max_length=2000, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("door")
    )
    at = models.DateTimeField(_("moment"))
    objects = school_manager("company__institution")

    class Meta:
        verbose_name = _("schorsing")
        verbose_name_plural = _("schorsingen")
        ordering = ["company", "-at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(action="suspend") | ~models.Q(reason=""),
                name="suspension_has_reason",
                violation_error_message=_("Een schorsing heeft een reden."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.company} {self.get_action_display()}"


class RecognitionOutcome(models.TextChoices):
    RECOGNISED = "recognised", _("Erkend")
    NOT_RECOGNISED = "not_recognised", _("Niet erkend")
    # Written (not by a check) when the KvK number or SBB id changed: an earlier "erkend"
    # was for another registration, so the school checks again before offers count.
    TO_CHECK = "to_check", _("Opnieuw controleren: KvK-nummer of SBB-ID gewijzigd")


class RecognitionCheck(models.Model):
    """Who verified the SBB recognition for which crebo, when, and the outcome.

    Only this record is kept: SBB's terms forbid storing or caching their data.
    """

    company = models.ForeignKey(
        Company,
        on_delete=models.CASCADE,
        related_name="recognitions",
        verbose_name=_("leerbedrijf"),
    )
    crebo = models.CharField(_("crebo"), max_length=5, validators=[RegexValidator(r"^\d{5}$")])
    outcome = models.CharField(_("uitkomst"), max_length=16, choices=RecognitionOutcome.choices)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("gecontroleerd door"),
    )
    verified_at = models.DateTimeField(_("gecontroleerd op"))
    objects = school_manager("company__institution")

    class Meta:
        verbose_name = _("erkenningscontrole")
        verbose_name_plural = _("erkenningscontroles")
        ordering = ["company", "crebo", "-verified_at"]

    def __str__(self) -> str:
        return f"{self.company} {self.crebo}: {self.get_outcome_display()}"


class AgreementVersion(models.Model):
    institution = models.ForeignKey(
        Institution,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("onderwijsinstelling"),
    )
    version = models.PositiveIntegerField(_("versie"))
    text = models.TextField(_("tekst"), max_length=20000)
    published_at = models.DateTimeField(_("gepubliceerd op"))
    objects = school_manager("institution")

    class Meta:
        verbose_name = _("stagematchingsovereenkomst")
        verbose_name_plural = _("stagematchingsovereenkomsten")
        ordering = ["institution", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["institution", "version"], name="agreement_unique"),
            at_least("version", 1, label=_("De versie"), name="agreement_version_positive"),
            filled("text", label=_("De tekst"), name="agreement_text_filled"),
        ]

    def __str__(self) -> str:
        return f"{_('versie')} {self.version}"


class AgreementSignature(models.Model):
    company = models.ForeignKey(
        Company, on_delete=models.CASCADE, related_name="signatures", verbose_name=_("leerbedrijf")
    )
    version = models.ForeignKey(
        AgreementVersion,
        on_delete=models.PROTECT,
        related_name="signatures_of_version",
        verbose_name=_("versie"),
    )
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("ondertekend door"),
    )
    signer_name = models.CharField(_("naam ondertekenaar"), max_length=150)
    signer_role = models.CharField(_("functie ondertekenaar"), max_length=100)
    signed_at = models.DateTimeField(_("ondertekend op"))
    objects = school_manager("company__institution")

    class Meta:
        verbose_name = _("ondertekening")
        verbose_name_plural = _("ondertekeningen")
        constraints = [
            models.UniqueConstraint(fields=["company", "version"], name="signature_unique")
        ]

    def __str__(self) -> str:
        return f"{self.company} ({self.version})"


class OfferStatus(models.TextChoices):
    DRAFT = "draft", _("Concept")
    PUBLISHED = "published", _("Gepubliceerd")


class Offer(models.Model):
    """What a company can offer students of one programme in one period."""

    company = models.ForeignKey(
        Company, on_delete=models.CASCADE, related_name="offers", verbose_name=_("leerbedrijf")
    )
    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="offers", verbose_name=_("opleiding")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=OfferStatus.choices, default=OfferStatus.DRAFT
    )
    period_start = models.DateField(_("periode vanaf"))
    period_end = models.DateField(_("periode tot en met"))
    capacity = models.PositiveSmallIntegerField(
        _("aantal plaatsen"), validators=between_validators(1, 100)
    )
    work_processes = models.ManyToManyField(
        WorkProcess, verbose_name=_("werkprocessen die je hier oefent"), related_name="+"
    )
    learning_text = models.TextField(_("wat leer je hier"), max_length=2000)
    # The keuzedelen (of the programme's) a student can work on here; students who chose one
    # score higher here, and a student who lists one never scores lower elsewhere.
    electives = models.ManyToManyField(
        Elective, verbose_name=_("keuzedelen die je hier kunt doen"), blank=True, related_name="+"
    )
    activities = models.TextField(_("typische werkzaamheden"), max_length=2000, blank=True)
    supervision = models.CharField(_("begeleiding (wie)"), max_length=200, blank=True)
    supervision_hours = models.PositiveSmallIntegerField(
        _("begeleiding (uren per week)"), default=2, validators=between_validators(0, 40)
    )
    extra_supervision_possible = models.BooleanField(_("extra begeleiding mogelijk"), default=False)
    extra_supervision_text = models.TextField(
        _("hoe ziet extra begeleiding eruit"), max_length=1000, blank=True
    )
    hours_per_week = models.PositiveSmallIntegerField(
        _("uren per week"), validators=between_validators(4, 40)
    )
    working_days = models.JSONField(_("werkdagen"), default=list, blank=True)
    location = models.ForeignKey(
        Place,
        verbose_name=_("locatie (als anders dan bedrijfsadres)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    wheelchair_accessible = models.BooleanField(
        _("toegankelijk zonder trappen of drempels (rolstoel)"), default=False
    )
    near_public_transport = models.BooleanField(_("ov-halte dichtbij"), default=False)
    presentation = models.TextField(_("objectieve presentatie"), max_length=4000, blank=True)
    # Subjective or discriminatory wording found in the texts (companies.wording), the
    # lexicon version that found it, and a coordinator's acceptance of `blokkeert` flags.
    text_flags = models.JSONField(_("gemarkeerde woorden"), default=list, blank=True)
    text_flags_version = models.PositiveSmallIntegerField(_("versie woordenlijst"), default=0)
    text_blocking = models.BooleanField(_("tekst blokkeert publiceren"), default=False)
    text_accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("tekst geaccepteerd door"),
    )
    text_accepted_reason = models.TextField(_("reden van acceptatie"), max_length=1000, blank=True)
    text_accepted_at = models.DateTimeField(_("tekst geaccepteerd op"), null=True, blank=True)
    updated_at = models.DateTimeField(_("bijgewerkt op"), auto_now=True)
    objects = school_manager("company__institution")

    class Meta:
        verbose_name = _("aanbod")
        verbose_name_plural = _("aanbod")
        ordering = ["company", "programme", "period_start"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="offer_period_order",
                violation_error_message=PERIOD_ORDER_MESSAGE,
            ),
            between(
                "capacity", 1, 100, label=_("Het aantal plaatsen"), name="offer_capacity_range"
            ),
            between(
                "supervision_hours",
                0,
                40,
                label=_("De begeleiding in uren per week"),
                name="offer_supervision_hours_range",
            ),
            between(
                "hours_per_week",
                4,
                40,
                label=_("Het aantal uren per week"),
                name="offer_hours_range",
            ),
            filled("learning_text", label=_("Wat leer je hier"), name="offer_learning_text_filled"),
        ]

    def __str__(self) -> str:
        return f"{self.company} – {self.programme.crebo} ({self.period_start:%d-%m-%Y})"

    @property
    def effective_place(self) -> Place:
        return self.location or self.company.place
