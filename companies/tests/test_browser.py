from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from companies.models import Offer, OfferStatus


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_contact_signs_agreement_and_publishes_an_offer(page: Page, live_server, setup) -> None:
    user = setup["contact"].user
    page.goto(f"{live_server.url}/account/inloggen/")
    page.get_by_label("E-mailadres").fill(user.email)
    page.get_by_label("Wachtwoord").fill("geheim-wachtwoord-123")
    page.get_by_role("button", name="Inloggen").click()

    page.get_by_role("link", name="Lezen en ondertekenen").click()
    expect(page.get_by_text("Wij wijzen niemand af op subjectieve gronden.")).to_be_visible()
    page.get_by_label("Je functie").fill("Praktijkopleider")
    page.get_by_label("Ik onderteken deze overeenkomst namens het bedrijf.").check()
    page.get_by_role("button", name="Ondertekenen").click()
    expect(page.get_by_text("De overeenkomst is ondertekend")).to_be_visible()

    page.get_by_role("link", name="Nieuw aanbod").click()
    page.get_by_role("link", name="Software developer").click()
    page.get_by_label("Periode vanaf").fill("2027-02-01")
    page.get_by_label("Periode tot en met").fill("2027-06-30")
    page.get_by_label("Aantal plaatsen").fill("2")
    page.get_by_label("B1-K1-W1").check()
    page.get_by_label("Wat leer je hier").fill("Je bouwt en test webapplicaties in een scrumteam.")
    page.locator("#id_hours_per_week").fill("32")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Het aanbod is opgeslagen.")).to_be_visible()
    page.get_by_role("button", name="Publiceren").click()
    expect(page.get_by_text("Het aanbod is gepubliceerd")).to_be_visible()
    assert Offer.objects.get(company=setup["company"]).status == OfferStatus.PUBLISHED
