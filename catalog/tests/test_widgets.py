"""The many-options selects write the same HTML as Django's own widgets (catalog.widgets)."""

from __future__ import annotations

from typing import Any

import pytest
from django import forms
from django.test import SimpleTestCase

from catalog import widgets

CHOICES = [
    ("", "---------"),
    (1, "'s-Hertogenbosch"),
    (2, "Bolsward (Súdwest-Fryslân)"),
    (3, "<b>Tags & ampersands</b>"),
]
ATTRS = {"data-place-picker": "", "data-placeholder": "Typ een plaats", "class": "form-select"}


@pytest.mark.parametrize(
    ("fast", "django", "value"),
    [
        (widgets.Select, forms.Select, 2),
        (widgets.Select, forms.Select, None),
        (widgets.Select, forms.Select, "3"),
        (widgets.SelectMultiple, forms.SelectMultiple, [1, 3]),
        (widgets.SelectMultiple, forms.SelectMultiple, []),
    ],
)
def test_same_html_as_django(fast: Any, django: Any, value: Any) -> None:
    attrs = {"id": "id_place", "required": True, "disabled": False}
    ours = fast(attrs=ATTRS, choices=CHOICES).render("place", value, attrs)
    theirs = django(attrs=ATTRS, choices=CHOICES).render("place", value, attrs)
    SimpleTestCase().assertHTMLEqual(ours, theirs)
    assert "&lt;b&gt;Tags &amp; ampersands&lt;/b&gt;" in ours


def test_grouped_choices_fall_back_to_django() -> None:
    grouped = [("Gelderland", [(1, "Arnhem"), (2, "Ede")]), ("Utrecht", [(3, "Zeist")])]
    ours = widgets.Select(choices=grouped).render("place", 3)
    SimpleTestCase().assertHTMLEqual(ours, forms.Select(choices=grouped).render("place", 3))
    assert "<optgroup" in ours


def test_crispy_class_stays_select() -> None:
    """crispy forms adds the widget's class name as a CSS class."""
    assert widgets.Select.__name__ == "Select"
    assert widgets.SelectMultiple.__name__ == "SelectMultiple"
