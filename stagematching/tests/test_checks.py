"""Database checks (CHECK constraints): every one has a Dutch message and exists in the
database; the database refuses what a form would refuse; the forms refuse it first, with the
message next to the field, never an IntegrityError."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.apps import apps
from django.db import IntegrityError, connection, models, transaction

from companies.models import Offer
from matching.forms import RoundForm
from matching.models import Round
from matching.tests.conftest import World, build_world
from students.models import LearningProfile, Student

OUR_APPS = {
    "accounts",
    "catalog",
    "cockpit",
    "companies",
    "followup",
    "matching",
    "placements",
    "programmes",
    "spreadsheets",
    "students",
}


def our_checks() -> list[tuple[type[models.Model], models.CheckConstraint]]:
    return [
        (model, constraint)
        for model in apps.get_models()
        if model._meta.app_label in OUR_APPS
        for constraint in model._meta.constraints
        if isinstance(constraint, models.CheckConstraint)
    ]


def test_every_check_says_in_dutch_what_is_wrong() -> None:
    checks = our_checks()
    assert len(checks) >= 45  # 36 added by the validation hardening of issue 12
    for model, constraint in checks:
        message = str(constraint.violation_error_message)
        assert "is violated" not in message, (model, constraint.name)
        assert message.endswith("."), (model, constraint.name)


@pytest.mark.django_db
def test_every_check_is_in_the_database() -> None:
    with connection.cursor() as cursor:
        for model, constraint in our_checks():
            found = connection.introspection.get_constraints(cursor, model._meta.db_table)
            assert constraint.name in found, (model._meta.label, constraint.name)
            assert found[constraint.name]["check"], constraint.name


def refused(queryset: models.QuerySet[Any], **values: Any) -> bool:
    """True when the database refuses the update (a query that skips every validator)."""
    try:
        with transaction.atomic():
            queryset.update(**values)
    except IntegrityError:
        return True
    return False


@pytest.fixture
def world(db: None) -> World:
    return build_world(n_students=2, capacities=(1,))


@pytest.mark.parametrize(
    "values",
    [
        {"cohort": 9999},
        {"shortlist_size": 0},
        {"objection_days": 9999},
        {"review_score_threshold": 101},
        {
            "preferences_open_at": dt.datetime(2027, 3, 2, tzinfo=dt.UTC),
            "preferences_close_at": dt.datetime(2027, 3, 1, tzinfo=dt.UTC),
        },
    ],
)
def test_the_database_refuses_a_round_out_of_range(world: World, values: dict[str, Any]) -> None:
    rounds = Round.objects.filter(pk=world.round.pk)
    assert refused(rounds, **values)
    assert not refused(rounds, cohort=2027, shortlist_size=10, objection_days=42)


@pytest.mark.parametrize(
    "model, values",
    [
        (Offer, {"capacity": 0}),
        (Offer, {"capacity": 101}),
        (Offer, {"hours_per_week": 99}),
        (Offer, {"supervision_hours": 41}),
        (Offer, {"learning_text": ""}),
        (LearningProfile, {"max_travel_minutes": 999}),
        (LearningProfile, {"hours_per_week": 0}),
        (Student, {"cohort": 3000}),
    ],
)
def test_the_database_refuses_other_values_out_of_range(
    world: World, model: type[models.Model], values: dict[str, Any]
) -> None:
    assert refused(model._default_manager.all(), **values)


def round_data(world: World, **changes: Any) -> dict[str, Any]:
    data = {
        "name": "Ronde",
        "programmes": [str(world.programme.pk)],
        "cohort": "2026",
        "variant": "shortlist",
        "shortlist_size": "3",
        "objection_days": "5",
        "review_score_threshold": "50",
        "w_work_processes": "1",
        "w_learning_text": "0",
        "w_organisation_type": "1",
        "w_travel": "1",
        "w_electives": "1",
    }
    return {**data, **changes}


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"cohort": "99999"}, "cohort", "2100"),
        ({"shortlist_size": "0"}, "shortlist_size", "1"),
        ({"objection_days": "70000"}, "objection_days", "42"),
        (
            {
                "preferences_open_at": "2027-03-02T09:00",
                "preferences_close_at": "2027-03-01T09:00",
            },
            "preferences_close_at",
            "sluiten na",
        ),
    ],
)
def test_the_round_form_says_what_is_wrong_next_to_the_field(
    world: World, changes: dict[str, str], field: str, message: str
) -> None:
    """The values from issue 12 (a round accepted them all) are refused by the form itself."""
    form = RoundForm(round_data(world, **changes), institution_id=world.round.institution_id)
    assert not form.is_valid()
    assert message in str(form.errors[field]), form.errors


def test_a_sound_round_passes_the_form(world: World) -> None:
    form = RoundForm(round_data(world), institution_id=world.round.institution_id)
    assert form.is_valid(), form.errors
