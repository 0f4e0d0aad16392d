from __future__ import annotations

from typing import Any, cast

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User, school_staff
from catalog import formfields
from programmes.models import Programme

from .models import PlanningStep


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return f"{obj.full_name or obj.email} ({obj.get_role_display()})"


class PlanningStepForm(forms.ModelForm):
    owner = StaffChoiceField(
        queryset=User.objects.none(), required=False, label=_("Verantwoordelijke")
    )

    class Meta:
        model = PlanningStep
        fields = ["kind", "programme", "due_on", "owner"]
        field_classes = {"due_on": formfields.DateField}
        widgets = {"due_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args: Any, institution_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        programme = cast(forms.ModelChoiceField, self.fields["programme"])
        programme.queryset = Programme.objects.filter(institution=institution_id)
        programme.empty_label = _("Hele school")
        cast(forms.ModelChoiceField, self.fields["owner"]).queryset = school_staff(
            institution_id
        ).order_by("full_name", "email")
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Opslaan")))

    def validate_unique(self) -> None:
        """The service checks the one-step-per-kind rule (the school is not a form field)."""
