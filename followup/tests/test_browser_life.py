"""One placement's whole life in the browser, each step by the person who takes it on the real
pages: the company proposes introductory-meeting moments, the student accepts one, both
record that it took place; the school draws up the POK and sends it; the PDF holds the fields
of WEB 7.2.8(2); the student, the parent (the student is under 18: a one-time link, no
account), the company and the school sign, and it is complete; the bpv-docent plans and logs
three contact moments, one on site; each party answers the end evaluation. And a second
placement: the company refuses the student after the meeting, which is logged as a breach and
counted in the report, and the school re-places the student at once, approved by a second
person."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from accounts.models import Role, User
from accounts.tests.factories import UserFactory
from followup.models import (
    Agreement,
    AgreementStatus,
    ContactMoment,
    Ending,
    Evaluation,
    IntroMeeting,
    IntroMoment,
    IntroStatus,
    Signature,
)
from followup.tests.test_agreement import pdf_text
from matching.models import Replacement
from matching.tests.conftest import World
from matching.tests.test_browser import login, logout
from matching.tests.test_replacement import _placed_elsewhere, _released_with_a_free_seat
from placements.models import Placement, PlacementSource, PlacementStatus

DAY = dt.timedelta(days=1)


def _local(moment: dt.datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def _open(page: Page, base: str, email: str, placement: Placement) -> None:
    login(page, base, email)
    page.goto(f"{base}/stages/{placement.pk}/")


def _contact_of(world: World, placement: Placement) -> User:
    return next(c.user for c in world.contacts if c.company_id == placement.company_id)


def _meeting_held(page: Page, base: str, world: World, placement: Placement) -> None:
    """Proposed by the company, accepted by the student, held: recorded by both."""
    company, student = _contact_of(world, placement), placement.student.user
    _open(page, base, company.email, placement)
    soon = timezone.now() + 3 * DAY
    page.get_by_label("Moment 1").fill(_local(soon))
    page.get_by_label("Moment 2").fill(_local(soon + DAY))
    page.get_by_label("Toelichting").fill("Hoofdingang, vraag naar de receptie.")
    page.get_by_role("button", name="Voorstellen").click()
    expect(page.get_by_text("Het voorstel is verstuurd")).to_be_visible()
    logout(page)

    _open(page, base, student.email, placement)
    page.get_by_role("button", name="Dit moment kiezen").first.click()
    expect(page.get_by_text("Afgesproken. Het bedrijf en de school zien")).to_be_visible()
    expect(page.get_by_role("button", name="Het gesprek is doorgegaan")).to_have_count(0)
    logout(page)

    # The meeting's moment passes.
    meeting = IntroMeeting.objects.get(placement=placement)
    IntroMoment.objects.filter(pk=meeting.chosen_id).update(at=timezone.now() - DAY)
    _open(page, base, student.email, placement)
    page.get_by_role("button", name="Het gesprek is doorgegaan").click()
    expect(page.get_by_text("Vastgelegd: het kennismakingsgesprek is doorgegaan.")).to_be_visible()
    logout(page)

    _open(page, base, company.email, placement)
    expect(page.get_by_text("bevestigd dat het gesprek is doorgegaan")).to_be_visible()
    page.get_by_label("Doorgegaan", exact=True).check()
    page.get_by_role("button", name="Vastleggen").click()
    expect(page.get_by_text("De uitkomst van het kennismakingsgesprek is")).to_be_visible()
    logout(page)
    meeting.refresh_from_db()
    assert meeting.status == IntroStatus.HELD and meeting.student_confirmed_at is not None


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_one_placement_from_introductory_meeting_to_evaluation(
    page: Page, browser: Browser, live_server
) -> None:
    world = _released_with_a_free_seat()
    page.on("dialog", lambda dialog: dialog.accept())  # confirmations before signing etc.
    base = live_server.url
    placement = Placement.objects.filter(status=PlacementStatus.ACTIVE).order_by("pk").first()
    assert placement is not None
    company = _contact_of(world, placement)
    student = placement.student.user
    _meeting_held(page, base, world, placement)

    # The school: the student's date of birth (under 18 at the start) and a parent, the POK.
    _open(page, base, world.coordinator.email, placement)
    page.get_by_text("Geboortedatum en ouder/verzorger").click()
    birth = placement.start_date.replace(year=placement.start_date.year - 17)
    page.get_by_label("Geboortedatum").fill(birth.isoformat())
    page.get_by_label("Naam ouder/verzorger").fill("Olga Ouder")
    page.get_by_label("E-mail ouder/verzorger").fill("ouder@example.nl")
    page.get_by_role("button", name="Opslaan", exact=True).click()
    expect(page.get_by_text("De gegevens voor de overeenkomst zijn opgeslagen.")).to_be_visible()
    page.get_by_role("button", name="Concept opslaan").click()
    expect(page.get_by_text("De praktijkovereenkomst (concept) is opgeslagen.")).to_be_visible()
    page.get_by_role("button", name="Versturen ter ondertekening").click()
    expect(page.get_by_text("De overeenkomst is verstuurd")).to_be_visible()
    agreement = Agreement.objects.get(placement=placement)
    assert agreement.status == AgreementStatus.SENT and agreement.needs_guardian

    # The PDF opens and holds the fields of WEB 7.2.8(2).
    href = page.get_by_role("link", name="Overeenkomst als PDF").get_attribute("href")
    response = page.request.get(f"{base}{href}")
    assert response.ok and response.headers["content-type"] == "application/pdf"
    text = pdf_text(response.body())
    offer = placement.offer
    assert offer is not None
    for field in (
        "Praktijkovereenkomst",
        "7.2.8",
        placement.student.student_number,
        student.full_name,
        placement.company.legal_name,
        placement.company.kvk_number,
        "Praktijkopleider",
        "Bpv-docent",
        "crebo 25604",
        placement.start_date.strftime("%Y"),
        f"{offer.hours_per_week} uur per week",
        "B1-K1-W",  # the work processes: the part of the qualification
        "Beoordeling",
        "Begeleiding",
        "Eerder be",  # eindigen: when and how it can end early
        "Ouder/verzorger",
    ):
        assert field in text, field
    logout(page)

    # The student signs; the parent signs through the one-time link from their e-mail.
    _open(page, base, student.email, placement)
    page.get_by_role("button", name="Ondertekenen").click()
    expect(page.get_by_text("Je handtekening is vastgelegd.")).to_be_visible()
    logout(page)
    (guardian_mail,) = [m for m in mail.outbox if m.to == ["ouder@example.nl"]]
    link = re.search(r"/stages/ondertekenen/[^/\s]+/", str(guardian_mail.body))
    assert link is not None
    parent = browser.new_page()  # no account, no cookies of anyone else
    parent.on("dialog", lambda dialog: dialog.accept())
    parent.goto(f"{base}{link.group(0)}")
    parent.get_by_label("Je naam").fill("Olga Ouder")
    parent.get_by_label("Ik heb de praktijkovereenkomst gelezen").check()
    parent.get_by_role("button", name="Ondertekenen").click()
    expect(parent.get_by_text("Je handtekening is opgeslagen")).to_be_visible()
    parent.goto(f"{base}{link.group(0)}")  # the link works once
    expect(parent.get_by_text("een link werkt maar één keer", exact=False)).to_be_visible()
    parent.close()

    for signer in (company, world.coordinator):
        _open(page, base, signer.email, placement)
        page.get_by_role("button", name="Ondertekenen").click()
        expect(page.get_by_text("Je handtekening is vastgelegd.")).to_be_visible()
        logout(page)
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.COMPLETE
    assert set(Signature.objects.filter(agreement=agreement).values_list("party", flat=True)) == {
        "student",
        "guardian",
        "company",
        "school",
    }

    # Time passes: the placement runs and nears its end.
    today = timezone.localdate()
    Placement.objects.filter(pk=placement.pk).update(
        start_date=today - 90 * DAY, end_date=today + 7 * DAY
    )

    # The coordinator makes a reviewer the bpv-docent; they plan and log the contact moments.
    teacher = world.reviewer
    _open(page, base, world.coordinator.email, placement)
    expect(page.get_by_text("Volledig ondertekend").first).to_be_visible()
    page.get_by_label("Bpv-docent", exact=True).select_option(str(teacher.pk))
    page.get_by_role("button", name="Toewijzen").click()
    expect(page.get_by_text("De bpv-docent is toegewezen.")).to_be_visible()
    logout(page)

    _open(page, base, teacher.email, placement)
    for days_ago, kind, held in ((60, "Telefonisch", True), (30, "Op locatie", True)):
        page.get_by_text("Contactmoment plannen of vastleggen").click()
        page.get_by_label("Datum").fill((today - days_ago * DAY).isoformat())
        page.get_by_label("Soort").select_option(label=kind)
        page.get_by_label("Wie deden mee").fill("student, praktijkopleider")
        page.get_by_label("Dit contactmoment is gehouden").set_checked(held)
        page.get_by_role("button", name="Opslaan", exact=True).click()
        expect(page.get_by_text("Het contactmoment is vastgelegd.")).to_be_visible()
    # The third is planned first, then held.
    page.get_by_text("Contactmoment plannen of vastleggen").click()
    page.get_by_label("Datum").fill((today - 2 * DAY).isoformat())
    page.get_by_label("Soort").select_option(label="Online")
    page.get_by_role("button", name="Opslaan", exact=True).click()
    expect(page.get_by_text("Contactmomenten: 2 van 3, waarvan 1 op locatie")).to_be_visible()
    page.get_by_role("button", name="Gehouden").click()
    expect(page.get_by_text("Contactmomenten: 3 van 3, waarvan 1 op locatie")).to_be_visible()
    assert ContactMoment.objects.filter(placement=placement, held=True).count() == 3

    # The end evaluation: the bpv-docent, the student and the company each answer once.
    answers = (
        "Paste de stageplek bij wat de student wilde leren?",
        "Hoe was de begeleiding?",
        "Voelde de koppeling objectief en eerlijk?",
    )
    for user in (teacher, student, company):
        if user != teacher:
            _open(page, base, user.email, placement)
        section = page.locator("#evaluatie")
        for question in answers:
            section.get_by_role("group", name=question).get_by_label("4").check()
        section.get_by_role("button", name="Versturen").click()
        expect(page.get_by_text("Dank je wel voor je evaluatie.")).to_be_visible()
        logout(page)
    assert set(Evaluation.objects.filter(placement=placement).values_list("party", flat=True)) == {
        "student",
        "company",
        "teacher",
    }


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_refusal_after_the_meeting_is_a_breach_and_the_student_is_replaced_at_once(
    page: Page, live_server
) -> None:
    world = _released_with_a_free_seat()
    page.on("dialog", lambda dialog: dialog.accept())
    base = live_server.url
    match = _placed_elsewhere(world)
    placement = match.placement
    assert placement is not None
    _meeting_held(page, base, world, placement)

    # The company no longer wants the student: a weigering, with its reason.
    _open(page, base, _contact_of(world, placement).email, placement)
    page.get_by_text("Je wilt deze student niet (meer) begeleiden").click()
    page.get_by_label("Waarom wil je de student niet (meer) begeleiden?").fill(
        "Na het gesprek denken wij dat het niet klikt."
    )
    page.get_by_role("button", name="Weigering vastleggen").click()
    expect(page.get_by_text("Je weigering is vastgelegd.")).to_be_visible()
    logout(page)
    ending = Ending.objects.get(placement=placement)
    assert ending.reason == "refusal" and ending.breach

    # The coordinator sees the breach on the placement, in the list and in the report.
    _open(page, base, world.coordinator.email, placement)
    expect(page.get_by_text("schending van de stagematchingsovereenkomst")).to_be_visible()
    page.goto(f"{base}/stages/?toon=herplaatsen")
    expect(page.get_by_text("Te herplaatsen (1)")).to_be_visible()
    page.goto(f"{base}/stappenplan/stagepact/")
    refusals = page.get_by_role("row", name=re.compile("Weigeringen door het bedrijf"))
    expect(refusals).to_contain_text("1")

    # Re-placed at once: the coordinator proposes, a second person approves.
    page.goto(f"{base}/stages/{placement.pk}/")
    page.get_by_role("link", name="Nu herplaatsen").click()
    page.get_by_label("Nieuwe stageplek").select_option(index=0)
    page.get_by_label("Waarom deze plek").fill("Dichtbij en dezelfde werkprocessen.")
    page.get_by_role("button", name="Voorstellen").click()
    expect(page.get_by_text("Een andere medewerker keurt je voorstel goed.")).to_be_visible()
    expect(page.get_by_role("button", name="Herplaatsing goedkeuren")).to_have_count(0)
    logout(page)

    second = UserFactory.create(role=Role.COORDINATOR, institution=world.round.institution)
    login(page, base, second.email)
    page.goto(f"{base}/matching/herplaatsen/{placement.pk}/")
    page.get_by_role("button", name="Herplaatsing goedkeuren").click()
    expect(page.get_by_text("De student is herplaatst bij")).to_be_visible()
    logout(page)

    placement.refresh_from_db()
    new = Placement.objects.get(student=placement.student, status=PlacementStatus.ACTIVE)
    assert placement.status == PlacementStatus.ENDED_EARLY
    assert new.source == PlacementSource.REPLACEMENT and new.company_id != placement.company_id
    proposal = Replacement.objects.get(placement=placement)
    assert proposal.proposed_by == world.coordinator and proposal.decided_by == second

    # The student sees the new place, and no objection form for the old match.
    login(page, base, placement.student.user.email)
    page.goto(f"{base}/matching/mijn-stage/")
    expect(page.get_by_text("de school heeft je herplaatst")).to_be_visible()
    expect(page.get_by_role("button", name="Bezwaar indienen")).to_have_count(0)
