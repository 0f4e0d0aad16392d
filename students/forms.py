from __future__ import annotations

from typing import Any, cast

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Div, Fieldset, Layout, Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from catalog import formfields
from catalog.formfields import IdsField
from catalog.forms import PlaceChoiceField, PlaceMultipleChoiceField
from catalog.models import Place, Weekday
from catalog.periods import clean_period
from catalog.widgets import Select as ManyOptionsSelect
from companies.models import Company
from programmes.models import WorkProcess

from .models import LearningProfile, OwnPlacement, ProfileStatus, Student

MAX_WISHES = 5


class SecondarySubmit(Submit):
    field_classes = "btn btn-outline-primary"


MIN_WISH_LENGTH = 20


class LearningProfileForm(forms.ModelForm):
    """The learning-wish form. Saving as draft checks formats; submitting also completeness."""

    home_place = PlaceChoiceField(
        queryset=Place.objects.all(),
        required=False,
        label=_("Vanaf welke plaats reis je naar je stage?"),
    )
    extra_places = PlaceMultipleChoiceField(
        queryset=Place.objects.all(),
        required=False,
        label=_("Andere plaatsen die je goed kunt bereiken (mag leeg)"),
        help_text=_("Typ een plaats of gemeente en kies; herhaal voor meer plaatsen."),
    )
    unavailable_days = forms.TypedMultipleChoiceField(
        choices=Weekday.choices,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Dagen dat je niet kunt"),
    )
    needs_step_free_access = forms.BooleanField(
        label=_(
            "Ik heb een werkplek zonder trappen of drempels nodig. Alleen de zorgcoördinator "
            "ziet dit. Bij het zoeken telt alleen dát je het nodig hebt, niet waarom."
        ),
        required=False,
    )
    support_note = forms.CharField(
        label=_("Wat helpt jou? (alleen de zorgcoördinator leest dit)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Schrijf wat je nodig hebt, bijvoorbeeld 'een vaste begeleider'. Een diagnose hoeft "
            "niet."
        ),
    )

    class Meta:
        model = LearningProfile
        fields = [
            "learning_wish_1",
            "learning_wish_2",
            "learning_wish_3",
            "organisation_types",
            "electives",
            "home_place",
            "transport_mode",
            "max_travel_minutes",
            "extra_places",
            "available_from",
            "available_until",
            "hours_per_week",
            "unavailable_days",
            "needs_extra_supervision",
        ]
        field_classes = {
            "organisation_types": IdsField,
            "electives": IdsField,
            "available_from": formfields.DateField,
            "available_until": formfields.DateField,
        }
        widgets = {
            "learning_wish_1": forms.Textarea(attrs={"rows": 2, "maxlength": 500}),
            "learning_wish_2": forms.Textarea(attrs={"rows": 2, "maxlength": 500}),
            "learning_wish_3": forms.Textarea(attrs={"rows": 2, "maxlength": 500}),
            "organisation_types": forms.CheckboxSelectMultiple,
            "electives": forms.CheckboxSelectMultiple,
            "available_from": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "available_until": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "max_travel_minutes": forms.NumberInput(attrs={"min": 5, "max": 180, "step": 5}),
            "hours_per_week": forms.NumberInput(attrs={"min": 4, "max": 40}),
        }
        labels = {
            "learning_wish_1": _("Leerwens 1: wat wil je op je stage leren?"),
            "learning_wish_2": _("Leerwens 2 (mag leeg)"),
            "learning_wish_3": _("Leerwens 3 (mag leeg)"),
            "needs_extra_supervision": _("Ik heb extra begeleiding nodig"),
        }
        help_texts = {
            "learning_wish_1": _(
                "Schrijf in je eigen woorden wat je wilt leren, bijvoorbeeld: 'Ik wil "
                "gestructureerd "
                "leren werken in een klein team' of 'Ik wil zelfstandig kleine "
                "onderhoudswerkzaamheden "
                "leren uitvoeren'. Minstens één zin."
            ),
        }

    def __init__(
        self,
        *args: Any,
        student: Student,
        submitting: bool = False,
        private: bool = True,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.student = student
        # Staff helping a student do not see (or change) what is for the care coordinator only.
        private_fields = ["support_note", "needs_step_free_access"] if private else []
        if not private:
            del self.fields["support_note"], self.fields["needs_step_free_access"]
        self.submitting = submitting
        programme = student.programme
        wps = WorkProcess.objects.filter(core_task__programme=programme).order_by("code")
        choices = [("", _("— kies een werkproces —"))] + [
            (str(w.pk), f"{w.code} {w.name}") for w in wps
        ]
        current = (
            [w.work_process_id for w in self.instance.wishes.order_by("rank")]
            if self.instance.pk
            else []
        )
        for i in range(1, MAX_WISHES + 1):
            self.fields[f"wp_{i}"] = forms.ChoiceField(
                label=_("%(n)s. keuze") % {"n": i}, choices=choices, required=False
            )
            if len(current) >= i:
                self.initial.setdefault(f"wp_{i}", str(current[i - 1]))
        electives = cast(forms.ModelMultipleChoiceField, self.fields["electives"])
        electives.queryset = programme.electives.all()
        note = getattr(student, "support_note", None)
        if note is not None and private:
            self.initial.setdefault("support_note", note.text)
            self.initial.setdefault("needs_step_free_access", note.needs_step_free_access)
        self.helper = FormHelper()
        self.helper.form_id = "profile-form"
        self.helper.layout = Layout(
            Fieldset(
                _("Wat wil je leren?"), "learning_wish_1", "learning_wish_2", "learning_wish_3"
            ),
            Fieldset(
                _("Welke werkprocessen wil je het liefst oefenen? (1 tot 5, belangrijkste eerst)"),
                Div(*[f"wp_{i}" for i in range(1, MAX_WISHES + 1)], css_class="wp-picks"),
            ),
            Fieldset(_("Voorkeuren"), "organisation_types", "electives"),
            Fieldset(
                _("Bereikbaarheid"),
                "home_place",
                "transport_mode",
                "max_travel_minutes",
                "extra_places",
                HTML(
                    '<div id="reach-hint" class="alert alert-info" role="status" '
                    'aria-live="polite" hidden></div>'
                ),
            ),
            Fieldset(
                _("Wanneer kun je?"),
                "available_from",
                "available_until",
                "hours_per_week",
                "unavailable_days",
            ),
            Fieldset(_("Begeleiding"), "needs_extra_supervision", *private_fields),
        )
        self.helper.add_input(SecondarySubmit("draft", _("Opslaan als concept")))
        self.helper.add_input(Submit("submit_profile", _("Indienen")))

    def _clean_wish(self, name: str) -> str:
        value = self.cleaned_data.get(name, "").strip()
        if value and len(value) < MIN_WISH_LENGTH:
            self.add_error(
                name,
                _("Schrijf iets meer: minstens %(n)s tekens, in een hele zin.")
                % {"n": MIN_WISH_LENGTH},
            )
        return value

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        for name in ("learning_wish_1", "learning_wish_2", "learning_wish_3"):
            data[name] = self._clean_wish(name)
        picked = [data.get(f"wp_{i}") for i in range(1, MAX_WISHES + 1)]
        chosen = [p for p in picked if p]
        if len(chosen) != len(set(chosen)):
            self.add_error(
                "wp_2", _("Je hebt hetzelfde werkproces twee keer gekozen. Kies steeds een ander.")
            )
        if chosen and not picked[0]:
            self.add_error(
                "wp_1",
                _("Begin bij de 1e keuze: dat is het werkproces dat je het belangrijkst vindt."),
            )
        data["work_process_ids"] = [int(p) for p in chosen]
        clean_period(self, data, "available_from", "available_until")
        if self.submitting:
            self._require_complete(data)
        return data

    def _require_complete(self, data: dict[str, Any]) -> None:
        required = {
            "learning_wish_1": _("Schrijf minstens één leerwens."),
            "home_place": _("Kies de plaats waar je vandaan reist."),
            "transport_mode": _("Kies hoe je reist."),
            "max_travel_minutes": _("Vul in hoe lang je maximaal wilt reizen."),
            "available_from": _("Vul in vanaf wanneer je kunt."),
            "available_until": _("Vul in tot wanneer je kunt."),
            "hours_per_week": _("Vul in hoeveel uur per week je kunt."),
        }
        for name, message in required.items():
            if not data.get(name) and name not in self.errors:
                self.add_error(name, message)
        if not data.get("work_process_ids") and "wp_1" not in self.errors:
            self.add_error("wp_1", _("Kies minstens één werkproces dat je wilt oefenen."))


class OptOutForm(forms.ModelForm):
    company = forms.ModelChoiceField(
        queryset=Company.objects.none(), label=_("Leerbedrijf"), widget=ManyOptionsSelect
    )

    class Meta:
        model = OwnPlacement
        fields = ["company", "period_start", "period_end"]
        field_classes = {"period_start": formfields.DateField, "period_end": formfields.DateField}
        widgets = {
            "period_start": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "period_end": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args: Any, companies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        company_field = cast(forms.ModelChoiceField, self.fields["company"])
        company_field.queryset = companies
        self.fields["company"].help_text = _(
            "Staat je bedrijf er niet bij? Dan is het (nog) niet erkend voor jouw opleiding. "
            "Vraag het bedrijf zich aan te melden bij de school."
        )
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Eigen stageplek doorgeven")))

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        clean_period(self, data, "period_start", "period_end")
        return data


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Opmerking"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("approved", _("Goedkeuren")), ("refused", _("Afwijzen"))]
    )
    reason = forms.CharField(
        label=_("Toelichting (verplicht bij afwijzen)"), required=False, max_length=1000
    )

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("decision") == "refused" and not data.get("reason", "").strip():
            self.add_error(
                "reason", _("Geef bij een afwijzing de reden, zodat de student weet wat te doen.")
            )
        return data


class StudentSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Zoek op naam, e-mail of studentnummer"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    status = forms.ChoiceField(
        label=_("Status leerwensformulier"),
        required=False,
        choices=[("", _("Alle")), *ProfileStatus.choices],
    )
