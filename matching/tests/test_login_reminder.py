"""Before the release moment: the count of students seen lately and the "log alvast in"
reminder. Neither may say anything about the result."""

from __future__ import annotations

import datetime as dt
import re
from html import escape
from urllib.parse import urlsplit

from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts import outbox
from accounts.models import OutboxMessage, OutboxStatus, User
from matching.models import Round
from matching.tests.conftest import World
from matching.tests.test_rounds import _release


def _seen(world: World, rnd: Round, placed: int, unplaced: int) -> None:
    """Mark `placed` placed and `unplaced` unplaced students of the round as seen 3 days ago,
    and everybody else 20 days ago (outside the 14-day window)."""
    User.objects.filter(student__in=world.students).update(
        last_seen_at=timezone.now() - dt.timedelta(days=20)
    )
    with_offer = rnd.matches.filter(offer__isnull=False).values_list(
        "profile__student__user_id", flat=True
    )
    without = rnd.matches.filter(offer__isnull=True).values_list(
        "profile__student__user_id", flat=True
    )
    ids = list(with_offer[:placed]) + list(without[:unplaced])
    User.objects.filter(pk__in=ids).update(last_seen_at=timezone.now() - dt.timedelta(days=3))


def _section(page: str) -> str:
    found = re.search(r"Klaar voor de bekendmaking</h2>(.*?)<h2", page, re.S)
    assert found is not None, "no presence section on the round page"
    return found.group(1)


def _result_words(world: World, rnd: Round) -> list[str]:
    """Everything that would give a result away: companies, offers, names, placement words."""
    words = [c.company.legal_name for c in world.contacts]
    words += [s.user.full_name for s in world.students]
    words += ["geplaatst", "stageplek bij", "niet geplaatst", "bedrijf"]
    return words


def test_the_round_page_counts_students_seen_in_14_days_before_the_release_only(
    reviewed: World,
) -> None:
    rnd = _release(reviewed, at=timezone.now() + dt.timedelta(days=3))
    assert rnd.matches.filter(offer__isnull=True).exists(), "the world has an unplaced student"
    _seen(reviewed, rnd, placed=1, unplaced=1)
    staff = Client()
    staff.force_login(reviewed.coordinator)
    url = reverse("matching:round-detail", kwargs={"pk": rnd.pk})
    section = _section(staff.get(url).content.decode())
    # Over all the round's students, placed or not: the count says nothing about the result.
    assert "2 van de 6 studenten van deze ronde" in section
    for word in _result_words(reviewed, rnd):
        assert escape(word) not in section, word
    # A reviewer does not get the block; after the moment nobody does.
    reviewer = Client()
    reviewer.force_login(reviewed.reviewer)
    assert "Klaar voor de bekendmaking" not in reviewer.get(url).content.decode()
    Round.objects.filter(pk=rnd.pk).update(release_at=timezone.now() - dt.timedelta(seconds=1))
    assert "Klaar voor de bekendmaking" not in staff.get(url).content.decode()


def test_the_reminder_goes_once_a_day_ahead_to_unseen_students_and_reveals_no_result(
    reviewed: World,
) -> None:
    release_at = timezone.now() + dt.timedelta(days=3)
    rnd = _release(reviewed, at=release_at)
    _seen(reviewed, rnd, placed=2, unplaced=0)
    staff = Client()
    staff.force_login(reviewed.coordinator)
    send = reverse("matching:login-reminder", kwargs={"pk": rnd.pk})
    assert staff.post(send).status_code == 302
    assert staff.post(send).status_code == 302  # twice: still one message per student
    reminders = OutboxMessage.objects.filter(kind="login_reminder")
    assert reminders.count() == 4
    assert set(reminders.values_list("send_after", flat=True)) == {
        release_at - dt.timedelta(days=1)
    }
    # Nothing is sent in the request, nor before the day ahead.
    assert mail.outbox == []
    assert outbox.dispatch() == 0
    assert outbox.dispatch(now=release_at - dt.timedelta(hours=23)) == 4
    bodies = {}
    for message in mail.outbox:
        user = User.objects.get(email=message.to[0])
        bodies[user.pk] = message.body.replace(user.get_short_name(), "NAAM")
        assert message.subject == "Log alvast in: morgen hoor je waar je stage loopt"
    # The same text for a placed and an unplaced student, with no trace of the result.
    assert len(set(bodies.values())) == 1
    body = next(iter(bodies.values()))
    assert "/account/inloggen/?next=%2Fmatching%2Fmijn-stage%2F" in body
    for word in _result_words(reviewed, rnd):
        assert word not in body, word
    unplaced_user = rnd.matches.get(offer__isnull=True).profile.student.user_id
    assert unplaced_user in bodies


def test_the_reminder_needs_a_release_moment_ahead_and_a_coordinator(reviewed: World) -> None:
    rnd = reviewed.refresh()
    url = reverse("matching:login-reminder", kwargs={"pk": rnd.pk})
    staff = Client()
    staff.force_login(reviewed.coordinator)
    assert staff.get(url).status_code == 405
    page = staff.post(url, follow=True).content.decode()
    assert "kan pas als het moment van bekendmaking vastligt" in page
    assert not OutboxMessage.objects.filter(kind="login_reminder").exists()
    reviewer = Client()
    reviewer.force_login(reviewed.reviewer)
    assert reviewer.post(url).status_code == 403


def test_a_reminder_still_waiting_at_the_release_moment_is_not_sent(reviewed: World) -> None:
    release_at = timezone.now() + dt.timedelta(days=3)
    rnd = _release(reviewed, at=release_at)
    staff = Client()
    staff.force_login(reviewed.coordinator)
    staff.post(reverse("matching:login-reminder", kwargs={"pk": rnd.pk}))
    Round.objects.filter(pk=rnd.pk).update(release_at=timezone.now() - dt.timedelta(seconds=1))
    outbox.dispatch(now=release_at)
    reminders = OutboxMessage.objects.filter(kind="login_reminder")
    assert set(reminders.values_list("status", flat=True)) == {OutboxStatus.CANCELLED}
    assert not [m for m in mail.outbox if "Log alvast in" in m.subject]


def test_the_release_mail_link_leads_through_the_login_straight_to_the_result(
    reviewed: World,
) -> None:
    rnd = _release(reviewed)
    outbox.dispatch()
    student = rnd.matches.filter(offer__isnull=False).first()
    assert student is not None
    user = student.profile.student.user
    message = next(m for m in mail.outbox if m.to == [user.email])
    link = re.search(r"https?://\S+/matching/mijn-stage/", str(message.body))
    assert link is not None
    client = Client()
    to_login = client.get(urlsplit(link.group(0)).path)
    assert to_login.status_code == 302
    login_url = to_login["Location"]
    assert login_url.startswith(reverse("accounts:login")) and "next=" in login_url
    form = {"username": user.email, "password": "geheim-wachtwoord-123"}
    landed = client.post(login_url, form)
    assert landed["Location"] == reverse("matching:result")
