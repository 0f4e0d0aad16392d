"""Ids posted by a browser are checked before any query (catalog.formfields)."""

from __future__ import annotations

from typing import Any

import pytest
from django import forms

from catalog.formfields import MAX_ID, DateField, DateTimeField, IdField, is_id
from catalog.forms import PlaceMultipleChoiceField
from catalog.models import Place


class PlacesForm(forms.Form):
    places = PlaceMultipleChoiceField(required=False)
    place_id = IdField(required=False)


@pytest.fixture
def places(db: None) -> list[Place]:
    return [
        Place.objects.create(
            name=f"Plaats {i}",
            municipality="Gemeente",
            province="Gelderland",
            latitude=51.8,
            longitude=5.8,
        )
        for i in range(3)
    ]


@pytest.mark.parametrize(
    "value",
    [
        "1" * 20,  # raised OverflowError on SQLite (a 500) before IdsField
        "-" + "1" * 20,
        str(MAX_ID + 1),
        "0",
        "-1",
        "1.5",
        "1e3",
        "١٢",  # Arabic-Indic digits, which int() would accept
        "1\x00",
        "x" * 100_000,
        "",
    ],
)
def test_a_hostile_id_in_a_multi_select_is_a_form_error(places: list[Place], value: str) -> None:
    form = PlacesForm({"places": [str(places[0].pk), value]})
    assert not form.is_valid()
    assert "places" in form.errors
    assert len(str(form.errors)) < 1000  # the value is not echoed back whole


def test_a_20_digit_id_in_a_single_id_field_is_a_form_error(db: None) -> None:
    form = PlacesForm({"place_id": "1" * 20})
    assert not form.is_valid() and "place_id" in form.errors


def test_more_ids_than_any_list_offers_are_refused_without_a_query(
    places: list[Place], django_assert_num_queries: Any
) -> None:
    form = PlacesForm({"places": [str(i) for i in range(1, 5002)]})
    with django_assert_num_queries(0):
        assert not form.is_valid()
    assert "hoogstens" in str(form.errors["places"])


def test_real_ids_pass(places: list[Place]) -> None:
    form = PlacesForm({"places": [str(p.pk) for p in places]})
    assert form.is_valid(), form.errors
    assert set(form.cleaned_data["places"]) == set(places)


def test_is_id() -> None:
    assert is_id("1") and is_id(MAX_ID) and is_id(" 42 ")
    assert not any(is_id(v) for v in ("0", "-3", str(MAX_ID + 1), "1" * 20, "٣", "a", None))


class MomentsForm(forms.Form):
    day = DateField(required=False)
    moment = DateTimeField(required=False)


@pytest.mark.parametrize(
    "data",
    [
        {"day": "9999-12-31"},
        {"day": "1899-12-31"},
        # Year 1 in Amsterdam time lies before year 1 in UTC: converting it overflowed.
        {"moment": "0001-01-01T00:00"},
        {"moment": "9999-12-31T23:59"},
    ],
)
def test_a_date_outside_any_real_year_is_a_form_error(data: dict[str, str]) -> None:
    form = MomentsForm(data)
    assert not form.is_valid()
    assert "1900" in str(form.errors)


def test_a_real_date_passes() -> None:
    form = MomentsForm({"day": "2027-02-01", "moment": "2027-02-01T09:30"})
    assert form.is_valid(), form.errors


def test_the_login_refuses_a_100000_character_address(db: None) -> None:
    from django.test import RequestFactory

    from accounts.forms import LoginForm

    form = LoginForm(RequestFactory().post("/"), data={"username": "a" * 100_000, "password": "x"})
    assert not form.is_valid()
    assert "username" in form.errors
