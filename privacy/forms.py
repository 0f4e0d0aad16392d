from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .kinds import KINDS, UNIT_LABELS
from .models import RequestKind, RetentionPolicy, RightsRequest


class RetentionForm(forms.ModelForm):
    """One number per kind of data, within its bounds (checked here and by the model)."""

    confirm_shorter = forms.BooleanField(
        label=_("Ik bevestig kortere termijnen (na overleg met de privacyfunctionaris)"),
        required=False,
        help_text=_(
            "Nodig als een termijn korter wordt: gegevens die daardoor over hun termijn zijn, "
            "worden bij de volgende nachtelijke ronde gewist."
        ),
    )

    class Meta:
        model = RetentionPolicy
        fields = [kind.key for kind in KINDS]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for kind in KINDS:
            field = self.fields[kind.key]
            field.help_text = _("%(unit)s %(start)s (%(min)s–%(max)s; standaard %(default)s)") % {
                "unit": UNIT_LABELS[kind.unit],
                "start": kind.start,
                "min": kind.minimum,
                "max": kind.maximum,
                "default": kind.default,
            }
            field.widget.attrs.update({"min": kind.minimum, "max": kind.maximum})


class RequestForm(forms.ModelForm):
    kind = forms.ChoiceField(
        label=_("Wat wil je?"), choices=RequestKind.choices, widget=forms.RadioSelect
    )

    class Meta:
        model = RightsRequest
        fields = ["kind", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}


class HandleForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Besluit"),
        choices=[
            ("carry_out", _("Uitvoeren (bij wissen: nu wissen of pseudonimiseren)")),
            ("refuse", _("Afwijzen")),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reden en wat er is gedaan (de aanvrager ziet dit)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )
