from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from matching.models import Match
from matching.tests.conftest import build_world

PASSWORD = "geheim-wachtwoord-123"


def login(page: Page, base: str, email: str) -> None:
    page.goto(f"{base}/account/inloggen/")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()


def logout(page: Page) -> None:
    page.get_by_role("button", name="Uitloggen").click()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_run_review_release_and_the_student_sees_the_match(page: Page, live_server) -> None:
    world = build_world()
    page.on("dialog", lambda dialog: dialog.accept())  # the confirmations before irreversible steps
    base = live_server.url

    login(page, base, world.coordinator.email)
    page.goto(f"{base}/matching/rondes/{world.round.pk}/")
    page.get_by_role("button", name="Intake openen").click()
    page.get_by_role("button", name="Intake sluiten en naar toewijzen").click()
    page.get_by_role("button", name="Nieuwe run voorbereiden").click()
    expect(page.get_by_text("staat klaar met de vastgelegde loting")).to_be_visible()
    page.get_by_role("button", name="Start").click()
    page.get_by_role("button", name="Kies als voorstel").click()
    expect(page.get_by_text("is het voorstel")).to_be_visible()
    page.get_by_role("link", name="Naar de beoordeling").click()
    page.get_by_role("button", name="Selectie goedkeuren").click()
    expect(page.get_by_text("matches goedgekeurd")).to_be_visible()
    logout(page)

    login(page, base, world.reviewer.email)
    page.goto(f"{base}/matching/rondes/{world.round.pk}/beoordelen/")
    for s in world.students:
        expect(page.locator("main")).not_to_contain_text(s.user.full_name)
    page.get_by_role("button", name="Selectie goedkeuren").click()
    expect(page.get_by_text("matches goedgekeurd")).to_be_visible()
    logout(page)

    login(page, base, world.coordinator.email)
    page.goto(f"{base}/matching/rondes/{world.round.pk}/")
    page.get_by_role("button", name="Ronde goedkeuren").click()
    page.get_by_label("Nu", exact=True).check()
    page.get_by_label("Ik bevestig", exact=False).check()
    page.get_by_role("button", name="Bekendmaking vastleggen").click()
    expect(page.get_by_text("Bekendmaking vastgelegd")).to_be_visible()
    logout(page)

    match = (
        Match.objects.filter(round=world.round, offer__isnull=False)
        .select_related("offer__company", "profile__student__user")
        .first()
    )
    assert match is not None and match.offer is not None
    login(page, base, match.profile.student.user.email)
    expect(page.get_by_text("Je uitslag is bekend.")).to_be_visible()
    page.get_by_role("link", name="Mijn stage").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(match.offer.company.legal_name)
    expect(page.get_by_text("Wat past")).to_be_visible()
    expect(page.locator("main")).to_contain_text("je koos")
