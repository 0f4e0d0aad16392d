"""The coordinator's year from the stappenplan, in a browser: the home page answers where the
school stands, every action link of every phase opens its page, the planning takes a step,
and the charts are drawn by the vendored Chart.js with their tables, on a phone too."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

DEMO_PASSWORD = "demo-stagematching"


def _login(page: Page, base: str) -> None:
    page.goto(f"{base}/account/inloggen/")
    page.get_by_label("E-mailadres").fill("coordinator@demo.stagematching.nl")
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()


def _path_is(path: str) -> Callable[[str], bool]:
    return lambda url: urlsplit(url).path == path


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_demo_year_from_the_stappenplan(page: Page, live_server: Any) -> None:
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    base = live_server.url
    _login(page, base)
    # The coordinator's home is the stappenplan.
    expect(page.get_by_role("heading", level=1)).to_contain_text("Stappenplan stagematching")
    for phase in ("A. Binnen de school", "B. Met de leerbedrijven", "C. Met de studenten"):
        expect(page.get_by_role("heading", name=phase)).to_be_visible()
    expect(page.locator("#gereed")).to_be_visible()
    home = page.url
    links = page.locator("li[data-step] a")
    targets = [
        (links.nth(i).get_attribute("href") or "", links.nth(i).inner_text())
        for i in range(links.count())
    ]
    assert targets, "every phase shows a next action"
    for href, text in targets:
        page.goto(home)
        page.get_by_role("link", name=text).first.click()
        expected = urlsplit(href).path or urlsplit(home).path  # "#gereed" stays on the page
        page.wait_for_url(_path_is(expected))
        expect(page.get_by_role("heading", level=1).first).to_be_visible()

    # A3: plan a step with an owner; it shows in the planning.
    page.goto(f"{base}/stappenplan/planning/")
    page.get_by_role("link", name="Stap toevoegen").click()
    page.get_by_label("Stap").select_option("release")
    page.get_by_label("Uiterlijk op").fill("2027-01-15")
    page.get_by_label("Verantwoordelijke").select_option(index=1)
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("De stap staat in de planning.")).to_be_visible()
    expect(page.get_by_role("rowheader", name="Bekendmaking")).to_be_visible()

    # Charts: drawn from static/vendor, each with its table; also at phone width.
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 800})
        page.goto(f"{base}/stappenplan/grafieken/")
        canvases = page.locator("canvas[data-chart]")
        expect(canvases.first).to_have_attribute("data-drawn", "1")
        assert canvases.count() >= 2
        for i in range(canvases.count()):
            expect(canvases.nth(i)).to_have_attribute("data-drawn", "1")
        assert page.evaluate("typeof window.Chart") == "function"
        expect(page.locator("svg.region-map")).to_be_visible()
        wide = page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1")
        assert not wide, "the page scrolls sideways"
