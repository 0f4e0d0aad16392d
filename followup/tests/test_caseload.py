"""The staff's list of placements (search, filters, pages, the signals link), assigning a
bpv-docent to many placements in one POST, and the caseload page: through the views, with
query counts that do not grow with the number of placements."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role, User
from accounts.tests.factories import UserFactory
from companies.tests.factories import CompanyContactFactory, OfferFactory
from followup.models import ContactMoment, Signal, Supervision, SupervisionChange
from followup.overview import PAGE_SIZE, Selection, counts
from followup.selectors import behind, contact_count
from placements.models import Placement, PlacementStatus
from students.tests.factories import StudentFactory

from .conftest import Life, make_placement

pytestmark = pytest.mark.django_db

LIST = reverse("followup:list")
BULK = reverse("followup:supervision-bulk")
CASELOAD = reverse("followup:caseload")


def _more(life: Life, n: int, company: str = "Fietsenmaker Fiets BV") -> list[Placement]:
    """`n` more running placements at the life's school, at another company."""
    school = life.coordinator.institution
    contact = CompanyContactFactory.create(company__institution=school, company__legal_name=company)
    offer = OfferFactory.create(company=contact.company, capacity=n)
    return [
        make_placement(
            StudentFactory.create(user__institution=school, programme=offer.programme),
            offer,
            life.coordinator,
        )
        for _ in range(n)
    ]


def _page(life: Life, user: User, query: str = "") -> str:
    response = life.client(user).get(LIST + query)
    assert response.status_code == 200
    return response.content.decode()


def test_the_list_searches_filters_pages_and_says_when_nothing_matches(life: Life) -> None:
    others = _more(life, PAGE_SIZE + 2)
    page = _page(life, life.coordinator)
    assert 'class="table-responsive"' in page and "Pagina 1 van 2" in page
    assert f"{PAGE_SIZE + 3} stages" in page
    assert "Pagina 2 van 2" in _page(life, life.coordinator, "?page=2")
    # Search by student number (exactly) and by company name (a part of it).
    number = life.student.student_number
    found = _page(life, life.coordinator, f"?q={number}")
    assert "1 stage" in found and "Sam Student" in found
    assert f"{PAGE_SIZE + 2} stages" in _page(life, life.coordinator, "?q=fietsenmaker")
    # By programme; the page links keep the selection.
    programme = others[0].student.programme_id
    narrowed = _page(life, life.coordinator, f"?opleiding={programme}&q=fiets")
    assert f"opleiding={programme}" in narrowed and "page=2" in narrowed
    # Nothing found: says so and offers the whole list; a school without placements says how
    # placements get here.
    empty = _page(life, life.coordinator, "?q=onbekend-bedrijf")
    assert "Geen stages gevonden bij deze zoekopdracht of dit filter." in empty
    other_school = UserFactory.create(role=Role.COORDINATOR)
    assert "Er zijn nog geen lopende stages." in _page(life, other_school)


def test_the_status_filters_and_their_counts(life: Life) -> None:
    today = timezone.localdate()
    short, signed, ended = _more(life, 3)
    # Short of contact moments: half-way through without a held one.
    Placement.objects.filter(pk=short.pk).update(
        start_date=today - dt.timedelta(days=30), end_date=today + dt.timedelta(days=30)
    )
    Supervision.objects.create(placement=signed, teacher=life.second)
    Placement.objects.filter(pk=ended.pk).update(
        status=PlacementStatus.ENDED_EARLY, ended_on=ended.start_date, ended_at=timezone.now()
    )
    Signal.objects.create(placement=short, reporter=life.student.user, what="x", when="y")
    found = counts(life.care, Selection(), today)
    assert found == {
        "alle": 3,
        "tekort": 1,
        "pok": 3,
        "geen_docent": 2,
        "herplaatsen": 0,
        "beeindigd": 1,
        "meldingen": 1,
    }
    page = _page(life, life.coordinator, "?toon=tekort")
    assert "1 stage" in page and f'href="/stages/{short.pk}/"' in page and "achter" in page
    assert f'/stages/{signed.pk}/"' not in _page(life, life.coordinator, "?toon=geen-docent")
    assert f'/stages/{ended.pk}/"' in _page(life, life.coordinator, "?toon=beeindigd")
    assert f'/stages/{ended.pk}/"' not in _page(life, life.coordinator)
    # The signals: a link for the care coordinator and the coordinator, never a reviewer.
    for user in (life.care, life.coordinator):
        page = _page(life, user)
        assert "Open meldingen" in page and 'href="?toon=meldingen"' in page
        assert f'/stages/{short.pk}/"' in _page(life, user, "?toon=meldingen")
    assert "Open meldingen" not in _page(life, life.reviewer)
    assert "1 stage" not in _page(life, life.reviewer, "?toon=meldingen")


