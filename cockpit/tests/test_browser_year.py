"""The demo year (`load_demo --year`) as a coordinator sees it, in a browser: the home page
alone says where the school stands (each phase's status), what is late (the planning step
whose date passed, with its owner) and who acts next; every next-action link of phases A, B
and C opens a page that carries on from there, and each of those pages passes axe."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from playwright.sync_api import Browser, expect

from stagematching.tests.test_accessibility import _axe

from .test_browser import _login, _path_is


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_where_are_we_what_is_late_who_acts(browser: Browser, live_server: Any) -> None:
    call_command("load_demo", "--year", stdout=open("/dev/null", "w"))  # noqa: SIM115
    base = live_server.url
    # axe is injected as a script: this context lets it past the CSP (as the a11y gate does).
    context = browser.new_context(bypass_csp=True, locale="nl-NL", accept_downloads=True)
    page = context.new_page()
    _login(page, base)
    home = page.url
    # Where are we: every phase with its status.
    for code, title in (("A", "Binnen de school"), ("B", "Met de leerbedrijven"), ("C", "Met")):
        heading = page.locator(f"#fase-{code}")
        expect(heading).to_contain_text(title)
        expect(heading.locator(".badge")).to_be_visible()
    # What is late, and who acts: the agreement date passed, the coordinator owns it.
    late = page.get_by_role("region", name="1 stap is te laat")
    expect(late).to_contain_text("Overeenkomst getekend door bedrijven")
    expect(late).to_contain_text("verantwoordelijk: Marieke")
    expect(page.locator("#fase-B")).to_contain_text("Te laat")
    expect(page.locator("[data-upcoming]").first).to_contain_text("verantwoordelijk:")
    assert not _axe(page), "the stappenplan page passes axe"

    # Each phase's next actions lead on; A, B and C each have at least one.
    for code in ("A", "B", "C"):
        page.goto(home)
        links = page.locator(f"section[aria-labelledby='fase-{code}'] li[data-step] a")
        targets = [
            (links.nth(i).get_attribute("href") or "", links.nth(i).inner_text())
            for i in range(links.count())
        ]
        assert targets, f"phase {code} shows a next action"
        for href, text in targets:
            page.goto(home)
            page.get_by_role("link", name=text).first.click()
            expected = urlsplit(href).path or urlsplit(home).path
            page.wait_for_url(_path_is(expected))
            expect(page.get_by_role("heading", level=1).first).to_be_visible()
            assert not _axe(page), f"{href} passes axe"

    # The late step is on the planning with its owner; done, it is no longer late.
    page.goto(home)
    late.get_by_role("link", name="Naar de planning").click()
    row = page.get_by_role("row").filter(has_text="Overeenkomst getekend door bedrijven")
    expect(row).to_contain_text("Marieke")
    row.get_by_role("button", name="Klaar").click()
    expect(page.get_by_text("Klaar gezet.")).to_be_visible()
    page.goto(home)
    expect(page.get_by_role("region", name="1 stap is te laat")).to_have_count(0)

    # C: the round's figures and the fairness chart with its table; the Stagepact PDF.
    page.goto(f"{base}/stappenplan/grafieken/")
    expect(page.locator("canvas[data-chart='eerlijkheid']")).to_have_attribute("data-drawn", "1")
    expect(
        page.get_by_role("table", name="Eerlijkheid: verschil in plaatsing per groep")
    ).to_be_visible()
    page.goto(f"{base}/stappenplan/stagepact/")
    expect(page.get_by_role("heading", name="Eerlijkheid per groep")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Downloaden als PDF").click()
    assert download.value.suggested_filename.endswith(".pdf")
    context.close()
