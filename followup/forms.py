from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Agreement


class AgreementForm(forms.ModelForm):
    class Meta:
        model = Agreement
        fields = [
            "total_hours",
            "hours_per_week",
            "days_per_week",
            "assessment",
            "guidance",
            "early_end",
        ]
        widgets = {
            "assessment": forms.Textarea(attrs={"rows": 2}),
            "guidance": forms.Textarea(attrs={"rows": 2}),
            "early_end": forms.Textarea(attrs={"rows": 2}),
        }

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        hours, days = data.get("hours_per_week"), data.get("days_per_week")
        if isinstance(days, int) and not 1 <= days <= 5:
            self.add_error("days_per_week", _("Kies 1 tot en met 5 dagen per week."))
        if isinstance(hours, int) and not 4 <= hours <= 40:
            self.add_error("hours_per_week", _("Kies 4 tot en met 40 uur per week."))
        return data


class GuardianForm(forms.Form):
    date_of_birth = forms.DateField(
        label=_("Geboortedatum"), widget=forms.DateInput(attrs={"type": "date"})
    )
    guardian_name = forms.CharField(label=_("Naam ouder/verzorger"), max_length=150, required=False)
    guardian_email = forms.EmailField(label=_("E-mail ouder/verzorger"), required=False)


class GuardianSignForm(forms.Form):
    name = forms.CharField(label=_("Uw naam"), max_length=150)
    agree = forms.BooleanField(
        label=_("Ik heb de praktijkovereenkomst gelezen en ga ermee akkoord.")
    )