@pytest.mark.parametrize("days", [0, 9, 10, 11, 29, 30, 31, 44, 60, 75, 89, 90, 91])
def test_the_lists_shortfall_is_the_warnings_rule(life: Life, days: int) -> None:
    """The SQL of the list's "achter" gives what `selectors.behind` gives, day by day."""
    start = dt.date(2027, 2, 1)
    for end_offset, held in ((31, 0), (90, 0), (90, 2), (91, 3)):
        Placement.objects.filter(pk=life.placement.pk).update(
            start_date=start, end_date=start + dt.timedelta(days=end_offset)
        )
        ContactMoment.objects.all().delete()
        for _ in range(held):
            ContactMoment.objects.create(
                placement=life.placement, date=start, kind="online", held=True, by=life.second
            )
        on = start + dt.timedelta(days=days)
        life.placement.refresh_from_db()
        expected = behind(life.placement, contact_count(life.placement), on) is not None
        assert counts(life.coordinator, Selection(), on)["tekort"] == int(expected), (
            end_offset,
            held,
            days,
        )


def test_a_coordinator_assigns_a_bpv_docent_to_many_placements_at_once(life: Life) -> None:
    more = _more(life, 4)
    coordinator = life.client(life.coordinator)
    # The ticked ones.
    ticked = {"teacher": life.reviewer.pk, "scope": "aangevinkt"}
    response = coordinator.post(BULK, {**ticked, "placement": [more[0].pk, more[1].pk]})
    assert response.status_code == 302
    assert set(Supervision.objects.values_list("placement_id", "teacher_id")) == {
        (more[0].pk, life.reviewer.pk),
        (more[1].pk, life.reviewer.pk),
    }
    page = coordinator.get(response["Location"]).content.decode()
    assert "is nu bpv-docent van 2 stages." in page
    # Everything in the selection (a search), checked against the count the page showed.
    selection = {"teacher": life.second.pk, "scope": "selectie", "q": "fietsenmaker"}
    coordinator.post(BULK, {**selection, "count": "3"})
    assert not Supervision.objects.filter(teacher=life.second).exists()  # the list changed
    coordinator.post(BULK, {**selection, "count": "4"})
    assert Supervision.objects.filter(teacher=life.second).count() == 4
    assert not Supervision.objects.filter(placement=life.placement).exists()
    # Every change is logged: who, for which placement, and who it was before.
    log = SupervisionChange.objects.filter(placement=more[0]).order_by("at", "pk")
    assert [(c.previous_id, c.teacher_id, c.by_id) for c in log] == [
        (None, life.reviewer.pk, life.coordinator.pk),
        (life.reviewer.pk, life.second.pk, life.coordinator.pk),
    ]
    # All of this page.
    coordinator.post(
        BULK, {"teacher": life.care.pk, "scope": "pagina", "op_pagina": [life.placement.pk]}
    )
    assert Supervision.objects.get(placement=life.placement).teacher == life.care


