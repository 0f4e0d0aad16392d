"""The learning-wish form filled in and submitted with the keyboard only, focus always visible."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from students.models import LearningProfile, ProfileStatus
from students.tests.conftest import School

# What a student types into each field when the Tab key reaches it.
TYPED = {
    "id_learning_wish_1": "Ik wil leren hoe je een webapplicatie bouwt en test.",
    "id_postcode": "6511AB",
    "id_max_travel_minutes": "30",
    "id_available_from": "01022027",
    "id_available_until": "30062027",
    "id_hours_per_week": "32",
}
# The focused element, or the box around a place picker's search field, shows an outline.
# Date fields are left out: Chromium highlights the focused day, month or year part itself.
FOCUS_STYLE = """el => {
  if (el.type === 'date') return true;
  const box = el.closest('.ts-control') || el;
  const s = getComputedStyle(box);
  return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== 'none';
}"""


@pytest.fixture
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_context_args, "locale": "nl-NL"}  # dates typed as dd-mm-jjjj


def _tab_to(page: Page, predicate: str, limit: int = 80) -> dict[str, Any]:
    """Press Tab until the focused element matches."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate_handle("document.activeElement")
        if page.evaluate("e => e === document.body", focused):
            continue  # past the last element, before the focus wraps to the top
        info: dict[str, Any] = page.evaluate(
            "e => ({id: e.id, tag: e.tagName, type: e.type || '', text: e.innerText || ''})",
            focused,
        )
        if page.evaluate(predicate, focused):
            return info
    raise AssertionError(f"Tab never reached {predicate}")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_student_form_with_the_keyboard_only(page: Page, live_server, school: School) -> None:
    page.emulate_media(reduced_motion="reduce")  # no focus transitions: the outline is final
    page.goto(f"{live_server.url}/account/inloggen/")
    page.locator("#id_username").wait_for()  # the e-mail field has the focus when the page opens
    page.keyboard.type(school.student.user.email)
    page.keyboard.press("Tab")
    page.keyboard.type("geheim-wachtwoord-123")
    page.keyboard.press("Enter")
    expect(page.get_by_role("link", name="Begin met invullen")).to_be_visible()
    _tab_to(page, "e => (e.innerText || '').includes('Begin met invullen')")
    page.keyboard.press("Enter")
    expect(page.locator("#id_learning_wish_1")).to_be_visible()

    filled: set[str] = set()
    while True:
        info = _tab_to(
            page,
            "e => ['INPUT','TEXTAREA','SELECT','BUTTON'].includes(e.tagName)",
        )
        if info["tag"] == "BUTTON" and "Indienen" in info["text"]:
            break
        if info["id"] in TYPED and info["id"] not in filled:
            page.keyboard.type(TYPED[info["id"]])
            filled.add(info["id"])
        elif info["id"] == "id_home_place-ts-control":
            page.keyboard.type("Nijmeg")
            expect(page.get_by_role("option", name="Nijmegen", exact=True)).to_be_visible()
            page.keyboard.press("Enter")
            page.keyboard.press("Escape")
            filled.add(info["id"])
        elif info["tag"] == "SELECT" and info["id"] in ("id_wp_1", "id_wp_2"):
            # Type-ahead picks an option without opening the list (ArrowDown would open it).
            page.keyboard.type("B1-K1-W1" if info["id"].endswith("1") else "B1-K1-W3")
            filled.add(info["id"])
        elif info["tag"] == "SELECT" and info["id"] == "id_transport_mode":
            page.keyboard.type("Fiets")
            filled.add(info["id"])
    page.keyboard.press("Enter")

    expect(page.get_by_text("Ingediend.")).to_be_visible()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_every_focusable_element_of_the_form_shows_its_focus(
    page: Page, live_server, school: School
) -> None:
    page.emulate_media(reduced_motion="reduce")  # no focus transitions: the outline is final
    page.goto(f"{live_server.url}/account/inloggen/")
    page.get_by_label("E-mailadres").fill(school.student.user.email)
    page.get_by_label("Wachtwoord").fill("geheim-wachtwoord-123")
    page.keyboard.press("Enter")
    page.goto(f"{live_server.url}/student/leerwensen/")
    stops = page.locator(
        "a[href]:visible, button:visible, input:not([type=hidden]):visible, select:visible,"
        " textarea:visible, [tabindex='0']:visible"
    )
    missing = []
    for i in range(stops.count()):
        el = stops.nth(i).element_handle()
        assert el is not None
        el.evaluate("e => e.focus({focusVisible: true})")
        if not el.evaluate(FOCUS_STYLE):
            missing.append(el.evaluate("e => e.outerHTML.slice(0, 120)"))
    assert stops.count() > 20
    assert missing == []
    assert LearningProfile.objects.get(student=school.student).status == ProfileStatus.SUBMITTED
