"""Form fields for reference data, shared by every form that asks for a place."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from . import widgets
from .formfields import IdsField
from .models import Place

# The place picker (static/js/place-picker.js, Tom Select) turns these selects into a search
# box: type part of a place or municipality name. Without JavaScript they stay plain selects.
PICKER_ATTRS = {
    "data-place-picker": "",
    "data-placeholder": _("Typ een plaats of gemeente"),
    "data-no-results": _("Geen plaats gevonden. Probeer de naam van de gemeente."),
}


class PlaceChoiceField(forms.ModelChoiceField):
    widget = widgets.Select(attrs=PICKER_ATTRS)

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("queryset", Place.objects.all())
        super().__init__(**kwargs)

    def label_from_instance(self, obj: Place) -> str:
        return str(obj)


class PlaceMultipleChoiceField(IdsField):
    widget = widgets.SelectMultiple(attrs=PICKER_ATTRS)

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("queryset", Place.objects.all())
        super().__init__(**kwargs)

    def label_from_instance(self, obj: Place) -> str:
        return str(obj)