def test_bulk_assignment_is_refused_outside_the_school_and_for_other_roles(life: Life) -> None:
    more = _more(life, 2)
    stranger = UserFactory.create(role=Role.COORDINATOR)  # another school
    form = {"teacher": life.second.pk, "scope": "aangevinkt", "placement": [more[0].pk]}
    assert life.client(life.reviewer).post(BULK, form).status_code == 403
    assert life.client(life.care).get(CASELOAD).status_code == 403
    # A staff member of another school is no choice; another school's placement is not
    # touched (the list is scoped to the school).
    life.client(life.coordinator).post(BULK, {**form, "teacher": stranger.pk})
    life.client(stranger).post(BULK, {**form, "teacher": stranger.pk})
    assert not Supervision.objects.exists()
    # A student is no bpv-docent.
    life.client(life.coordinator).post(BULK, {**form, "teacher": life.student.user.pk})
    assert not Supervision.objects.exists()
    # An ended placement gets none.
    Placement.objects.filter(pk=more[1].pk).update(
        status=PlacementStatus.ENDED_EARLY, ended_on=more[1].start_date, ended_at=timezone.now()
    )
    life.client(life.coordinator).post(BULK, {**form, "placement": [more[1].pk]})
    assert not Supervision.objects.exists()


def test_the_caseload_per_staff_member(life: Life) -> None:
    today = timezone.localdate()
    more = _more(life, 3)
    for p in (life.placement, more[0]):
        Supervision.objects.create(placement=p, teacher=life.second)
    Supervision.objects.create(placement=more[1], teacher=life.reviewer)
    Placement.objects.filter(pk=more[0].pk).update(
        start_date=today - dt.timedelta(days=30), end_date=today + dt.timedelta(days=30)
    )
    response = life.client(life.coordinator).get(CASELOAD)
    assert response.status_code == 200
    page = response.content.decode()
    assert "1 lopende stage heeft nog geen bpv-docent." in page
    assert f"{LIST}?toon=geen-docent" in page
    rows = {r.teacher.pk: (r.placements, r.short) for r in response.context["staff"]}
    assert rows[life.second.pk] == (2, 1) and rows[life.reviewer.pk] == (1, 0)
    assert rows[life.care.pk] == (0, 0)
    assert f"{LIST}?docent={life.second.pk}&amp;toon=tekort" in page
    # The link opens that staff member's list.
    mine = _page(life, life.coordinator, f"?docent={life.second.pk}")
    assert "2 stages" in mine and f'/stages/{more[0].pk}/"' in mine


def _queries(life: Life, do) -> int:  # noqa: ANN001
    with CaptureQueriesContext(connection) as captured:
        do()
    return len(captured.captured_queries)


def test_list_caseload_and_bulk_assignment_cost_the_same_for_more_placements(
    life: Life,
) -> None:
    coordinator = life.client(life.coordinator)
    care = life.client(life.care)

    def walk(teacher: User) -> list[int]:
        return [
            _queries(life, lambda: coordinator.get(LIST)),
            _queries(life, lambda: coordinator.get(LIST + "?toon=tekort&q=b")),
            _queries(life, lambda: care.get(LIST + "?toon=meldingen")),
            _queries(life, lambda: coordinator.get(CASELOAD)),
            _queries(
                life,
                lambda: coordinator.post(
                    BULK,
                    {
                        "teacher": teacher.pk,
                        "scope": "selectie",
                        "count": str(Placement.objects.filter(status="active").count()),
                    },
                ),
            ),
        ]

    coordinator.post(BULK, {})  # the first POST of a session records when the user was seen
    small = walk(life.second)
    _more(life, 3)
    _more(life, 25, company="Garage Auto BV")
    UserFactory.create_batch(3, role=Role.REVIEWER, institution=life.coordinator.institution)
    large = walk(life.reviewer)
    assert Supervision.objects.filter(teacher=life.reviewer).count() == 29
    assert large == small
