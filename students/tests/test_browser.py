from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from students.models import LearningProfile, ProfileStatus
from students.tests.conftest import School


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_student_fills_in_and_submits_on_a_phone(page: Page, live_server, school: School) -> None:
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(f"{live_server.url}/account/inloggen/")
    page.get_by_label("E-mailadres").fill(school.student.user.email)
    page.get_by_label("Wachtwoord").fill("geheim-wachtwoord-123")
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_role("link", name="Begin met invullen").click()

    page.get_by_label("Leerwens 1").fill("Ik wil leren hoe je een webapplicatie bouwt en test.")
    page.get_by_label("1. keuze").select_option(label=f"B1-K1-W1 {school.wps[0].name}")
    page.get_by_label("2. keuze").select_option(label=f"B1-K1-W3 {school.wps[2].name}")
    # The place picker: type part of the name, the first match is chosen with Enter.
    place = page.get_by_role("combobox", name="Vanaf welke plaats")
    place.fill("Nijmeg")
    expect(page.get_by_role("option", name="Nijmegen", exact=True)).to_be_visible()
    place.press("Enter")
    page.get_by_label("Vervoer").select_option(label="Fiets")
    page.get_by_label("Maximale reistijd").fill("30")
    page.get_by_label("Beschikbaar vanaf").fill("2027-02-01")
    page.get_by_label("Beschikbaar tot en met").fill("2027-06-30")
    page.get_by_label("Uren per week").fill("32")
    expect(page.locator("#reach-hint")).to_contain_text(
        "Geen leerbedrijf"
    )  # no offers in this school yet
    expect(page.locator("#autosave-status")).to_contain_text("Concept bewaard")
    page.get_by_role("button", name="Indienen").click()

    expect(
        page.get_by_text("Ingediend. Je kunt het tot de deadline nog aanpassen.")
    ).to_be_visible()
    profile = LearningProfile.objects.get(student=school.student)
    assert profile.status == ProfileStatus.SUBMITTED
    assert profile.hours_per_week == 32
    assert [w.work_process.code for w in profile.wishes.order_by("rank")] == [
        "B1-K1-W1",
        "B1-K1-W3",
    ]
    # The page fits the phone: no horizontal scrolling.
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
