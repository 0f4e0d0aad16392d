from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from catalog import formfields
from catalog.formfields import IdField

from .models import Agreement, ContactKind, EndReason, NotHeldReason, SignalStatus

SCORES = [(str(n), str(n)) for n in range(1, 6)]


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
    date_of_birth = formfields.DateField(
        label=_("Geboortedatum"), widget=forms.DateInput(attrs={"type": "date"})
    )
    guardian_name = forms.CharField(label=_("Naam ouder/verzorger"), max_length=150, required=False)
    guardian_email = forms.EmailField(label=_("E-mail ouder/verzorger"), required=False)


class GuardianSignForm(forms.Form):
    name = forms.CharField(label=_("Je naam"), max_length=150)
    # The hash of the version the guardian read: signing is refused if it was replaced.
    seen = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)
    agree = forms.BooleanField(
        label=_("Ik heb de praktijkovereenkomst gelezen en ga ermee akkoord.")
    )


class IntroProposeForm(forms.Form):
    moment_1 = formfields.DateTimeField(
        label=_("Moment 1"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    moment_2 = formfields.DateTimeField(
        label=_("Moment 2 (mag leeg)"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    moment_3 = formfields.DateTimeField(
        label=_("Moment 3 (mag leeg)"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    note = forms.CharField(
        label=_("Toelichting (bijvoorbeeld adres of wie er zijn)"), required=False, max_length=500
    )

    def moments(self) -> list[dt.datetime]:
        return [m for k in ("moment_1", "moment_2", "moment_3") if (m := self.cleaned_data[k])]


class IntroAnswerForm(forms.Form):
    moment = IdField(required=False, widget=forms.HiddenInput)
    note = forms.CharField(label=_("Wanneer kun je wel?"), required=False, max_length=500)


class IntroOutcomeForm(forms.Form):
    held = forms.TypedChoiceField(
        label=_("Is het gesprek doorgegaan?"),
        choices=[("1", _("Doorgegaan")), ("0", _("Niet doorgegaan"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    reason = forms.ChoiceField(
        label=_("Reden (als het niet doorging)"),
        choices=[("", "—"), *NotHeldReason.choices],
        required=False,
    )
    text = forms.CharField(label=_("Toelichting"), required=False, max_length=1000)


class RefusalForm(forms.Form):
    text = forms.CharField(
        label=_("Waarom wil je de student niet (meer) begeleiden?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class StopForm(forms.Form):
    # A student who left the programme is recorded on the student's page (`student_leave`).
    reason = forms.ChoiceField(
        label=_("Reden"),
        choices=[c for c in EndReason.choices if c[0] != EndReason.STUDENT_LEFT],
    )
    text = forms.CharField(
        label=_("Toelichting"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    on = formfields.DateField(
        label=_("Eerste dag zonder stage (leeg: vandaag)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )


class StudentLeaveForm(forms.Form):
    on = formfields.DateField(
        label=_("Gestopt per (leeg: vandaag)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    text = forms.CharField(
        label=_("Toelichting (mag leeg)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ContactForm(forms.Form):
    date = formfields.DateField(label=_("Datum"), widget=forms.DateInput(attrs={"type": "date"}))
    kind = forms.ChoiceField(label=_("Soort"), choices=ContactKind.choices)
    participants = forms.CharField(label=_("Wie deden mee"), required=False, max_length=300)
    notes = forms.CharField(
        label=_("Korte notities (alleen voor school)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    held = forms.BooleanField(label=_("Dit contactmoment is gehouden"), required=False)


class SignalForm(forms.Form):
    what = forms.CharField(
        label=_("Wat is er gebeurd?"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )
    when = forms.CharField(label=_("Wanneer?"), max_length=200)
    who_knows = forms.CharField(
        label=_("Wie weet ervan of was erbij? (mag leeg)"), required=False, max_length=300
    )
    anonymous = forms.BooleanField(
        label=_("Het bedrijf mag niet weten dat ik dit meld"), required=False
    )


class SignalUpdateForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=SignalStatus.choices)
    actions = forms.CharField(
        label=_("Genomen acties"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class EvaluationForm(forms.Form):
    match_score = forms.TypedChoiceField(
        label=_("Paste de stageplek bij wat de student wilde leren?"),
        choices=SCORES,
        coerce=int,
        widget=forms.RadioSelect,
    )
    guidance_score = forms.TypedChoiceField(
        label=_("Hoe was de begeleiding?"), choices=SCORES, coerce=int, widget=forms.RadioSelect
    )
    objective_score = forms.TypedChoiceField(
        label=_("Voelde de koppeling objectief en eerlijk?"),
        choices=SCORES,
        coerce=int,
        widget=forms.RadioSelect,
    )
    remark = forms.CharField(
        label=_("Wat wil je nog kwijt? (mag leeg)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
