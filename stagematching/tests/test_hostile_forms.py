"""Every form of the project, every field, every hostile value (stagematching.tests.hostile):
the form is invalid or cleans to a value that can be stored; it never raises. Then the same
values through the POST endpoints as logged-in users: never a 500, nothing hostile stored.
The figures are printed (run with -s to see them)."""

from __future__ import annotations

from typing import Any

import pytest
from django import forms

from catalog import formfields
from matching.tests.conftest import World, build_world

from .hostile import DATE_ORDER, Context, admin_forms, all_forms, unsafe, walk_form


@pytest.fixture
def context(db: None) -> Context:
    world: World = build_world(n_students=2, capacities=(1,))
    return Context(coordinator=world.coordinator, student=world.students[0], offer=world.offers[0])


def test_the_walk_finds_every_form() -> None:
    names = {f.__name__ for f in all_forms()}
    assert {"RoundForm", "OfferForm", "LearningProfileForm", "AgreementForm"} <= names
    assert len(names) >= 40


def test_every_form_refuses_or_safely_cleans_every_hostile_value(context: Context) -> None:
    tried = 0
    failures: list[str] = []
    form_classes = all_forms()
    for form_class in form_classes:
        for field, label, result in walk_form(form_class, context):
            tried += 1
            where = f"{form_class.__module__}.{form_class.__name__}.{field} <- {label}"
            if isinstance(result, Exception):
                failures.append(f"{where}: {type(result).__name__}: {str(result)[:100]}")
                continue
            for name, value in getattr(result, "cleaned_data", {}).items():
                if name in result.errors or is_password(result, name):
                    continue
                problem = unsafe(value)
                if problem:
                    failures.append(f"{where}: {name} accepted {problem}")
    print(
        f"\nhostile forms: {len(form_classes)} forms, {tried} submissions, {len(failures)} failures"
    )
    print(*failures, sep="\n")
    assert failures == []


def is_password(form: forms.BaseForm, name: str) -> bool:
    """Passwords are hashed, never stored or shown: their length is not a storage question."""
    field = form.fields.get(name)
    return field is not None and isinstance(field.widget, forms.PasswordInput)


def test_every_text_field_has_a_server_side_length_limit(context: Context) -> None:
    """A `maxlength` in the HTML is a hint; the form field's max_length is the rule."""
    unlimited = []
    for form_class in all_forms():
        form = context.build(form_class, None)
        for name, field in form.fields.items():
            if type(field) is not forms.CharField:
                continue  # typed fields (e-mail, choice, date, number) limit themselves
            if is_password(form, name):
                continue
            if field.max_length is None:
                unlimited.append(f"{form_class.__name__}.{name}")
    assert unlimited == []


@pytest.mark.parametrize("start, end", DATE_ORDER)
def test_every_period_in_a_form_refuses_an_end_before_its_start(
    context: Context, start: str, end: str
) -> None:
    found = 0
    for form_class in all_forms():
        blank = context.build(form_class, None)
        if start not in blank.fields or end not in blank.fields:
            continue
        found += 1
        datetime = isinstance(blank.fields[start], forms.DateTimeField)
        first, then = (
            ("2027-03-02T09:00", "2027-03-01T09:00") if datetime else ("2027-03-02", "2027-03-01")
        )
        form = context.build(form_class, _data({start: first, end: then}))
        assert not form.is_valid()
        assert end in form.errors, (form_class.__name__, form.errors)
    assert found >= 1


def test_every_id_and_date_field_is_checked_before_use(context: Context) -> None:
    """One place for each rule (catalog.formfields): no form of ours, and no admin form,
    uses Django's unchecked multi-select or date fields directly."""
    plain = []
    for form_class in [*all_forms(), *admin_forms()]:
        form = context.build(form_class, None) if form_class in all_forms() else form_class()
        for name, field in form.fields.items():
            rule = {
                forms.ModelMultipleChoiceField: formfields.IdsField,
                forms.DateTimeField: formfields.DateTimeField,
                forms.DateField: formfields.DateField,
            }
            for django_field, ours in rule.items():
                if isinstance(field, django_field) and not isinstance(field, ours):
                    plain.append(f"{form_class.__module__}.{form_class.__name__}.{name}")
            split = isinstance(field, forms.SplitDateTimeField)  # the admin's date and time
            if split and formfields.validate_year not in field.validators:
                plain.append(f"{form_class.__module__}.{form_class.__name__}.{name}")
    assert plain == []


def _data(values: dict[str, Any]) -> Any:
    from django.http import QueryDict

    data = QueryDict(mutable=True)
    data.update(values)
    return data
