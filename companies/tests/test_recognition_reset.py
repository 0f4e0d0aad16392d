"""A new KvK number or SBB id is another registration: its recognition goes back to "to be
checked", so an unrecognised company never keeps offering under a recognised status."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import Role
from accounts.tests.factories import UserFactory
from companies import services
from companies.models import Company, Offer, OfferStatus, RecognitionCheck, RecognitionOutcome
from companies.selectors import offers_for_matching, verified_crebos
from companies.tests.factories import OfferFactory


def _profile(company: Company, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "legal_name": company.legal_name,
        "kvk_number": company.kvk_number,
        "branch_number": company.branch_number,
        "street": company.street,
        "postcode": company.postcode,
        "place": company.place_id,
        "organisation_type": company.organisation_type_id,
        "size_class": company.size_class,
        "website": company.website,
        "sbb_id": company.sbb_id,
        "claimed_crebos": company.claimed_crebos,
    }
    data.update(changes)
    return data


def _published(setup) -> Offer:
    services.agreement_sign(
        company=setup["company"], user=setup["contact"].user, signer_name="J", signer_role="D"
    )
    offer = OfferFactory.create(
        company=setup["company"], programme=setup["programme"], status=OfferStatus.DRAFT
    )
    offer.work_processes.set(setup["wps"][:1])
    services.offer_publish(offer=offer)
    assert list(offers_for_matching(setup["institution"])) == [offer]
    return offer


@pytest.mark.parametrize(("field", "value"), [("kvk_number", "87654321"), ("sbb_id", "998877")])
def test_a_new_kvk_number_or_sbb_id_puts_the_recognition_back_to_be_checked(
    setup, field: str, value: str
) -> None:
    company, contact = setup["company"], setup["contact"].user
    offer = _published(setup)
    client = Client()
    client.force_login(contact)
    response = client.post(reverse("companies:profile-edit"), _profile(company, **{field: value}))
    assert response.status_code == 302
    latest = RecognitionCheck.objects.filter(company=company).order_by("-verified_at").first()
    assert latest is not None
    assert (latest.crebo, latest.outcome, latest.verified_by) == (
        "25604",
        RecognitionOutcome.TO_CHECK,
        contact,
    )
    assert RecognitionCheck.objects.filter(company=company).count() == 2  # the old one stays
    assert verified_crebos(company) == set()
    assert Offer.objects.get(pk=offer.pk).status == OfferStatus.DRAFT
    assert not offers_for_matching(setup["institution"]).exists()
    # The company reads that the school checks again, not that it is refused.
    home = client.get(reverse("companies:home")).content.decode()
    assert "wordt gecontroleerd" in home and "niet erkend" not in home
    # The coordinator sees why, and records a new check with the usual two outcomes only.
    coordinator = UserFactory.create(role=Role.COORDINATOR, institution=setup["institution"])
    staff = Client()
    staff.force_login(coordinator)
    page = staff.get(reverse("companies:staff-detail", args=[company.pk])).content.decode()
    assert "Opnieuw controleren: KvK-nummer of SBB-ID gewijzigd" in page
    assert 'value="to_check"' not in page
    verify = reverse("companies:staff-verify", args=[company.pk])
    staff.post(verify, {"crebo": "25604", "outcome": "to_check"})
    assert RecognitionCheck.objects.filter(company=company).count() == 2
    staff.post(verify, {"crebo": "25604", "outcome": "recognised"})
    assert verified_crebos(company) == {"25604"}
    # A second save with the same numbers resets nothing.
    client.post(reverse("companies:profile-edit"), _profile(Company.objects.get(pk=company.pk)))
    assert verified_crebos(company) == {"25604"}


def test_other_changes_keep_the_recognition_and_the_offers(setup) -> None:
    company = setup["company"]
    offer = _published(setup)
    client = Client()
    client.force_login(setup["contact"].user)
    changed = _profile(company, legal_name="Nieuwe Naam BV", website="https://nieuw.example.nl")
    assert client.post(reverse("companies:profile-edit"), changed).status_code == 302
    assert Company.objects.get(pk=company.pk).legal_name == "Nieuwe Naam BV"
    assert RecognitionCheck.objects.filter(company=company).count() == 1
    assert Offer.objects.get(pk=offer.pk).status == OfferStatus.PUBLISHED
