"""A school year in the browser: after a release, a second round for the same cohort leaves the
placed students out (and says so), and the follow-up round places only the students without
a placement, on the seats still free."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from matching.models import Match, Round
from matching.selectors.population import population_summary
from matching.services import review, rounds_release
from matching.tests.conftest import build_world, to_review
from matching.tests.test_browser import login
from placements.models import Placement


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_second_round_leaves_placed_out_and_follow_up_places_only_the_rest(
    page: Page, live_server
) -> None:
    world = build_world(n_students=6, capacities=(2, 2, 1))
    to_review(world)
    first = world.refresh()
    for match in first.matches.filter(offer__isnull=False):
        review.match_approve(match=match, by=world.reviewer2, opened=True)
        review.match_approve(match=match, by=world.coordinator, opened=True)
    rounds_release.round_approve(round=first, by=world.coordinator)
    page.on("dialog", lambda dialog: dialog.accept())  # confirmations before irreversible steps
    base = live_server.url

    # The release, as the coordinator does it.
    login(page, base, world.coordinator.email)
    page.goto(f"{base}/matching/rondes/{first.pk}/")
    page.get_by_label("Nu", exact=True).check()
    page.get_by_label("Ik bevestig", exact=False).check()
    page.get_by_role("button", name="Bekendmaking vastleggen").click()
    expect(page.get_by_text("Bekendmaking vastgelegd")).to_be_visible()
    placed = set(Placement.objects.values_list("student_id", flat=True))
    unplaced = {s.pk for s in world.students} - placed
    assert len(placed) == 5 and len(unplaced) == 1  # 5 seats for 6 students

    # A second round for the same programme and cohort: the five placed students stay out.
    page.goto(f"{base}/matching/")
    page.get_by_role("link", name="Nieuwe matchingsronde").click()
    page.get_by_label("Naam").fill("Tweede ronde 2026")
    page.get_by_label(world.programme.name, exact=False).check()
    page.get_by_label("Cohort").fill("2026")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("5 studenten van dit cohort hebben al een stageplek")).to_be_visible()
    second = Round.objects.get(name="Tweede ronde 2026")

    # A company offers one more place; the follow-up round of the first round gets exactly the
    # one student without a placement and places them there.
    offer = world.offers[2]
    offer.capacity = 2
    offer.save(update_fields=["capacity"])
    page.goto(f"{base}/matching/rondes/{first.pk}/")
    page.get_by_role("button", name="Vervolgronde starten voor studenten zonder plek").click()
    expect(page.get_by_text("5 studenten van dit cohort hebben al een stageplek")).to_be_visible()
    follow_up = Round.objects.get(follow_up_of=first)
    page.get_by_role("button", name="Intake openen").click()
    page.get_by_role("button", name="Intake sluiten en naar toewijzen").click()
    page.get_by_role("button", name="Nieuwe run voorbereiden").click()
    page.get_by_role("button", name="Start").click()
    page.get_by_role("button", name="Kies als voorstel").click()
    expect(page.get_by_text("is het voorstel")).to_be_visible()

    matched = Match.objects.filter(round=follow_up)
    assert {m.profile.student_id for m in matched} == unplaced
    assert [m.offer_id for m in matched] == [offer.pk]  # the one seat still free
    # The second round takes the same single student; no student has two placements.
    assert population_summary(second)["taking_part"] == 1
    assert Placement.objects.count() == len(set(Placement.objects.values_list("student_id")))
