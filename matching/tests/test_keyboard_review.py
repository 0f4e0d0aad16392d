"""Keyboard only: a reviewer opens a match and approves it with Tab and Enter; every element
on the way shows its focus. The walk fails after a fixed number of Tab presses."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from matching.models import Approval
from matching.tests.conftest import build_world, to_review
from matching.tests.test_browser import login
from students.tests.test_keyboard import ACTIVE, MAX_TABS


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_match_is_approved_by_keyboard_alone(page: Page, live_server) -> None:
    world = build_world()
    to_review(world)
    match = world.refresh().matches.filter(offer__isnull=False).order_by("sort_key").first()
    assert match is not None
    login(page, live_server.url, world.reviewer.email)
    page.goto(f"{live_server.url}/matching/matches/{match.public_id}/")
    page.locator("h1").click()
    unfocused, seen = [], []
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        el = page.evaluate(ACTIVE)
        seen.append(el["text"])
        if not el["visible"]:
            unfocused.append(el["text"] or el["name"])
        if el["tag"] == "BUTTON" and el["text"] == "Goedkeuren":
            page.keyboard.press("Enter")
            break
    else:
        pytest.fail(f"no 'Goedkeuren' within {MAX_TABS} Tab presses: {seen[-10:]}")
    expect(page.get_by_text("Goedgekeurd.")).to_be_visible()
    assert Approval.objects.get(match=match, by=world.reviewer).opened
    assert unfocused == []
