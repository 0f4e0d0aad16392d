"""A company refuses a student after the introductory meeting (a weigering, logged as a
breach): the school re-places the student at once, proposed by one person and approved by a
second, capacity-safe, with one mail to the student and to each company."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts import outbox
from accounts.models import OutboxMessage, Role
from accounts.tests.factories import UserFactory
from followup.services.ending import company_refuse
from matching.models import Objection, Replacement
from matching.services import replacement_direct
from matching.tests.conftest import World
from matching.tests.test_replacement import _active_per_offer, _placed_elsewhere
from matching.tests.test_replacement import world as world  # noqa: F401 (the fixture)
from placements.models import Placement, PlacementStatus
from privacy.services.erase import Erasing, erase_profile

pytestmark = pytest.mark.django_db


def test_a_refused_student_is_replaced_by_two_people_within_capacity(world: World) -> None:
    match = _placed_elsewhere(world)
    old = match.placement
    assert old is not None
    contact = next(c for c in world.contacts if c.company_id == old.company_id)
    with pytest.raises(ValidationError, match="weigering"):
        replacement_direct.options(old)  # nothing to re-place before a refusal
    ending = company_refuse(placement=old, text="Past niet in ons team.", by=contact.user)
    assert ending.breach
    options = replacement_direct.options(old)
    assert options and all(o["free"] > 0 and o["offer"].pk != old.offer_id for o in options)
    # Never back to the company that refused the student, not even to another of its offers.
    assert all(o["offer"].company_id != old.company_id for o in options)
    target = options[0]["offer"]
    full = next(o for o in world.offers if o.pk not in {x["offer"].pk for x in options})
    with pytest.raises(ValidationError, match="geen vrije plaats"):
        replacement_direct.direct_propose(
            placement=old, offer_id=full.pk, reason="Dichtbij", by=world.coordinator
        )
    proposal = replacement_direct.direct_propose(
        placement=old,
        offer_id=target.pk,
        reason="Dichtbij en dezelfde werkprocessen.",
        by=world.coordinator,
    )
    with pytest.raises(ValidationError, match="tweede persoon"):
        replacement_direct.direct_approve(proposal=proposal, by=world.coordinator)
    care = UserFactory.create(role=Role.CARE_COORDINATOR, institution=world.round.institution)
    new = replacement_direct.direct_approve(proposal=proposal, by=care)
    old.refresh_from_db()
    assert old.status == PlacementStatus.ENDED_EARLY and new.offer_id == target.pk
    assert new.status == PlacementStatus.ACTIVE and new.student_id == old.student_id
    seats = {o.pk: o.capacity for o in world.offers}
    assert all(n <= seats[offer] for offer, n in _active_per_offer().items())
    proposal.refresh_from_db()
    assert proposal.new_placement == new and proposal.decided_by == care
    with pytest.raises(ValidationError, match="wacht geen"):
        replacement_direct.direct_approve(proposal=proposal, by=care)
    # One mail each to the student and the contacts of both companies, sent once.
    assert OutboxMessage.objects.filter(kind="direct_replacement").count() == 3
    outbox.dispatch()
    outbox.dispatch()
    subjects = {
        "Je krijgt een andere stageplek",
        "Een student loopt geen stage meer bij jullie",
        "Er komt een student stagelopen bij jullie",
    }
    bodies = [m.body for m in mail.outbox if m.subject in subjects]
    assert len(bodies) == 3
    assert sum("nieuwe stageplek voor je geregeld" in b for b in bodies) == 1
    assert not any("bezwaar" in b.lower() for b in bodies)


def test_the_pages_of_a_replacement_for_each_person(world: World) -> None:
    match = _placed_elsewhere(world)
    old = match.placement
    assert old is not None
    contact = next(c for c in world.contacts if c.company_id == old.company_id)
    company_refuse(placement=old, text="Past niet.", by=contact.user)
    coordinator, other = Client(), Client()
    coordinator.force_login(world.coordinator)
    page = coordinator.get(reverse("followup:detail", kwargs={"pk": old.pk})).content.decode()
    url = reverse("matching:direct-replacement", kwargs={"pk": old.pk})
    assert url in page  # the placement's page leads to the re-placement
    html = coordinator.get(url).content.decode()
    assert "Wat past" in html and "Voorstellen" in html
    option = replacement_direct.options(old)[0]["offer"]
    coordinator.post(
        reverse("matching:direct-replacement-propose", kwargs={"pk": old.pk}),
        {"offer": option.pk, "reason": "Dichtbij."},
    )
    proposal = Replacement.objects.get()
    assert "Een andere medewerker keurt je voorstel goed" in coordinator.get(url).content.decode()
    second = UserFactory.create(role=Role.COORDINATOR, institution=world.round.institution)
    other.force_login(second)
    assert "Herplaatsing goedkeuren" in other.get(url).content.decode()
    other.post(reverse("matching:direct-replacement-approve", kwargs={"pk": proposal.pk}))
    assert Placement.objects.filter(student=old.student, status="active").get().offer == option
    assert "Herplaatst bij" in other.get(url).content.decode()
    # A company contact or a reviewer never reaches the page.
    for user in (contact.user, world.reviewer):
        client = Client()
        client.force_login(user)
        assert client.get(url).status_code in (302, 403, 404)


def test_erasing_the_students_profile_erases_why_they_were_replaced(world: World) -> None:
    match = _placed_elsewhere(world)
    old = match.placement
    assert old is not None
    contact = next(c for c in world.contacts if c.company_id == old.company_id)
    company_refuse(placement=old, text="Past niet.", by=contact.user)
    offer = replacement_direct.options(old)[0]["offer"]
    replacement_direct.direct_propose(
        placement=old,
        offer_id=offer.pk,
        reason="Dichtbij huis in Nijmegen-Oost.",
        by=world.coordinator,
    )
    ctx = Erasing(institution_id=world.round.institution_id, now=timezone.now())
    assert erase_profile(ctx=ctx, student_ids=[old.student_id]) == 1
    assert Replacement.objects.get().reason == "[gewist]"


def test_a_replaced_student_no_longer_sees_or_files_an_objection_to_the_old_match(
    world: World,
) -> None:
    match = _placed_elsewhere(world)
    old = match.placement
    assert old is not None and world.round.objection_open()
    student = Client()
    student.force_login(match.profile.student.user)
    result = reverse("matching:result")
    assert "Bezwaar indienen" in student.get(result).content.decode()  # before: the form
    contact = next(c for c in world.contacts if c.company_id == old.company_id)
    company_refuse(placement=old, text="Past niet.", by=contact.user)
    offer = replacement_direct.options(old)[0]["offer"]
    proposal = replacement_direct.direct_propose(
        placement=old, offer_id=offer.pk, reason="Dichtbij.", by=world.coordinator
    )
    care = UserFactory.create(role=Role.CARE_COORDINATOR, institution=world.round.institution)
    replacement_direct.direct_approve(proposal=proposal, by=care)
    page = student.get(result).content.decode()
    assert "Bezwaar indienen" not in page
    assert "Je bent herplaatst. Bezwaar tegen je eerdere match kan niet meer." in page
    # Posting the form anyway is refused: no objection is stored.
    student.post(result, {"reason": "Ik wil terug."})
    assert not Objection.objects.filter(match=match).exists()


def test_a_company_that_stopped_taking_part_is_not_offered_nor_approved(world: World) -> None:
    """Suspended (or no longer recognised) since the round: re-placement leaves its offers
    out, and a proposal made before the suspension cannot be approved after it."""
    from companies.models import Company, CompanyStatus

    match = _placed_elsewhere(world)
    old = match.placement
    assert old is not None
    contact = next(c for c in world.contacts if c.company_id == old.company_id)
    company_refuse(placement=old, text="Past niet in ons team.", by=contact.user)
    target = replacement_direct.options(old)[0]["offer"]
    proposal = replacement_direct.direct_propose(
        placement=old, offer_id=target.pk, reason="Dichtbij.", by=world.coordinator
    )
    Company.objects.filter(pk=target.company_id).update(status=CompanyStatus.INACTIVE)
    assert target.pk not in {o["offer"].pk for o in replacement_direct.options(old)}
    care = UserFactory.create(role=Role.CARE_COORDINATOR, institution=world.round.institution)
    with pytest.raises(ValidationError, match="niet meer mee"):
        replacement_direct.direct_approve(proposal=proposal, by=care)
    old.refresh_from_db()
    assert old.status == PlacementStatus.ACTIVE  # nothing changed
    assert not Placement.objects.filter(offer=target, student=old.student).exists()
