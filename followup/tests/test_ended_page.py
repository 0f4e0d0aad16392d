"""What a placement's page offers once the placement has ended, and what it says about a
refusal, the end of a refused placement, the guardian's link and an early evaluation."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from accounts.models import OutboxMessage, User
from followup.models import Agreement, Ending, Party, Signature
from followup.services.agreement import agreement_save, agreement_send, guardian_render
from followup.services.ending import company_refuse, placement_stop

from .conftest import Life

pytestmark = pytest.mark.django_db


def _page(life: Life, user: User) -> str:
    response = life.client(user).get(reverse("followup:detail", args=[life.placement.pk]))
    assert response.status_code == 200
    return response.content.decode()


def _stop(life: Life) -> None:
    on = life.placement.start_date + dt.timedelta(days=5)
    placement_stop(
        placement=life.placement, reason="other", text="Stopt", on=on, by=life.coordinator
    )


def test_an_ended_placement_offers_no_actions_and_says_why(life: Life) -> None:
    running = _page(life, life.coordinator)
    assert "Overeenkomst opstellen" in running and "Contactmoment plannen" in running
    assert "Het bedrijf stelt nog een moment voor." in _page(life, life.student.user)
    _stop(life)
    ended_on = life.placement.start_date + dt.timedelta(days=5)
    for user in (life.coordinator, life.student.user, life.contact.user):
        page = _page(life, user)
        assert "Deze stage is beëindigd op" in page and "er valt hier niets meer te doen" in page
        assert str(ended_on.year) in page
        for action in (
            "Overeenkomst opstellen",
            "Contactmoment plannen",
            "Het bedrijf stelt nog een moment voor.",
            "Momenten voorstellen",
            "Toewijzen",
            "Geboortedatum en ouder/verzorger",
        ):
            assert action not in page, (user, action)
    replacement = life.client(life.coordinator).get(
        reverse("matching:direct-replacement", args=[life.placement.pk])
    )
    text = replacement.content.decode()
    assert "Was bij Bakkerij Brood BV" in text and "Nu bij" not in text


def test_ending_a_refused_placement_says_what_really_happens(life: Life) -> None:
    company_refuse(placement=life.placement, text="Past niet", by=life.contact.user)
    page = _page(life, life.coordinator)
    assert "schending van de stagematchingsovereenkomst" in page
    assert "afwijking van" not in page
    assert "Gebruik dan eerst 'Nu herplaatsen'.\"" in page  # in the confirmation
    form = {"reason": "refusal", "text": "Weigering", "on": life.placement.start_date.isoformat()}
    response = life.client(life.coordinator).post(
        reverse("followup:stop", args=[life.placement.pk]), form, follow=True
    )
    text = response.content.decode()
    assert "met voorrang mee in de volgende vervolgronde" in text
    assert "direct een nieuwe plek" not in text
    assert Ending.objects.get().reason == "refusal"


def test_no_new_guardian_link_after_the_guardian_signed_and_the_mail_greets_by_name(
    life: Life,
) -> None:
    student = life.student
    student.date_of_birth = life.placement.start_date.replace(
        year=life.placement.start_date.year - 17
    )
    student.guardian_name = "Olga Ouder"
    student.guardian_email = "ouder@example.nl"
    student.save()
    agreement_save(placement=life.placement, by=life.coordinator)
    agreement_send(agreement=Agreement.objects.get(), by=life.coordinator)
    rendered = guardian_render(OutboxMessage.objects.get(kind="pok_guardian"))
    assert rendered is not None
    assert rendered[1].startswith("Beste Olga Ouder,")
    assert "Nieuwe link naar ouder/verzorger" in _page(life, life.coordinator)
    Signature.objects.create(
        agreement=Agreement.objects.get(), party=Party.GUARDIAN, name="Olga Ouder", role="ouder"
    )
    assert "Nieuwe link naar ouder/verzorger" not in _page(life, life.coordinator)


def test_an_early_evaluation_says_it_is_not_open_yet(life: Life) -> None:
    response = life.client(life.student.user).post(
        reverse("followup:evaluation", args=[life.placement.pk]), {}, follow=True
    )
    text = response.content.decode()
    assert "De evaluatie is nog niet open; je krijgt een e-mail als het zover is." in text
    assert "Dit veld is verplicht" not in text


def test_the_company_never_reads_the_schools_reason_or_note_for_an_end(life: Life) -> None:
    """An end over discrimination may come from a report the student made anonymously: the
    company sees only that the school ended the placement; school staff read why."""
    note = "Student meldde opmerkingen van een collega (melding anoniem)"
    placement_stop(
        placement=life.placement,
        reason="discrimination",
        text=note,
        on=life.placement.start_date + dt.timedelta(days=5),
        by=life.coordinator,
    )
    company = _page(life, life.contact.user)
    assert "De school heeft deze stage beëindigd." in company
    assert note not in company and "Discriminatie of ongewenst gedrag<" not in company
    assert note in _page(life, life.coordinator)
    assert note not in _page(life, life.student.user)


def test_a_company_sees_its_own_refusal_but_not_the_schools_note_added_to_it(
    life: Life,
) -> None:
    company_refuse(placement=life.placement, text="Past niet in het team", by=life.contact.user)
    placement_stop(
        placement=life.placement,
        reason="refusal",
        text="Gesprek met het bedrijf gevoerd, student is aangeslagen",
        on=life.placement.start_date + dt.timedelta(days=5),
        by=life.coordinator,
    )
    company = _page(life, life.contact.user)
    assert "Weigering door het bedrijf" in company
    assert "aangeslagen" not in company
    assert "aangeslagen" in _page(life, life.coordinator)
