"""The student hears it when the company refuses them or their placement ends early: one mail
through the outbox and a plain-Dutch line on their home page (what happens next, whom to
ask), never the company's reasons."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse

from accounts import outbox
from accounts.models import OutboxMessage
from followup.services.ending import company_refuse, placement_stop

from .conftest import Life

pytestmark = pytest.mark.django_db

NEXT = "De school zoekt een nieuwe stageplek voor je; je krijgt voorrang."


def _school_contact(life: Life) -> None:
    institution = life.student.programme.institution
    institution.contact_email = "stagebureau@school.example.nl"
    institution.save()


def _home(life: Life) -> str:
    response = life.client(life.student.user).get(reverse("students:home"))
    assert response.status_code == 200
    return response.content.decode()


def test_a_refusal_reaches_the_student_by_mail_and_on_the_home_page(
    life: Life, django_capture_on_commit_callbacks
) -> None:
    _school_contact(life)
    with django_capture_on_commit_callbacks(execute=True):
        response = life.client(life.contact.user).post(
            reverse("followup:refuse", args=[life.placement.pk]),
            {"text": "Past niet in het team van de bakkerij"},
        )
    assert response.status_code == 302
    message = OutboxMessage.objects.get(kind="placement_news")
    assert message.recipient_id == life.student.user_id
    outbox.dispatch()
    sent = [m for m in mail.outbox if m.to == [life.student.user.email]]
    assert [m.subject for m in sent] == ["Je stage bij Bakkerij Brood BV gaat niet door"]
    body = sent[0].body
    assert NEXT in body and "stagebureau@school.example.nl" in body
    assert "Past niet in het team" not in body  # the company's reason stays with the school
    # Said once: a second refusal is refused, and a re-run of the outbox sends nothing new.
    company_refuse_again = life.client(life.contact.user).post(
        reverse("followup:refuse", args=[life.placement.pk]), {"text": "Nogmaals"}
    )
    assert company_refuse_again.status_code == 302
    outbox.dispatch()
    assert OutboxMessage.objects.filter(kind="placement_news").count() == 1
    home = _home(life)
    assert "Je stage bij Bakkerij Brood BV gaat niet door." in home
    assert NEXT in home and "mailto:stagebureau@school.example.nl" in home
    assert "Past niet in het team" not in home


def test_an_early_end_reaches_the_student_with_the_date_in_words(
    life: Life, django_capture_on_commit_callbacks
) -> None:
    _school_contact(life)
    on = life.placement.start_date + dt.timedelta(days=5)
    form = {"reason": "guidance", "text": "Begeleiding schoot tekort", "on": on.isoformat()}
    with django_capture_on_commit_callbacks(execute=True):
        life.client(life.coordinator).post(reverse("followup:stop", args=[life.placement.pk]), form)
    outbox.dispatch()
    sent = [m for m in mail.outbox if m.to == [life.student.user.email]]
    assert [m.subject for m in sent] == ["Je stage bij Bakkerij Brood BV is gestopt"]
    months = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
              "september", "oktober", "november", "december"]  # fmt: skip
    in_words = f"{on.day} {months[on.month - 1]} {on.year}"
    assert f"is gestopt per {in_words}" in sent[0].body and NEXT in sent[0].body
    assert "Begeleiding schoot tekort" not in sent[0].body
    home = _home(life)
    assert f"Je stage bij Bakkerij Brood BV is gestopt per {in_words}." in home
    assert NEXT in home and "Begeleiding schoot tekort" not in home


def test_a_refusal_overtaken_by_an_end_before_sending_gives_one_mail(
    life: Life,
) -> None:
    company_refuse(placement=life.placement, text="Nee", by=life.contact.user)
    on = life.placement.start_date + dt.timedelta(days=2)
    placement_stop(
        placement=life.placement, reason="refusal", text="Weigering", on=on, by=life.coordinator
    )
    keys = set(OutboxMessage.objects.filter(kind="placement_news").values_list("key", flat=True))
    assert keys == {
        f"placement-news:{life.placement.pk}:refused",
        f"placement-news:{life.placement.pk}:ended",
    }
    outbox.dispatch()
    subjects = [m.subject for m in mail.outbox if m.to == [life.student.user.email]]
    # Made when sent: by then the placement has ended, so only the end's mail goes.
    assert subjects == ["Je stage bij Bakkerij Brood BV is gestopt"]
