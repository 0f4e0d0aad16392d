"""Objection with a remedy: an upheld objection re-places the student after the release, in
two steps by two people, never over capacity, logged, and mailed to each party once."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts import outbox
from accounts.models import OutboxMessage, OutboxStatus, Role
from accounts.tests.factories import UserFactory
from catalog.public import SMALL_TEXT
from matching.models import AuditEvent, Match, Objection, ObjectionStatus, Round
from matching.selectors.public import objection_figures, released_rounds
from matching.selectors.replacement import replacement_options
from matching.services import objections, replacement, review, rounds_release
from matching.tests.conftest import World, build_world, to_review
from placements.models import Placement, PlacementSource, PlacementStatus
from placements.selectors import current_placement, free_seats


def _released_with_a_free_seat() -> World:
    """4 students, 5 seats (2, 2, 1): everyone placed, one seat left over."""
    world = build_world(n_students=4, capacities=(2, 2, 1))
    to_review(world)
    rnd = world.refresh()
    review.match_bulk_approve(qs=rnd.matches.all(), by=world.coordinator)
    review.match_bulk_approve(qs=rnd.matches.all(), by=world.reviewer)
    rounds_release.round_approve(round=rnd, by=world.coordinator)
    rounds_release.round_release(round=rnd, at=timezone.now(), by=world.coordinator, confirmed=True)
    return world


def _placed_elsewhere(world: World) -> Match:
    """A placed student at an offer that is full, so the free seat is somewhere else."""
    free = free_seats(world.offers)
    match = (
        world.refresh()
        .matches.filter(placement__isnull=False)
        .exclude(student_objection__isnull=False)
        .exclude(offer_id__in=[o for o, n in free.items() if n])
        .order_by("pk")
        .first()
    )
    assert match is not None
    return match


def _upheld(world: World) -> Objection:
    match = _placed_elsewhere(world)
    objection = objections.objection_file(match=match, reason="Ik kan daar niet komen.")
    objections.objection_take(objection=objection, by=world.coordinator)
    return objections.objection_decide(
        objection=objection,
        upheld=True,
        answer="Klopt, je krijgt een andere plek.",
        by=world.coordinator,
    )


def _active_per_offer() -> Counter[int]:
    rows = Placement.objects.filter(status=PlacementStatus.ACTIVE, offer__isnull=False)
    return Counter(rows.values_list("offer_id", flat=True))


@pytest.fixture
def world(db) -> World:
    world = _released_with_a_free_seat()
    world.refresh()
    return world


def test_an_upheld_objection_replaces_the_student_after_release_within_capacity(
    world: World, django_capture_on_commit_callbacks
) -> None:
    objection = _upheld(world)
    second = UserFactory.create(role=Role.COORDINATOR, institution=world.coordinator.institution)
    old = objection.match.placement
    assert old is not None
    options = replacement_options(objection)
    assert options and all(o["free"] > 0 and o["offer"].pk != old.offer_id for o in options)
    target = options[0]["offer"]

    replacement.replacement_propose(
        objection=objection, offer_id=target.pk, reason="Dichter bij huis.", by=world.coordinator
    )
    # Proposed is not done: the student is still where they were until a second person agrees.
    assert current_placement(old.student) == old
    with pytest.raises(ValidationError, match="tweede persoon"):
        replacement.replacement_approve(objection=objection, by=world.coordinator)
    outbox.dispatch()  # the release mail
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        new = replacement.replacement_approve(objection=objection, by=second)

    old.refresh_from_db()
    assert old.status == PlacementStatus.ENDED_EARLY and old.ended_on == new.start_date
    assert new.source == PlacementSource.REPLACEMENT and new.replaces_id == old.pk
    assert new.offer_id == target.pk and new.created_by == second
    assert new.wishes == old.wishes and new.explanation.get("criteria")
    assert current_placement(old.student) == new
    # Capacity: no offer holds more running placements than it has places.
    for offer in world.offers:
        assert _active_per_offer()[offer.pk] <= offer.capacity
    assert free_seats([target])[target.pk] == 0
    assert Objection.objects.get(pk=objection.pk).replacement == new
    actions = list(
        AuditEvent.objects.filter(match=objection.match).values_list("action", flat=True)
    )
    assert {"replacement_proposed", "replacement_approved"} <= set(actions)

    # One mail each to the student, the old company and the new company, once.
    outbox.dispatch()
    outbox.dispatch()
    keys = set(
        OutboxMessage.objects.filter(kind="replacement", status=OutboxStatus.SENT).values_list(
            "key", flat=True
        )
    )
    assert keys == {f"replacement:{objection.pk}:{r}" for r in replacement.ROLES}
    sent = list(mail.outbox)
    student_email = objection.match.profile.student.user.email
    assert [m.to for m in sent].count([student_email]) == 1
    assert len(sent) == 3
    assert any(target.company.legal_name in m.body for m in sent if m.to == [student_email])

    # It happens once: approving again is refused, and the new company page shows the student.
    with pytest.raises(ValidationError):
        replacement.replacement_approve(objection=objection, by=second)
    contact = next(c for c in world.contacts if c.company_id == target.company_id)
    client = Client()
    client.force_login(contact.user)
    page = client.get(reverse("matching:company-results")).content.decode()
    assert objection.match.profile.student.user.full_name in page


def test_a_replacement_is_refused_without_a_free_seat_or_an_upheld_objection(
    world: World,
) -> None:
    match = _placed_elsewhere(world)
    objection = objections.objection_file(match=match, reason="Te ver.")
    free = replacement_options(Objection.objects.get(pk=objection.pk))
    with pytest.raises(ValidationError, match="toegekend bezwaar"):
        replacement.replacement_propose(
            objection=objection, offer_id=free[0]["offer"].pk, reason="x", by=world.coordinator
        )
    objection = _upheld_existing(world, objection)
    assert match.placement is not None
    full = next(
        o for o in world.offers if o.pk != match.placement.offer_id and not free_seats([o])[o.pk]
    )
    with pytest.raises(ValidationError, match="geen vrije plaats"):
        replacement.replacement_propose(
            objection=objection, offer_id=full.pk, reason="x", by=world.coordinator
        )
    with pytest.raises(ValidationError, match="Schrijf waarom"):
        replacement.replacement_propose(
            objection=objection, offer_id=free[0]["offer"].pk, reason=" ", by=world.coordinator
        )


def _upheld_existing(world: World, objection: Objection) -> Objection:
    return objections.objection_decide(
        objection=objection, upheld=True, answer="Toegekend.", by=world.coordinator
    )


def test_the_last_seat_taken_meanwhile_refuses_the_approval(world: World) -> None:
    """Two upheld objections proposed onto the one free seat: the second approval finds it
    taken and nothing is written."""
    first = _upheld(world)
    other_match = _placed_elsewhere(world)
    second_obj = objections.objection_file(match=other_match, reason="Ook te ver.")
    second_obj = _upheld_existing(world, second_obj)
    free_offer = next(o for o in world.offers if free_seats([o])[o.pk])
    approver = UserFactory.create(role=Role.COORDINATOR, institution=world.coordinator.institution)
    for o in (first, second_obj):
        replacement.replacement_propose(
            objection=o, offer_id=free_offer.pk, reason="Dichterbij.", by=world.coordinator
        )
    replacement.replacement_approve(objection=first, by=approver)
    with pytest.raises(ValidationError, match="geen plaats meer vrij"):
        replacement.replacement_approve(objection=second_obj, by=approver)
    assert _active_per_offer()[free_offer.pk] == free_offer.capacity
    assert Objection.objects.get(pk=second_obj.pk).replacement is None


def test_a_pending_replacement_can_be_refused_and_blocks_closing(world: World) -> None:
    objection = _upheld(world)
    offer = replacement_options(objection)[0]["offer"]
    replacement.replacement_propose(
        objection=objection, offer_id=offer.pk, reason="Beter.", by=world.coordinator
    )
    rnd = world.refresh()
    Round.objects.filter(pk=rnd.pk).update(
        release_at=timezone.now() - dt.timedelta(days=rnd.objection_days + 1)
    )
    outbox.dispatch()
    with pytest.raises(ValidationError, match="tweede persoon"):
        rounds_release.round_close(round=world.refresh(), by=world.coordinator)
    replacement.replacement_refuse(objection=objection, by=world.reviewer)
    objection.refresh_from_db()
    assert not replacement.pending(objection) and objection.status == ObjectionStatus.UPHELD
    assert AuditEvent.objects.filter(action="replacement_refused").count() == 1


def test_the_transparency_page_counts_objections_and_outcomes(world: World) -> None:
    _upheld(world)
    rest = list(world.round.matches.exclude(student_objection__isnull=False)[:2])
    rejected = objections.objection_file(match=rest[0], reason="Liever iets anders.")
    objections.objection_decide(
        objection=rejected, upheld=False, answer="Past goed.", by=world.coordinator
    )
    objections.objection_file(match=rest[1], reason="Nog een vraag.")
    institution = world.coordinator.institution
    assert institution is not None
    # The outcomes as counted (the public page hides counts under SMALL_COUNT).
    assert objection_figures(world.round) == {
        "objections": 3,
        "upheld": 1,
        "rejected": 1,
        "undecided": 1,
        "replaced": 0,
    }
    [figures] = released_rounds(institution)
    assert figures["objections"] == figures["upheld"] == SMALL_TEXT
    page = Client().get(reverse("matching:transparency", args=[institution.slug])).content.decode()
    assert "Toegekend: " in page and "een andere plek gekregen na" in page


def test_the_round_page_proposes_and_a_second_person_approves(world: World) -> None:
    objection = _upheld(world)
    page_url = reverse("matching:round-detail", args=[world.round.pk])
    coordinator = Client()
    coordinator.force_login(world.coordinator)
    html = coordinator.get(page_url).content.decode()
    assert "Herplaatsing voorstellen" in html
    offer = replacement_options(objection)[0]["offer"]
    coordinator.post(
        reverse("matching:replacement-propose", args=[objection.pk]),
        {"offer": offer.pk, "reason": "Dichter bij huis."},
    )
    html = coordinator.get(page_url).content.decode()
    assert "wacht op de goedkeuring" in html and "Herplaatsing goedkeuren" not in html
    # The proposer's own approval is refused by the service too.
    coordinator.post(reverse("matching:replacement-approve", args=[objection.pk]))
    assert Objection.objects.get(pk=objection.pk).replacement is None

    care = UserFactory.create(role=Role.CARE_COORDINATOR, institution=world.coordinator.institution)
    second = Client()
    second.force_login(care)
    assert "Herplaatsing goedkeuren" in second.get(page_url).content.decode()
    response = second.post(reverse("matching:replacement-approve", args=[objection.pk]))
    assert response.status_code == 302
    new = Objection.objects.get(pk=objection.pk).replacement
    assert new is not None and new.offer_id == offer.pk and new.created_by == care
    # A reviewer may not approve a re-placement.
    reviewer = Client()
    reviewer.force_login(world.reviewer)
    assert (
        reviewer.post(reverse("matching:replacement-refuse", args=[objection.pk])).status_code
        == 403
    )
