"""A placement's life after the match: the introductory meeting, the bpv-docent and contact
moments, signals of discrimination or unwanted behaviour, an early end, the end evaluation."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.tenancy import school_manager
from catalog.constraints import between, between_validators, filled
from placements.models import Placement

INSTITUTION = "placement__student__programme__institution"


class IntroStatus(models.TextChoices):
    PROPOSED = "proposed", _("Voorgesteld")
    ACCEPTED = "accepted", _("Afgesproken")
    OTHER_ASKED = "other_asked", _("Student vraagt een ander moment")
    HELD = "held", _("Doorgegaan")
    NOT_HELD = "not_held", _("Niet doorgegaan")


class NotHeldReason(models.TextChoices):
    STUDENT_ABSENT = "student_absent", _("De student is niet gekomen")
    COMPANY_ABSENT = "company_absent", _("Het bedrijf kon niet")
    PRACTICAL = "practical", _("Praktisch probleem (vervoer, ziekte, planning)")
    OTHER = "other", _("Anders")


class IntroMeeting(models.Model):
    """The introductory meeting (kennismakingsgesprek): the company proposes moments, the
    student accepts one or asks for another, the company records whether it took place.
    It is not a selection: the only outcomes are "doorgegaan" and "niet doorgegaan"."""

    placement = models.OneToOneField(
        Placement, on_delete=models.PROTECT, related_name="intro_meeting", verbose_name=_("stage")
    )
    status = models.CharField(
        _("status"), max_length=12, choices=IntroStatus.choices, default=IntroStatus.PROPOSED
    )
    note = models.CharField(_("toelichting"), max_length=500, blank=True)
    chosen = models.ForeignKey(
        "IntroMoment",
        verbose_name=_("afgesproken moment"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    student_note = models.CharField(_("bericht van de student"), max_length=500, blank=True)
    not_held_reason = models.CharField(
        _("reden"), max_length=16, choices=NotHeldReason.choices, blank=True
    )
    outcome_text = models.TextField(_("toelichting op de uitkomst"), max_length=1000, blank=True)
    outcome_at = models.DateTimeField(_("uitkomst vastgelegd op"), null=True, blank=True)
    # The student's own record that the meeting took place: both sides say so, and a
    # company's "niet doorgegaan" cannot erase the student's word.
    student_confirmed_at = models.DateTimeField(
        _("door de student bevestigd op"), null=True, blank=True
    )
    updated_at = models.DateTimeField(_("bijgewerkt op"), auto_now=True)
    objects = school_manager(INSTITUTION)

    class Meta:
        verbose_name = _("kennismakingsgesprek")
        verbose_name_plural = _("kennismakingsgesprekken")

    def __str__(self) -> str:
        return f"intro {self.placement_id}"


class IntroMoment(models.Model):
    meeting = models.ForeignKey(
        IntroMeeting,
        on_delete=models.CASCADE,
        related_name="moments",
        verbose_name=_("kennismakingsgesprek"),
    )
    at = models.DateTimeField(_("moment"))
    objects = school_manager(f"meeting__{INSTITUTION}")

    class Meta:
        verbose_name = _("voorgesteld moment")
        verbose_name_plural = _("voorgestelde momenten")
        ordering = ["at"]

    def __str__(self) -> str:
        return f"{self.at:%d-%m-%Y %H:%M}"


class Supervision(models.Model):
    """The bpv-docent of a placement: an assignment of a staff member, not a role."""

    placement = models.OneToOneField(
        Placement, on_delete=models.CASCADE, related_name="supervision", verbose_name=_("stage")
    )
    teacher = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("bpv-docent"),
        on_delete=models.PROTECT,
        related_name="supervisions",
    )
    assigned_at = models.DateTimeField(_("toegewezen op"), default=timezone.now)
    objects = school_manager(INSTITUTION)

    class Meta:
        verbose_name = _("bpv-docent")
        verbose_name_plural = _("bpv-docenten")

    def __str__(self) -> str:
        return f"bpv-docent {self.placement_id}"


class ContactKind(models.TextChoices):
    ON_SITE = "on_site", _("Op locatie")
    ONLINE = "online", _("Online")
    PHONE = "phone", _("Telefonisch")


class ContactMoment(models.Model):
    """A planned or held contact moment; the notes are for school staff only."""

    placement = models.ForeignKey(
        Placement, on_delete=models.CASCADE, related_name="contacts", verbose_name=_("stage")
    )
    date = models.DateField(_("datum"))
    kind = models.CharField(_("soort"), max_length=8, choices=ContactKind.choices)
    participants = models.CharField(_("wie deden mee"), max_length=300, blank=True)
    notes = models.TextField(_("korte notities (alleen voor school)"), max_length=2000, blank=True)
    held = models.BooleanField(_("gehouden"), default=False)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("door")
    )
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    objects = school_manager(INSTITUTION)

    class Meta:
        verbose_name = _("contactmoment")
        verbose_name_plural = _("contactmomenten")
        ordering = ["date", "pk"]

    def __str__(self) -> str:
        return f"contact {self.placement_id} {self.date}"


class SignalStatus(models.TextChoices):
    OPEN = "open", _("Nieuw")
    IN_PROGRESS = "in_progress", _("In behandeling")
    CLOSED = "closed", _("Afgehandeld")


class Signal(models.Model):
    """A report (melding) of discrimination or unwanted behaviour on a placement. Only the
    care coordinator and the coordinator read it; never the company, never matching."""

    placement = models.ForeignKey(
        Placement, on_delete=models.PROTECT, related_name="signals", verbose_name=_("stage")
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("melder"),
    )
    what = models.TextField(_("wat is er gebeurd"), max_length=4000)
    when = models.CharField(_("wanneer"), max_length=200)
    who_knows = models.CharField(_("wie weet ervan of was erbij"), max_length=300, blank=True)
    anonymous = models.BooleanField(_("anoniem naar het bedrijf"), default=False)
    status = models.CharField(
        _("status"), max_length=12, choices=SignalStatus.choices, default=SignalStatus.OPEN
    )
    actions = models.TextField(_("genomen acties"), max_length=2000, blank=True)
    created_at = models.DateTimeField(_("gemeld op"), default=timezone.now)
    updated_at = models.DateTimeField(_("bijgewerkt op"), auto_now=True)
    objects = school_manager(INSTITUTION)

    class Meta:
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")
        ordering = ["-created_at"]
        constraints = [filled("what", label=_("Wat er gebeurd is"), name="signal_what_filled")]

    def __str__(self) -> str:
        return f"melding {self.pk}"


class EndReason(models.TextChoices):
    REFUSAL = "refusal", _("Weigering door het bedrijf")
    DISCRIMINATION = "discrimination", _("Discriminatie of ongewenst gedrag")
    RECOGNITION = "recognition", _("Erkenning ingetrokken")
    GUIDANCE = "guidance", _("Begeleiding onvoldoende")
    STUDENT = "student", _("Reden van de student")
    # The student left the programme or the school: no re-placement, no follow-up round.
    STUDENT_LEFT = "student_left", _("Student gestopt met de opleiding")
    OTHER = "other", _("Anders")


class Ending(models.Model):
    """Why a placement ended early, with who recorded it. A refusal (weigering) is a breach of
    the stagematching agreement and counts against the company."""

    placement = models.OneToOneField(
        Placement, on_delete=models.PROTECT, related_name="ending", verbose_name=_("stage")
    )
    reason = models.CharField(_("reden"), max_length=16, choices=EndReason.choices)
    text = models.TextField(_("toelichting"), max_length=2000)
    breach = models.BooleanField(_("schending stagematchingsovereenkomst"), default=False)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("door")
    )
    at = models.DateTimeField(_("moment"), default=timezone.now)
    objects = school_manager(INSTITUTION)

    class Meta:
        verbose_name = _("voortijdig einde")
        verbose_name_plural = _("voortijdige eindes")
        constraints = [filled("text", label=_("De toelichting"), name="ending_text_filled")]

    def __str__(self) -> str:
        return f"einde {self.placement_id}"


SCORE = between_validators(1, 5)


class EvaluationParty(models.TextChoices):
    STUDENT = "student", _("Student")
    COMPANY = "company", _("Leerbedrijf")
    TEACHER = "teacher", _("Bpv-docent")


class Evaluation(models.Model):
    """One party's end evaluation of a placement (student, company, bpv-docent)."""

    placement = models.ForeignKey(
        Placement, on_delete=models.CASCADE, related_name="evaluations", verbose_name=_("stage")
    )
    party = models.CharField(_("partij"), max_length=10, choices=EvaluationParty.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("gebruiker"),
    )
    match_score = models.PositiveSmallIntegerField(_("paste de plek?"), validators=SCORE)
    guidance_score = models.PositiveSmallIntegerField(_("de begeleiding"), validators=SCORE)
    objective_score = models.PositiveSmallIntegerField(_("voelde het objectief?"), validators=SCORE)
    remark = models.TextField(_("wat wil je nog kwijt?"), max_length=2000, blank=True)
    answered_at = models.DateTimeField(_("beantwoord op"), default=timezone.now)
    objects = school_manager(INSTITUTION)

    class Meta:
        verbose_name = _("eindevaluatie")
        verbose_name_plural = _("eindevaluaties")
        constraints = [
            models.UniqueConstraint(
                fields=["placement", "party"], name="evaluation_once_per_party"
            ),
            *(
                between(score, 1, 5, label=_("Een score"), name=f"evaluation_{score}_range")
                for score in ("match_score", "guidance_score", "objective_score")
            ),
        ]

    def __str__(self) -> str:
        return f"evaluatie {self.placement_id} {self.party}"
