"""Keyboard only: a student completes and submits the learning-wish form with Tab, typing,
arrow keys and Enter, and every element that takes the focus shows it. The walk stops at the
submit button or fails after a fixed number of Tab presses (it can never loop for ever)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from students.models import LearningProfile, ProfileStatus
from students.tests.conftest import School

MAX_TABS = 120
TYPED = {
    "learning_wish_1": "Ik wil leren hoe je een webapplicatie bouwt en test.",
    "max_travel_minutes": "30",
    "hours_per_week": "32",
    # Day and month alike, so the date reads the same in every locale's field order.
    "available_from": "02022027",
    "available_until": "06062027",
}
SELECTS = ("wp_1", "transport_mode")
ACTIVE = """() => {
  const e = document.activeElement;
  const s = getComputedStyle(e);
  const box = e.closest('.ts-control') || e;
  const b = getComputedStyle(box);
  return {
    tag: e.tagName, type: e.type || '', name: e.name || '', id: e.id,
    role: e.getAttribute('role') || '', value: e.value || '',
    text: (e.innerText || e.value || '').trim().slice(0, 40),
    visible: s.outlineStyle !== 'none' || b.outlineStyle !== 'none' || s.boxShadow !== 'none'
      || b.boxShadow !== 'none',
  };
}"""


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_learning_wish_form_by_keyboard_alone(page: Page, live_server, school: School) -> None:
    page.goto(f"{live_server.url}/account/inloggen/")
    page.get_by_label("E-mailadres").fill(school.student.user.email)
    page.get_by_label("Wachtwoord").fill("geheim-wachtwoord-123")
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_role("link", name="Begin met invullen").click()
    page.locator("h1").click()  # start from the page's heading, not from any field
    seen: list[str] = []
    unfocused: list[str] = []
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        el = page.evaluate(ACTIVE)
        label = el["name"] or el["id"] or el["text"]
        seen.append(label)
        if not el["visible"]:
            unfocused.append(label)
        if el["name"] in TYPED and not el["value"]:
            page.keyboard.type(TYPED[el["name"]])
        elif el["tag"] == "SELECT" and el["name"] in SELECTS and not el["value"]:
            page.keyboard.press("ArrowDown")
        elif el["role"] == "combobox" and "home_place" in el["id"] and not seen.count(label) > 1:
            page.keyboard.type("Nijmeg")
            expect(page.get_by_role("option", name="Nijmegen", exact=True)).to_be_visible()
            page.keyboard.press("Enter")
        elif el["tag"] in ("BUTTON", "INPUT") and el["text"] == "Indienen":
            page.keyboard.press("Enter")
            break
    else:
        pytest.fail(f"no submit button within {MAX_TABS} Tab presses: {seen[-10:]}")
    expect(
        page.get_by_text("Ingediend. Je kunt het tot de deadline nog aanpassen.")
    ).to_be_visible()
    profile = LearningProfile.objects.get(student=school.student)
    assert profile.status == ProfileStatus.SUBMITTED
    assert profile.hours_per_week == 32 and profile.home_place == school.nijmegen
    assert profile.wishes.exists()
    assert unfocused == []
