"""A coordinator suspends a company's participation with a reason (after a refusal, for
example) and lifts it again: kept as history with who and when, shown to the coordinator and
the company; meanwhile its offers are out of new rounds and direct re-placement."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role, User
from accounts.tests.factories import InstitutionFactory, UserFactory
from companies import services
from companies.models import CompanyStatus, OfferStatus, Suspension
from companies.selectors import offers_for_matching
from companies.suspensions import company_suspend, company_suspension_lift
from companies.tests.factories import OfferFactory
from followup.services.ending import company_refuse
from matching.services import replacement_direct
from matching.tests.conftest import World
from matching.tests.test_replacement import _placed_elsewhere
from matching.tests.test_replacement import world as world  # noqa: F401 (the fixture)


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _coordinator(setup) -> User:
    return UserFactory.create(
        role=Role.COORDINATOR, institution=setup["institution"], full_name="Cora Coördinator"
    )


def _published(setup):
    services.agreement_sign(
        company=setup["company"], user=setup["contact"].user, signer_name="J", signer_role="D"
    )
    offer = OfferFactory.create(
        company=setup["company"], programme=setup["programme"], status=OfferStatus.DRAFT
    )
    offer.work_processes.set(setup["wps"][:1])
    services.offer_publish(offer=offer)
    return offer


def test_suspend_with_a_reason_and_lift_through_the_company_page(setup) -> None:
    company = setup["company"]
    company.status = CompanyStatus.ACTIVE
    company.save()
    institution = setup["institution"]
    institution.contact_email = "bpv@school.example.nl"
    institution.save()
    offer = _published(setup)
    assert list(offers_for_matching(institution)) == [offer]
    coordinator = _coordinator(setup)
    staff = _client(coordinator)
    page_url = reverse("companies:staff-detail", args=[company.pk])
    page = staff.get(page_url).content.decode()
    assert "Deelname schorsen" in page and "data-confirm" in page
    suspend = reverse("companies:staff-suspend", args=[company.pk])
    # A reason from the list and a text are both needed.
    staff.post(suspend, {"reason": "", "text": "Weigerde Sam na de kennismaking"})
    staff.post(suspend, {"reason": "refusal", "text": "  "})
    assert not Suspension.objects.exists()
    response = staff.post(
        suspend, {"reason": "refusal", "text": "Weigerde na de kennismaking"}, follow=True
    )
    assert "De deelname is geschorst." in response.content.decode()
    company.refresh_from_db()
    assert company.status == CompanyStatus.SUSPENDED
    row = Suspension.objects.get()
    assert (row.action, row.reason, row.by, row.text) == (
        "suspend",
        "refusal",
        coordinator,
        "Weigerde na de kennismaking",
    )
    # Its offers leave matching (the one rule every round and re-placement reads).
    assert not offers_for_matching(institution).exists()
    page = staff.get(page_url).content.decode()
    assert "Geschiedenis van schorsingen" in page and "Weigering na kennismaking" in page
    assert "Cora Coördinator" in page and "Schorsing opheffen" in page
    # The approve button cannot lift a suspension behind its history.
    staff.post(reverse("companies:staff-status", args=[company.pk]), {"status": "active"})
    company.refresh_from_db()
    assert company.status == CompanyStatus.SUSPENDED
    # The company reads it on its home page, with the reason and whom to contact.
    home = _client(setup["contact"].user).get(reverse("companies:home")).content.decode()
    assert "Je deelname aan stagematching is geschorst sinds" in home
    assert "Reden: Weigering na kennismaking." in home
    assert "bpv@school.example.nl" in home
    assert "Weigerde na de kennismaking" not in home  # the school's note stays with the school
    offer.refresh_from_db()
    assert "Je deelname is geschorst." in " ".join(services.offer_publish_blockers(offer))
    assert str(timezone.localdate().year) in home
    # Lifted: active again, both steps in the history, the offer counts again.
    staff.post(reverse("companies:staff-suspension-lift", args=[company.pk]), {"text": "Gesprek"})
    company.refresh_from_db()
    assert company.status == CompanyStatus.ACTIVE
    assert list(Suspension.objects.values_list("action", flat=True)) == ["lift", "suspend"]
    assert list(offers_for_matching(institution)) == [offer]
    home = _client(setup["contact"].user).get(reverse("companies:home")).content.decode()
    assert "geschorst" not in home


def test_only_a_coordinator_of_the_school_suspends_and_never_by_get(setup) -> None:
    company = setup["company"]
    company.status = CompanyStatus.ACTIVE
    company.save()
    suspend = reverse("companies:staff-suspend", args=[company.pk])
    lift = reverse("companies:staff-suspension-lift", args=[company.pk])
    form = {"reason": "discrimination", "text": "Melding van een student"}
    reviewer = UserFactory.create(role=Role.REVIEWER, institution=setup["institution"])
    assert _client(reviewer).post(suspend, form).status_code == 403
    assert _client(setup["contact"].user).post(suspend, form).status_code == 403
    other = UserFactory.create(role=Role.COORDINATOR, institution=InstitutionFactory.create())
    assert _client(other).post(suspend, form).status_code == 404
    coordinator = _client(_coordinator(setup))
    assert coordinator.get(suspend).status_code == 405
    assert coordinator.get(lift).status_code == 405
    assert not Suspension.objects.exists()
    company.refresh_from_db()
    assert company.status == CompanyStatus.ACTIVE


def test_only_an_active_company_is_suspended_and_only_a_suspended_one_lifted(setup) -> None:
    company = setup["company"]
    coordinator = _coordinator(setup)
    company.status = CompanyStatus.PENDING
    company.save()
    with pytest.raises(ValidationError, match="actief bedrijf"):
        services_suspend(company, coordinator)
    with pytest.raises(ValidationError, match="niet geschorst"):
        company_suspension_lift(company=company, text="", by=coordinator)
    other = UserFactory.create(role=Role.COORDINATOR, institution=InstitutionFactory.create())
    company.status = CompanyStatus.ACTIVE
    company.save()
    with pytest.raises(ValidationError, match="niet bij je school"):
        services_suspend(company, other)


def services_suspend(company, by: User) -> Suspension:
    return company_suspend(company=company, reason="other", text="Reden", by=by)


@pytest.mark.django_db
def test_a_suspended_companys_offers_leave_direct_re_placement(world: World) -> None:  # noqa: F811
    match = _placed_elsewhere(world)
    old = match.placement
    assert old is not None
    contact = next(c for c in world.contacts if c.company_id == old.company_id)
    company_refuse(placement=old, text="Past niet in ons team.", by=contact.user)
    options = replacement_direct.options(old)
    target = options[0]["offer"]
    proposal = replacement_direct.direct_propose(
        placement=old, offer_id=target.pk, reason="Dichtbij.", by=world.coordinator
    )
    # The target company is suspended before the second person approves.
    services_suspend(target.company, world.coordinator)
    assert target.company_id not in {o["offer"].company_id for o in replacement_direct.options(old)}
    care = UserFactory.create(role=Role.CARE_COORDINATOR, institution=world.round.institution)
    with pytest.raises(ValidationError, match="geschorst"):
        replacement_direct.direct_approve(proposal=proposal, by=care)
    with pytest.raises(ValidationError, match="past niet"):
        replacement_direct.direct_propose(
            placement=old, offer_id=target.pk, reason="Toch", by=world.coordinator
        )
