"""In the browser: the main pages raise no Content-Security-Policy violation (the `page`
fixture fails on any), the confirmations and the language switch work from static scripts,
and the policy really blocks an injected inline script."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, Page, expect

from matching.models import RoundStatus
from matching.tests.conftest import build_world
from matching.tests.test_browser import login

from .csp import watch


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_main_pages_show_no_csp_violation(page: Page, live_server) -> None:
    world = build_world()
    base = live_server.url
    login(page, base, world.coordinator.email)
    pages = [
        reverse("home"),
        reverse("matching:round-detail", args=[world.round.pk]),
        reverse("students:staff-list"),
        reverse("students:staff-detail", args=[world.students[0].pk]),
        reverse("companies:staff-list"),
        reverse("spreadsheets:upload", args=["students"]),
    ]
    for path in pages:
        response = page.goto(f"{base}{path}")
        assert response is not None and response.status == 200, path
        assert "script-src 'self'" in (response.headers.get("content-security-policy") or "")

    # A refused confirmation sends nothing; an accepted one does (data-confirm, static/js/app.js).
    page.goto(f"{base}/matching/rondes/{world.round.pk}/")
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.get_by_role("button", name="Intake openen").click()
    expect(page.get_by_role("button", name="Intake openen")).to_be_visible()
    world.round.refresh_from_db()
    assert world.round.status == RoundStatus.DRAFT
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Intake openen").click()
    expect(page.get_by_role("button", name="Intake openen")).to_have_count(0)
    world.round.refresh_from_db()
    assert world.round.status == RoundStatus.INTAKE
    # The language switch submits itself on change (data-autosubmit).
    page.get_by_label("Taal").select_option("en")
    expect(page.locator("html")).to_have_attribute("lang", "en")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_policy_blocks_an_injected_inline_script(browser: Browser, live_server) -> None:
    page = browser.new_page()
    problems = watch(page)
    page.goto(f"{live_server.url}/account/inloggen/")
    page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.injected = 1'; document.body.appendChild(s); }"
    )
    assert page.evaluate("() => window.injected") is None
    assert any("Content Security Policy" in p for p in problems)
    page.close()
