from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from accounts.models import Role

HEADINGS = {
    Role.STUDENT: "Hallo",
    Role.COMPANY_CONTACT: "",
    Role.COORDINATOR: "Stappenplan stagematching",
    Role.REVIEWER: "Overzicht",
    Role.CARE_COORDINATOR: "Overzicht",
    Role.INSTITUTION_ADMIN: "Overzicht",
}


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_each_role_logs_in_and_sees_its_home(page: Page, live_server, users_by_role) -> None:
    for role, user in users_by_role.items():
        page.goto(f"{live_server.url}/")
        expect(page.get_by_role("heading", name="Inloggen")).to_be_visible()
        page.get_by_label("E-mailadres").fill(user.email)
        page.get_by_label("Wachtwoord").fill("geheim-wachtwoord-123")
        page.get_by_role("button", name="Inloggen").click()
        heading = page.get_by_role("heading", level=1)
        if role == Role.COMPANY_CONTACT:
            expect(heading).to_have_text(user.company_contact.company.legal_name)
        else:
            expect(heading).to_contain_text(HEADINGS[role])
        expect(page.locator(".navbar-text")).to_contain_text(user.get_role_display())
        page.get_by_role("button", name="Uitloggen").click()
        expect(page.get_by_role("heading", name="Inloggen")).to_be_visible()
