from __future__ import annotations

from typing import Any, cast

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from catalog import formfields
from catalog.formfields import IdsField
from catalog.forms import PlaceChoiceField
from catalog.models import Elective, Place, Weekday
from catalog.periods import clean_period
from programmes.models import Programme, WorkProcess

from .models import Company, CompanyStatus, Offer, RecognitionOutcome, SuspensionReason


def helper(label: str | Promise) -> FormHelper:
    h = FormHelper()
    h.add_input(Submit("submit", label))
    return h


def _formfield(field: Any, **kwargs: Any) -> Any:
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class CompanyForm(forms.ModelForm):
    formfield_callback = _formfield
    place = PlaceChoiceField(queryset=Place.objects.all(), label=_("Plaats"))
    claimed_crebos = forms.MultipleChoiceField(
        label=_("Erkend door SBB voor de opleidingen"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Vink de opleidingen aan waarvoor jullie een erkend leerbedrijf zijn. De school "
            "controleert dit."
        ),
    )

    class Meta:
        model = Company
        fields = [
            "legal_name",
            "kvk_number",
            "branch_number",
            "street",
            "postcode",
            "place",
            "organisation_type",
            "size_class",
            "website",
            "sbb_id",
            "claimed_crebos",
        ]

    def __init__(
        self, *args: Any, institution_id: int | None, submit: str | Promise, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        programmes = Programme.objects.filter(institution=institution_id).order_by("name")
        choices: set[tuple[str, str]] = {(p.crebo, f"{p.name} ({p.crebo})") for p in programmes}
        crebos = cast(forms.MultipleChoiceField, self.fields["claimed_crebos"])
        ordered = sorted(choices, key=lambda c: c[1])
        crebos.choices = ordered
        self.fields["postcode"].widget.attrs["placeholder"] = "6511 AB"
        self.fields["kvk_number"].widget.attrs.update(
            {"inputmode": "numeric", "placeholder": "12345678"}
        )
        self.helper = helper(submit)

    def clean_postcode(self) -> str:
        value = self.cleaned_data["postcode"].strip().upper().replace(" ", "")
        return f"{value[:4]} {value[4:]}" if len(value) == 6 else value

    def company_data(self) -> dict[str, Any]:
        """The company's fields (without the contact person), claimed crebos sorted."""
        data = {
            k: v for k, v in self.cleaned_data.items() if k not in ("contact_name", "contact_email")
        }
        data["claimed_crebos"] = sorted(data.get("claimed_crebos") or [])
        return data


class ContactFields(forms.Form):
    contact_name = forms.CharField(
        label=_("Naam contactpersoon / praktijkopleider"), max_length=150
    )
    contact_email = forms.EmailField(
        label=_("E-mailadres contactpersoon"),
        help_text=_("Deze persoon krijgt een link om een account te activeren."),
    )


class CompanyRegistrationForm(CompanyForm):
    contact_name = ContactFields.base_fields["contact_name"]
    contact_email = ContactFields.base_fields["contact_email"]


class ContactInviteForm(forms.Form):
    full_name = forms.CharField(label=_("Naam"), max_length=150)
    email = forms.EmailField(label=_("E-mailadres"))
    job_title = forms.CharField(label=_("Functie"), max_length=100, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = helper(_("Uitnodigen"))


class SignForm(forms.Form):
    signer_name = forms.CharField(label=_("Je naam"), max_length=150)
    signer_role = forms.CharField(label=_("Je functie"), max_length=100)
    agree = forms.BooleanField(
        label=_("Ik onderteken deze overeenkomst namens het bedrijf."),
        error_messages={"required": _("Vink aan dat je ondertekent namens het bedrijf.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = helper(_("Ondertekenen"))


class OfferForm(forms.ModelForm):
    work_processes = IdsField(
        queryset=WorkProcess.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        label=_("Werkprocessen die een student hier kan oefenen"),
        error_messages={"required": _("Kies minstens één werkproces.")},
    )
    electives = IdsField(
        queryset=Elective.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=_("Keuzedelen die een student hier kan doen (mag leeg)"),
        help_text=_(
            "Een student die zo'n keuzedeel koos, past hier beter. Een student met andere "
            "keuzedelen scoort hier niet lager."
        ),
    )
    working_days = forms.TypedMultipleChoiceField(
        choices=Weekday.choices[:6],
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        label=_("Werkdagen"),
        help_text=_(
            "Een student moet op genoeg van deze dagen kunnen (uren per week gedeeld door 8)."
        ),
        required=False,
    )
    location = PlaceChoiceField(
        queryset=Place.objects.all(),
        required=False,
        label=_("Locatie (alleen als anders dan het bedrijfsadres)"),
    )

    class Meta:
        model = Offer
        fields = [
            "period_start",
            "period_end",
            "capacity",
            "work_processes",
            "electives",
            "learning_text",
            "activities",
            "supervision",
            "supervision_hours",
            "extra_supervision_possible",
            "extra_supervision_text",
            "hours_per_week",
            "working_days",
            "location",
            "wheelchair_accessible",
            "near_public_transport",
            "presentation",
        ]
        field_classes = {"period_start": formfields.DateField, "period_end": formfields.DateField}
        widgets = {
            "period_start": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "period_end": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "learning_text": forms.Textarea(attrs={"rows": 3}),
            "activities": forms.Textarea(attrs={"rows": 3}),
            "extra_supervision_text": forms.Textarea(attrs={"rows": 2}),
            "presentation": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "learning_text": _(
                "Beschrijf wat een student hier leert: taken en vaardigheden, geen eisen aan de "
                "persoon."
            ),
            "presentation": _(
                "Objectief: taken, competenties en wat je leert. Niet: leeftijd, uiterlijk, "
                "'klik' of 'past in ons team'."
            ),
        }

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        work_processes = cast(forms.ModelMultipleChoiceField, self.fields["work_processes"])
        work_processes.queryset = WorkProcess.objects.filter(
            core_task__programme=programme
        ).order_by("code")
        electives = cast(forms.ModelMultipleChoiceField, self.fields["electives"])
        electives.queryset = programme.electives.all()
        self.helper = helper(_("Opslaan"))

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        clean_period(self, data, "period_start", "period_end")
        if data.get("extra_supervision_possible") and not data.get("extra_supervision_text"):
            self.add_error(
                "extra_supervision_text", _("Beschrijf hoe de extra begeleiding eruitziet.")
            )
        return data


class CopyOfferForm(forms.Form):
    period_start = formfields.DateField(
        label=_("Nieuwe periode vanaf"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    period_end = formfields.DateField(
        label=_("Nieuwe periode tot en met"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = helper(_("Kopiëren"))

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        clean_period(self, data, "period_start", "period_end")
        return data


# What a check can find; "to be checked" is written by a change of KvK number or SBB id.
CHECK_OUTCOMES = [
    (o.value, o.label) for o in (RecognitionOutcome.RECOGNISED, RecognitionOutcome.NOT_RECOGNISED)
]


class VerifyForm(forms.Form):
    crebo = forms.RegexField(regex=r"^\d{5}$", label=_("Crebo"))
    outcome = forms.ChoiceField(choices=CHECK_OUTCOMES, label=_("Uitkomst"))


class SuspendForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Reden"), choices=[("", "---------"), *SuspensionReason.choices]
    )
    text = forms.CharField(
        label=_("Toelichting (het bedrijf leest de reden, niet deze toelichting)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
    )


class LiftSuspensionForm(forms.Form):
    text = forms.CharField(
        label=_("Toelichting (mag leeg)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        required=False,
    )


class AcceptTextForm(forms.Form):
    reason = forms.CharField(
        label=_("Waarom is deze tekst toch acceptabel?"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
    )


class AgreementForm(forms.Form):
    text = forms.CharField(
        label=_("Tekst van de nieuwe versie"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_(
            "Minstens: het bedrijf accepteert de gekoppelde student en wijst niet af op "
            "subjectieve gronden; "
            "het kennismakingsgesprek is geen selectiemoment; discriminatie wordt vroeg "
            "gesignaleerd en aangepakt; "
            "het bedrijf geeft de begeleiding die het belooft."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = helper(_("Nieuwe versie publiceren"))
        question = _("Nieuwe versie publiceren? Alle bedrijven moeten dan opnieuw ondertekenen.")
        self.helper.attrs = {"data-confirm": question}


class CompanySearchForm(forms.Form):
    q = forms.CharField(
        label=_("Zoek op naam, KvK-nummer of plaats"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("", _("Alle")),
            *CompanyStatus.choices,
            ("tekst", _("Tekst opnieuw bekijken")),
        ],
    )
