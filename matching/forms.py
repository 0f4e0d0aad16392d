from __future__ import annotations

from typing import Any

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout, Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from programmes.models import Programme

from .engine.types import Weights
from .models import Round

WEIGHT_LABELS = {
    "work_processes": _("Werkprocessen"),
    "learning_text": _("Leerwens en wat je er leert"),
    "organisation_type": _("Type organisatie"),
    "travel": _("Reistijd"),
    "electives": _("Keuzedelen"),
}


class RoundForm(forms.ModelForm):
    class Meta:
        model = Round
        fields = [
            "name", "programmes", "cohort", "variant", "shortlist_size", "intake_closes_at",
            "preferences_open_at", "preferences_close_at", "objection_days",
        ]  # fmt: skip
        widgets = {
            "programmes": forms.CheckboxSelectMultiple,
            "intake_closes_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "preferences_open_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "preferences_close_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
        }

    def __init__(self, *args: Any, institution_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["programmes"].queryset = Programme.objects.filter(institution=institution_id)
        defaults = Weights().as_dict()
        current = (self.instance.weights if self.instance.pk else None) or defaults
        for key, label in WEIGHT_LABELS.items():
            self.fields[f"w_{key}"] = forms.FloatField(
                label=label, min_value=0, max_value=10, initial=current.get(key, defaults[key]),
                help_text=_("Standaard %(d)s") % {"d": defaults[key]},
            )  # fmt: skip
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Fieldset(_("Ronde"), "name", "programmes", "cohort", "variant", "shortlist_size"),
            Fieldset(
                _("Data"),
                "intake_closes_at",
                "preferences_open_at",
                "preferences_close_at",
                "objection_days",
            ),
            Fieldset(_("Gewichten van de criteria (relatief)"), *[f"w_{k}" for k in WEIGHT_LABELS]),
        )
        self.helper.add_input(Submit("submit", _("Opslaan")))

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        weights = {k: data.get(f"w_{k}") or 0 for k in WEIGHT_LABELS}
        if sum(weights.values()) <= 0:
            raise forms.ValidationError(_("Minstens één gewicht moet groter dan 0 zijn."))
        data["weights"] = weights
        return data


class ReleaseForm(forms.Form):
    when = forms.ChoiceField(
        label=_("Wanneer"),
        choices=[("now", _("Nu")), ("at", _("Op een vast moment"))],
        initial="at",
        widget=forms.RadioSelect,
    )
    at = forms.DateTimeField(
        label=_("Moment"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("when") == "at" and not data.get("at"):
            self.add_error("at", _("Kies datum en tijd van de bekendmaking."))
        return data


class MoveForm(forms.Form):
    offer = forms.IntegerField()
    justification = forms.CharField(max_length=2000)


class IntroForm(forms.Form):
    proposed_at = forms.DateTimeField(
        label=_("Voorgesteld moment"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    note = forms.CharField(
        label=_("Toelichting (bijvoorbeeld adres of wie er zijn)"), required=False, max_length=500
    )
