from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Fieldset, Layout, Submit
from django import forms
from django.utils.html import escape
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from catalog import formfields
from catalog.formfields import IdField, IdsField
from companies.wording import BLOCK
from companies.wordlist import check_texts
from programmes.models import Programme

from .checks import PREFERENCE_ORDER_MESSAGE
from .engine import Weights
from .models import MatchStatus, Round

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
            "name",
            "programmes",
            "cohort",
            "variant",
            "shortlist_size",
            "priority",
            "preferences_open_at",
            "preferences_close_at",
            "objection_days",
            "review_score_threshold",
        ]
        field_classes = {
            "programmes": IdsField,
            "preferences_open_at": formfields.DateTimeField,
            "preferences_close_at": formfields.DateTimeField,
        }
        help_texts = {
            "priority": _(
                "Studenten die extra begeleiding nodig hebben en studenten die opnieuw een plek "
                "zoeken, worden eerst geplaatst. Zo gaan schaarse plekken met extra begeleiding "
                "naar wie ze nodig heeft."
            ),
        }
        widgets = {
            "programmes": forms.CheckboxSelectMultiple,
            "preferences_open_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "preferences_close_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
        }

    def __init__(self, *args: Any, institution_id: int | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        programmes = cast(forms.ModelMultipleChoiceField, self.fields["programmes"])
        programmes.queryset = Programme.objects.filter(institution=institution_id)
        defaults = Weights().as_dict()
        current = (self.instance.weights if self.instance.pk else None) or defaults
        for key, label in WEIGHT_LABELS.items():
            self.fields[f"w_{key}"] = forms.FloatField(
                label=label,
                min_value=0,
                max_value=10,
                initial=current.get(key, defaults[key]),
                help_text=_("Standaard %(d)s") % {"d": defaults[key]},
            )
        self.fields["w_learning_text"].help_text = _(
            "Standaard 0. Boven 0 telt mee hoe een student de leerwens verwoordt: dat bevoordeelt "
            "studenten die vlot schrijven (en benadeelt bijvoorbeeld studenten met dyslexie of "
            "Nederlands als tweede taal)."
        )
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Fieldset(
                _("Ronde"),
                "name",
                "programmes",
                "cohort",
                "variant",
                "shortlist_size",
                "priority",
            ),
            Fieldset(
                _("Data"),
                # The intake date is the planning's (one source for every intake date).
                HTML(
                    '<p class="form-text">'
                    + escape(
                        gettext(
                            "De intake sluit op de datum 'Leerwensformulier sluit' in de "
                            "planning van het stappenplan."
                        )
                    )
                    + "</p>"
                ),
                "preferences_open_at",
                "preferences_close_at",
                "objection_days",
            ),
            Fieldset(_("Beoordeling"), "review_score_threshold"),
            Fieldset(_("Gewichten van de criteria (relatief)"), *[f"w_{k}" for k in WEIGHT_LABELS]),
        )
        self.helper.add_input(Submit("submit", _("Opslaan")))

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        opens, closes = data.get("preferences_open_at"), data.get("preferences_close_at")
        if opens and closes and closes <= opens:
            self.add_error("preferences_close_at", PREFERENCE_ORDER_MESSAGE)
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
    # Read and shown in the site's time zone (Europe/Amsterdam); a moment that does not exist
    # or is ambiguous at a clock change is refused by the field itself.
    at = formfields.DateTimeField(
        label=_("Moment (Nederlandse tijd)"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    confirm = forms.BooleanField(
        label=_(
            "Ik bevestig: ligt het moment binnen 10 minuten of is het al voorbij, dan wordt de "
            "uitslag direct bekend."
        ),
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("when") == "at" and not data.get("at"):
            self.add_error("at", _("Kies datum en tijd van de bekendmaking."))
        return data


class MoveForm(forms.Form):
    offer = IdField(widget=forms.HiddenInput)
    justification = forms.CharField(label=_("Waarom verplaats je deze student?"), max_length=2000)
    confirmed = forms.BooleanField(
        label=_("Ik weet dat de score lager of de reistijd langer wordt, en verplaats toch."),
        required=False,
    )

    def __init__(self, *args: Any, worse: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not worse:  # nothing to confirm for a move that is at least as good
            self.fields["confirmed"].widget = forms.HiddenInput()


class IntroForm(forms.Form):
    tips: list[str]  # `let op` suggestions for the note, set when the form is valid

    proposed_at = formfields.DateTimeField(
        label=_("Voorgesteld moment"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    note = forms.CharField(
        label=_("Toelichting (bijvoorbeeld adres of wie er zijn)"), required=False, max_length=500
    )

    def clean_note(self) -> str:
        """The note goes through the wording check: the meeting is not a selection, so a
        `blokkeert` word ("neem je cv mee") is refused; `let op` tips come back as `tips`."""
        note: str = self.cleaned_data["note"]
        flags = check_texts({"note": note})
        blocking = [f for f in flags if f.level == BLOCK]
        if blocking:
            raise forms.ValidationError(
                _("Pas de toelichting aan: %(words)s. %(tip)s")
                % {
                    "words": ", ".join(f"\u201c{f.words}\u201d" for f in blocking),
                    "tip": gettext(blocking[0].suggestion),
                }
            )
        self.tips = [gettext(f.suggestion) for f in flags]
        return note


class ObjectionDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Besluit"),
        choices=[("upheld", _("Toekennen")), ("rejected", _("Afwijzen"))],
        widget=forms.RadioSelect,
    )
    answer = forms.CharField(
        label=_("Redenen (de student leest ze)"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Waarom?"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class RevealForm(forms.Form):
    reason = forms.CharField(
        label=_("Reden, bijvoorbeeld opvolging door de zorgcoördinator"), max_length=2000
    )


class ObjectionForm(forms.Form):
    reason = forms.CharField(
        label=_("Waarom maak je bezwaar?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class RankingForm(forms.Form):
    """A student's ranking: choice 1 to `limit`, each one of the offers they may rank, given
    as (id, "company (place)")."""

    def __init__(
        self, *args: Any, choices: Iterable[tuple[str, str]], limit: int, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        options: list[tuple[str, Any]] = [("", _("— geen —")), *choices]
        for rank in range(1, limit + 1):
            self.fields[f"rank_{rank}"] = forms.ChoiceField(
                label=_("Keuze %(r)s") % {"r": rank}, choices=options, required=False
            )


class ReviewFilterForm(forms.Form):
    """The filters above the review list (read from the query string by the selector)."""

    q = forms.CharField(
        label=_("Schuilnaam"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"placeholder": "S-7F3A"}),
    )
    programme = forms.ChoiceField(label=_("Opleiding"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)
    band = forms.ChoiceField(
        label=_("Score"),
        required=False,
        choices=[("", _("Alle")), ("0", "< 50"), ("50", "50–70"), ("70", "70–85"), ("85", "≥ 85")],
    )
    unplaced = forms.BooleanField(label=_("Zonder plek"), required=False)
    changed = forms.BooleanField(label=_("Gewijzigd"), required=False)
    flagged = forms.BooleanField(label=_("Gemarkeerd (los goedkeuren)"), required=False)

    def __init__(self, *args: Any, programmes: Iterable[Programme], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        programme = cast(forms.ChoiceField, self.fields["programme"])
        programme.choices = [("", _("Alle")), *((str(p.pk), p.name) for p in programmes)]
        status = cast(forms.ChoiceField, self.fields["status"])
        status.choices = [("", _("Alle")), *MatchStatus.choices]


class ReplacementForm(forms.Form):
    """Another place for the student of an upheld objection: offers they may be matched to
    with a free seat (`selectors.replacement`), best score first."""

    offer = forms.TypedChoiceField(label=_("Nieuwe stageplek"), coerce=int)
    reason = forms.CharField(
        label=_("Waarom deze plek (de tweede persoon leest het)"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, options: list[dict[str, Any]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["offer"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [
            (
                o["offer"].pk,
                gettext("%(company)s (%(place)s), score %(score).0f, %(free)s vrij")
                % {
                    "company": o["offer"].company.legal_name,
                    "place": o["offer"].company.place.name if o["offer"].company.place else "-",
                    "score": o["pair"].score,
                    "free": o["free"],
                },
            )
            for o in options
        ]
