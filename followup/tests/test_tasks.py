"""The follow-up's beat work: reminders to whoever has not signed a sent POK, contact-moment
warnings and evaluation invitations. Registered in the beat schedule that `make run` starts;
run twice, every recipient gets one mail of each."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone

from accounts import outbox
from accounts.models import OutboxMessage
from followup.models import Agreement, Supervision
from followup.services import agreement as pok
from followup.services.reminders import agreement_reminder_render, agreement_reminders
from followup.tasks import followup_daily_task
from placements.models import Placement
from stagematching.celery import app as celery_app

from .conftest import Life

pytestmark = pytest.mark.django_db
DAY = dt.timedelta(days=1)


def _sent(life: Life, under_18: bool = True) -> Agreement:
    if under_18:
        student = life.student
        student.date_of_birth = life.placement.start_date.replace(
            year=life.placement.start_date.year - 17
        )
        student.guardian_name, student.guardian_email = "Olga Ouder", "ouder@example.nl"
        student.save()
    agreement = pok.agreement_save(placement=life.placement, by=life.coordinator)
    return pok.agreement_send(agreement=agreement, by=life.coordinator)


def test_the_follow_up_task_is_in_the_beat_schedule_that_make_run_starts() -> None:
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "followup.tasks.followup_daily_task" in tasks
    celery_app.loader.import_default_modules()
    assert "followup.tasks.followup_daily_task" in celery_app.tasks
    procfile = (Path(settings.BASE_DIR) / "Procfile.dev").read_text()
    assert re.search(r"^beat: .*celery -A stagematching beat", procfile, re.M)


def test_reminders_go_to_each_party_that_has_not_signed_once_per_reminder(life: Life) -> None:
    agreement = _sent(life)
    assert agreement.sent_at is not None
    life.client(life.student.user).post(f"/stages/{life.placement.pk}/pok/tekenen/", _read(life))
    assert agreement_reminders(now=agreement.sent_at + 4 * DAY) == 0  # not due yet
    first = agreement.sent_at + 6 * DAY
    agreement_reminders(now=first)
    agreement_reminders(now=first)
    reminders = OutboxMessage.objects.filter(kind="pok_reminder")
    # School (who drew it up), the company's contact and the parent; the student signed.
    assert sorted(reminders.values_list("context__party", flat=True)) == [
        "company",
        "guardian",
        "school",
    ]
    assert {m.recipient_id for m in reminders} == {
        life.coordinator.pk,
        life.contact.user_id,
        life.student.user_id,  # the parent's mail goes out on the student's behalf
    }
    # The parent's reminder goes to their address with the link that still works.
    rendered = agreement_reminder_render(reminders.get(context__party="guardian"))
    assert rendered is not None and len(rendered) == 3
    assert rendered[2] == "ouder@example.nl" and "/stages/ondertekenen/" in rendered[1]
    # The company signs meanwhile: its reminder is not sent.
    life.client(life.contact.user).post(f"/stages/{life.placement.pk}/pok/tekenen/", _read(life))
    assert agreement_reminder_render(reminders.get(context__party="company")) is None
    # The second reminder, a week later, once more for those still missing.
    agreement_reminders(now=agreement.sent_at + 13 * DAY)
    agreement_reminders(now=agreement.sent_at + 13 * DAY)
    assert reminders.all().count() == 5  # 3 first + school and parent second


def test_running_the_daily_task_twice_sends_one_mail_of_each_kind(life: Life) -> None:
    agreement = _sent(life, under_18=False)
    Agreement.objects.filter(pk=agreement.pk).update(sent_at=timezone.now() - 6 * DAY)
    Supervision.objects.create(placement=life.placement, teacher=life.reviewer)
    # The placement is past its start, within two weeks of its end, without contact moments.
    today = timezone.localdate()
    Placement.objects.filter(pk=life.placement.pk).update(
        start_date=today - 60 * DAY, end_date=today + 10 * DAY
    )
    mail.outbox.clear()
    followup_daily_task()
    followup_daily_task()
    outbox.dispatch()
    outbox.dispatch()
    sent = Counter((m.to[0], m.subject) for m in mail.outbox)
    assert sent and set(sent.values()) == {1}, sent
    kinds = Counter(OutboxMessage.objects.values_list("kind", flat=True))
    # POK reminders: student, company, school. Warning: the bpv-docent. Evaluation: the
    # student, the company and the bpv-docent, each an invitation and a reminder a week on.
    assert kinds == {"pok_reminder": 3, "contact_warning": 1, "evaluation": 6}
    assert len(mail.outbox) == 3 + 1 + 3  # the evaluation reminders wait a week
    subject = "Herinnering: de praktijkovereenkomst wacht op je handtekening"
    reminder = next(m for m in mail.outbox if m.subject == subject)
    assert "Sam Student bij Bakkerij Brood BV" in str(reminder.body)
    assert f"/stages/{life.placement.pk}/" in str(reminder.body)
    followup_daily_task()
    assert OutboxMessage.objects.count() == 10


def _read(life: Life) -> dict[str, str]:
    """What a signing form posts: the hash of the POK version the signer read."""
    return {"hash": Agreement.objects.get(placement=life.placement).snapshot_hash}
