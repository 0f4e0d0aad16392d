"""The staff pages of a student and a company are pages a coordinator works from: the
placement, its POK, contact moments and whom to contact after the release; a company's
placements, refusals, evaluations and recognition checks on one page. Never before release."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from companies.models import CompanyContact
from followup.models import Evaluation, EvaluationParty
from followup.services import ending
from matching.tests.conftest import World
from placements.models import Placement

from .helpers import client_for, queries_of, released, school

pytestmark = pytest.mark.django_db


def _student_page(world: World, student_pk: int) -> str:
    url = reverse("students:staff-detail", args=[student_pk])
    return client_for(world.coordinator).get(url).content.decode()


def _company_page(world: World, company_pk: int) -> str:
    url = reverse("companies:staff-detail", args=[company_pk])
    return client_for(world.coordinator).get(url).content.decode()


def test_the_student_page_shows_the_placement_and_whom_to_contact_after_release() -> None:
    world = school()
    released(world)
    placement = Placement.objects.filter(student__in=world.students).select_related("company")[0]
    contact = CompanyContact.objects.filter(company=placement.company).select_related("user")[0]
    page = _student_page(world, placement.student_id)
    assert escape(placement.company.legal_name) in page
    assert reverse("followup:detail", args=[placement.pk]) in page
    assert "Praktijkovereenkomst" in page and "nog niet opgesteld" in page
    assert f"mailto:{contact.user.email}" in page
    assert "0 gehouden, 0 op locatie" in page


def test_nothing_shows_before_the_release_moment() -> None:
    world = school()
    released(world, at=timezone.now() + dt.timedelta(days=1))
    placement = Placement.objects.filter(student__in=world.students).select_related("company")[0]
    page = _student_page(world, placement.student_id)
    assert "Nog geen stage bekend" in page
    assert escape(placement.company.legal_name) not in page
    page = _company_page(world, placement.company_id)
    assert "Nog geen stages bekend" in page
    assert escape(placement.student.user.full_name) not in page


def test_the_company_page_has_placements_refusals_evaluations_and_checks() -> None:
    world = school()
    released(world)
    placement = Placement.objects.filter(company=world.contacts[0].company).first()
    assert placement is not None
    ending.company_refuse(placement=placement, text="Het klikt niet.", by=world.contacts[0].user)
    Evaluation.objects.create(
        placement=placement,
        party=EvaluationParty.STUDENT,
        user=placement.student.user,
        match_score=4,
        guidance_score=3,
        objective_score=5,
    )
    page = _company_page(world, world.contacts[0].company_id)
    assert "Stages bij dit bedrijf" in page and escape(placement.student.user.full_name) in page
    assert "Dit bedrijf weigerde 1 gematchte student." in page and "Het klikt niet." in page
    assert "Eindevaluaties" in page and "4,0" in page and "5,0" in page
    assert "Alle erkenningscontroles" in page and "25604" in page


def test_the_pages_cost_the_same_for_a_company_with_more_placements() -> None:
    costs = []
    for n in (3, 9):
        world = school(n_students=n, capacities=(n, 1, 1))
        released(world)
        student = Placement.objects.filter(company=world.contacts[0].company)[0].student_id
        client = client_for(world.coordinator)
        costs.append(
            (
                queries_of(
                    client, reverse("companies:staff-detail", args=[world.offers[0].company_id])
                ),
                queries_of(client, reverse("students:staff-detail", args=[student])),
            )
        )
    assert costs[0] == costs[1]
