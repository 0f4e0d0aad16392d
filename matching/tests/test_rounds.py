from __future__ import annotations

import datetime as dt
import re
import threading
from html import escape

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts import outbox
from accounts.models import OutboxMessage, OutboxStatus
from accounts.tenancy import school_scope
from followup.models import IntroMeeting as FollowupMeeting
from matching.models import (
    Approval,
    AuditEvent,
    IntroMeeting,
    Match,
    MatchStatus,
    Notification,
    Objection,
    Round,
    RoundCapacity,
    RoundStatus,
    Run,
    RunStatus,
)
from matching.selectors.review import alternatives
from matching.selectors.snapshot import round_snapshot
from matching.services import (
    notifications,
    objections,
    review,
    rounds,
    rounds_moves,
    rounds_release,
    runs,
)
from matching.tests.conftest import World, build_world, to_review
from placements.models import Placement
from students.models import LearningProfile


def _release(world: World, at: dt.datetime | None = None) -> Round:
    rnd = world.refresh()
    review.match_bulk_approve(qs=rnd.matches.all(), by=world.coordinator)
    review.match_bulk_approve(qs=rnd.matches.all(), by=world.reviewer)
    rounds_release.round_approve(round=rnd, by=world.coordinator)
    return rounds_release.round_release(
        round=rnd, at=at or timezone.now(), by=world.coordinator, confirmed=True
    )


# --- runs -----------------------------------------------------------------------------------------


def test_run_records_snapshot_seed_version_and_replays_identically(reviewed: World) -> None:
    run = reviewed.round.chosen_run
    assert run is not None
    assert run.status == RunStatus.DONE and run.seed >= 0 and len(run.input_sha256) == 64
    assert run.engine_version and run.output["assignments"] and run.quality["placed"] == 5
    # The snapshot carries objective fields only: no name, e-mail or student number.
    text = str(run.snapshot)
    for s in reviewed.students:
        assert (
            s.user.full_name not in text
            and s.user.email not in text
            and s.student_number not in text
        )
    assert runs.run_replay(run=run, by=reviewed.reviewer) is True
    Run.objects.filter(pk=run.pk).update(output_sha256="0" * 64)
    run.refresh_from_db()
    assert runs.run_replay(run=run, by=reviewed.reviewer) is False
    assert AuditEvent.objects.filter(action="run_replayed", detail__identical=True).exists()


def test_seed_is_drawn_before_the_run_and_a_run_starts_once(reviewed: World) -> None:
    run = runs.run_prepare(round=reviewed.round, by=reviewed.coordinator)
    assert run.status == RunStatus.READY and run.seed is not None and run.output == {}
    runs.run_start(run=run, by=reviewed.coordinator)
    with pytest.raises(ValidationError, match="al gestart"):
        runs.run_start(run=run, by=reviewed.coordinator)
    assert runs.run_execute(run_id=run.pk) is True
    assert runs.run_execute(run_id=run.pk) is False  # a retried task does nothing


# --- four eyes ------------------------------------------------------------------------------------


def test_two_different_people_must_approve(reviewed: World) -> None:
    match = reviewed.round.matches.filter(offer__isnull=False).first()
    assert match is not None
    review.match_approve(match=match, by=reviewed.reviewer)
    with pytest.raises(ValidationError, match="al goedgekeurd"):
        review.match_approve(match=match, by=reviewed.reviewer)
    assert Match.objects.get(pk=match.pk).status == MatchStatus.PROPOSED
    review.match_approve(match=match, by=reviewed.reviewer2)
    assert Match.objects.get(pk=match.pk).status == MatchStatus.APPROVED


@pytest.mark.django_db
def test_whoever_changed_a_match_cannot_be_its_second_approver() -> None:
    reviewed = build_world(capacities=(3, 2, 2))  # one place left over
    to_review(reviewed)
    rnd = reviewed.refresh()
    match, free = next(
        (m, a)
        for m in rnd.matches.filter(offer__isnull=False)
        for a in alternatives(m)
        if a["free"] > 0
    )
    review.match_move(
        match=match,
        offer_id=free["offer_id"],
        by=reviewed.reviewer,
        justification="Dichterbij",
        confirmed=True,
    )
    match.refresh_from_db()
    assert match.changed_by == reviewed.reviewer and match.approvals.count() == 0
    # A moved match is flagged: approved from its own page only.
    review.match_approve(match=match, by=reviewed.reviewer2, opened=True)
    with pytest.raises(ValidationError, match="zelf gewijzigd"):
        review.match_approve(match=match, by=reviewed.reviewer, opened=True)
    review.match_approve(match=match, by=reviewed.coordinator, opened=True)
    assert Match.objects.get(pk=match.pk).status == MatchStatus.APPROVED
    assert AuditEvent.objects.filter(
        match=match, action="moved", detail__justification="Dichterbij"
    ).exists()


def test_move_needs_justification_eligibility_and_room(reviewed: World) -> None:
    match = reviewed.round.matches.filter(offer__isnull=False).first()
    assert match is not None
    with pytest.raises(ValidationError, match="waarom"):
        review.match_move(
            match=match, offer_id=reviewed.offers[0].pk, by=reviewed.reviewer, justification=" "
        )
    with pytest.raises(ValidationError, match="past niet"):
        review.match_move(match=match, offer_id=999999, by=reviewed.reviewer, justification="x")
    full = [a for a in alternatives(match) if a["free"] <= 0]
    if full:
        with pytest.raises(ValidationError, match="vol"):
            review.match_move(
                match=match,
                offer_id=full[0]["offer_id"],
                by=reviewed.reviewer,
                justification="x",
                confirmed=True,
            )


def test_objection_needs_a_reason_and_clears_approvals(reviewed: World) -> None:
    match = reviewed.round.matches.filter(offer__isnull=False).first()
    assert match is not None
    review.match_approve(match=match, by=reviewed.reviewer)
    with pytest.raises(ValidationError):
        review.match_object(match=match, by=reviewed.reviewer2, reason="")
    review.match_object(match=match, by=reviewed.reviewer2, reason="Reistijd klopt niet")
    match.refresh_from_db()
    assert match.status == MatchStatus.OBJECTED and not match.approvals.exists()


def test_release_needs_every_match_approved_twice(reviewed: World) -> None:
    with pytest.raises(ValidationError, match="twee goedkeuringen"):
        rounds_release.round_approve(round=reviewed.round, by=reviewed.coordinator)
    _release(reviewed)
    assert reviewed.refresh().status == RoundStatus.RELEASED


@pytest.mark.django_db(transaction=True)
def test_parallel_moves_never_overfill_an_offer() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("row locks are only meaningful on PostgreSQL (CI runs this)")
    world = build_world(n_students=16, capacities=(8, 8, 1))
    to_review(world)
    rnd = world.refresh()
    target = world.offers[2]  # one place
    Match.objects.filter(round=rnd, offer=target).update(offer=world.offers[0])
    RoundCapacity.objects.filter(round=rnd, offer=target).update(used=0)
    movers = list(rnd.matches.exclude(offer=target).filter(offer__isnull=False)[:12])
    barrier = threading.Barrier(len(movers))
    results: list[str] = []

    def move(match: Match) -> None:
        try:
            barrier.wait()
            # A thread starts without a scope; a request would run in the reviewer's school.
            with school_scope(rnd.institution_id):
                review.match_move(
                    match=match,
                    offer_id=target.pk,
                    by=world.reviewer,
                    justification="test",
                    confirmed=True,
                )
            results.append("ok")
        except ValidationError:
            results.append("full")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=move, args=(m,)) for m in movers]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert Match.objects.filter(round=rnd, offer=target).count() == 1
    assert results.count("ok") == 1 and results.count("full") == len(movers) - 1


def test_the_database_itself_refuses_an_overfilled_offer(reviewed: World) -> None:
    from django.db import IntegrityError, transaction
    from django.db.models import F

    cap = RoundCapacity.objects.filter(round=reviewed.round).first()
    assert cap is not None
    with pytest.raises(IntegrityError), transaction.atomic():
        RoundCapacity.objects.filter(pk=cap.pk).update(used=F("capacity") + 1)


# --- pseudonymous review --------------------------------------------------------------------------


def test_review_pages_show_no_personal_data(reviewed: World) -> None:
    client = Client()
    client.force_login(reviewed.reviewer)
    pages = [
        reverse("matching:review", kwargs={"pk": reviewed.round.pk}),
        reverse("matching:round-detail", kwargs={"pk": reviewed.round.pk}),
    ]
    pages += [
        reverse("matching:match-detail", kwargs={"pk": m.public_id})
        for m in reviewed.round.matches.all()
    ]
    pages.append(reverse("matching:export", kwargs={"pk": reviewed.round.pk}))
    for url in pages:
        html = client.get(url).getvalue().decode()
        for s in reviewed.students:
            for personal in (s.user.full_name, s.user.email, s.student_number, "Geheime"):
                assert personal not in html, (url, personal)
    html = client.get(reverse("matching:review", kwargs={"pk": reviewed.round.pk})).content.decode()
    assert all(m.pseudonym in html for m in reviewed.round.matches.all())


def test_identity_reveal_needs_a_reason_and_is_logged(reviewed: World) -> None:
    match = reviewed.round.matches.first()
    assert match is not None
    with pytest.raises(ValidationError):
        review.identity_reveal(match=match, by=reviewed.coordinator, reason="")
    name = review.identity_reveal(
        match=match, by=reviewed.coordinator, reason="Zorgcoördinator volgt op"
    )
    assert name.startswith("Geheime Naam")
    assert AuditEvent.objects.filter(
        action="identity_revealed", detail__reason="Zorgcoördinator volgt op"
    ).exists()
    client = Client()
    client.force_login(reviewed.reviewer)
    assert (
        client.post(
            reverse("matching:match-reveal", kwargs={"pk": match.public_id}), {"reason": "x"}
        ).status_code
        == 403
    )


# --- the embargo ----------------------------------------------------------------------------------


def test_nothing_leaks_before_the_release_moment(reviewed: World) -> None:
    later = timezone.now() + dt.timedelta(hours=2)
    rnd = _release(reviewed, at=later)
    assert rnd.status == RoundStatus.RELEASED and not rnd.is_released()
    placed = (
        rnd.matches.filter(offer__isnull=False)
        .select_related("offer__company", "profile__student__user")
        .first()
    )
    assert placed is not None and placed.offer is not None
    student, company = placed.profile.student, placed.offer.company
    client = Client()
    client.force_login(student.user)
    for url in (reverse("matching:result"), reverse("students:home")):
        assert escape(company.legal_name) not in client.get(url).content.decode()
    assert company.legal_name not in client.get(reverse("students:my-data")).content.decode()
    contact = next(c for c in reviewed.contacts if c.company_id == company.pk)
    client.force_login(contact.user)
    assert (
        escape(student.user.full_name)
        not in client.get(reverse("matching:company-results")).content.decode()
    )
    # The mail is queued for the moment, and not sent before it.
    assert outbox.dispatch() == 0 and mail.outbox == []
    assert rnd.release_at is not None
    assert OutboxMessage.objects.filter(send_after=rnd.release_at).count() == 6 + 1 + 3
    staff = Client()
    staff.force_login(reviewed.coordinator)
    assert (
        student.user.full_name
        not in staff.get(reverse("matching:export", kwargs={"pk": rnd.pk})).getvalue().decode()
    )
    # From the moment on, every route shows it, without any worker having run. (The moment is
    # moved back instead of waiting: the round's and its placements', which release set alike.)
    moment = timezone.now() - dt.timedelta(seconds=1)
    Round.objects.filter(pk=rnd.pk).update(release_at=moment)
    Placement.objects.filter(match__round=rnd).update(visible_from=moment)
    client.force_login(student.user)
    assert escape(company.legal_name) in client.get(reverse("matching:result")).content.decode()
    assert company.legal_name in client.get(reverse("students:my-data")).content.decode()
    client.force_login(contact.user)
    assert (
        escape(student.user.full_name)
        in client.get(reverse("matching:company-results")).content.decode()
    )


# --- notifications: exactly once ------------------------------------------------------------------


def test_release_mail_goes_to_everyone_once_at_the_moment(reviewed: World) -> None:
    rnd = _release(reviewed)
    sent = outbox.dispatch()
    recipients = [m.to[0] for m in mail.outbox]
    assert sent == len(recipients) == len(set(recipients))
    expected = {s.user.email for s in reviewed.students} | {reviewed.counsellor.email}
    expected |= {
        c.user.email
        for c in reviewed.contacts
        if rnd.matches.filter(offer__company=c.company).exists()
    }
    assert set(recipients) == expected
    assert {m.subject for m in mail.outbox} == {
        "Je stagematch is bekend",
        "De stagematches zijn bekend",
    }
    # A retried task, a second worker, creating the messages again: nothing goes out twice.
    assert outbox.dispatch() == 0
    notifications.notifications_create(rnd)
    assert outbox.dispatch() == 0 and len(mail.outbox) == len(recipients)
    assert Notification.objects.filter(round=rnd).count() == len(recipients)
    assert notifications.mail_counts(rnd)[OutboxStatus.SENT] == len(recipients)


def test_a_refused_release_mail_is_shown_on_the_round_and_can_be_sent_again(
    reviewed: World, settings
) -> None:
    from accounts.tests import smtp

    server, box, port = smtp.start()
    for key, value in smtp.smtp_settings(port).items():
        setattr(settings, key, value)
    try:
        bad = reviewed.students[0].user
        bad.email = "permanent-refusal@example.nl"
        bad.save()
        rnd = _release(reviewed)
        outbox.dispatch()
        assert box.connections == 1
        assert notifications.mail_counts(rnd)[OutboxStatus.FAILED] == 1
        client = Client()
        client.force_login(reviewed.coordinator)
        page = client.get(reverse("matching:round-detail", kwargs={"pk": rnd.pk})).content.decode()
        assert "1 mislukt" in page and "permanent-refusal@example.nl: 550" in page
        bad.email = "student-fixed@example.nl"
        bad.save()
        assert notifications.notifications_retry_failed(round=rnd, by=reviewed.coordinator) == 1
        outbox.dispatch()
        assert notifications.unsent_count(rnd) == 0
        assert [r for _s, r, _b in box.messages].count(["student-fixed@example.nl"]) == 1
    finally:
        server.shutdown()
        server.server_close()


# --- after release --------------------------------------------------------------------------------


def test_student_sees_match_explanation_and_can_object_once_in_time(reviewed: World) -> None:
    rnd = _release(reviewed)
    match = (
        rnd.matches.filter(offer__isnull=False)
        .select_related("profile__student__user", "offer__company")
        .first()
    )
    assert match is not None and match.offer is not None
    client = Client()
    client.force_login(match.profile.student.user)
    html = client.get(reverse("matching:result")).content.decode()
    assert (
        escape(match.offer.company.legal_name) in html
        and "je koos" in html
        and "sollicitatie" in html
    )
    client.post(reverse("matching:result"), {"reason": "Ik kan daar niet komen met de fiets"})
    assert Objection.objects.get(match=match).reason.startswith("Ik kan")
    with pytest.raises(ValidationError, match="al bezwaar"):
        objections.objection_file(match=match, reason="nog eens")
    assert rnd.release_at is not None
    late = rnd.release_at + dt.timedelta(days=rnd.objection_days, minutes=1)
    other = rnd.matches.exclude(pk=match.pk).first()
    assert other is not None
    with pytest.raises(ValidationError, match="termijn"):
        objections.objection_file(match=other, reason="te laat", now=late)
    objection = Objection.objects.get(match=match)
    objections.objection_decide(
        objection=objection, upheld=False, answer="We bellen je morgen.", by=reviewed.coordinator
    )
    assert "We bellen je morgen." in client.get(reverse("matching:result")).content.decode()


def test_unplaced_student_hears_why_and_follow_up_round_offers_what_is_left(
    reviewed: World,
) -> None:
    rnd = _release(reviewed)
    unplaced = (
        rnd.matches.filter(offer__isnull=True).select_related("profile__student__user").first()
    )
    assert unplaced is not None
    client = Client()
    client.force_login(unplaced.profile.student.user)
    page = client.get(reverse("matching:result")).content.decode()
    assert "die bij je passen, zijn al bezet." in page or "die bij je past, is al bezet." in page
    follow = rounds.follow_up_create(round=rnd, by=reviewed.coordinator)
    rounds_moves.round_open_intake(round=follow, by=reviewed.coordinator)
    snap = round_snapshot(follow)
    assert [s["id"] for s in snap["students"]] == [str(unplaced.profile_id)]
    assert sum(o["capacity"] for o in snap["offers"]) == 0 or all(
        o["capacity"] > 0 for o in snap["offers"]
    )


def test_company_sees_only_what_it_needs_and_proposes_the_intro_meeting(reviewed: World) -> None:
    rnd = _release(reviewed)
    match = (
        rnd.matches.filter(offer__isnull=False)
        .select_related("offer__company", "profile__student__user")
        .first()
    )
    assert match is not None and match.offer is not None
    contact = next(c for c in reviewed.contacts if c.company_id == match.offer.company_id)
    client = Client()
    client.force_login(contact.user)
    html = client.get(reverse("matching:company-results")).content.decode()
    student = match.profile.student
    assert escape(student.user.full_name) in html and student.user.email in html
    assert student.student_number not in html and "6511" not in html  # no number, no postcode
    client.post(
        reverse("matching:intro-request", kwargs={"pk": match.pk}),
        {"proposed_at": "2027-01-20T10:00", "note": "Kantoor"},
    )
    # One record of the meeting: the placement's, where the student answers.
    meeting = FollowupMeeting.objects.get(placement=match.placement)
    assert (meeting.note, meeting.status, meeting.moments.count()) == ("Kantoor", "proposed", 1)
    assert not IntroMeeting.objects.exists()  # the old request model is no longer written
    html = client.get(reverse("matching:company-results")).content.decode()
    assert "Kennismakingsgesprek: Voorgesteld" in html
    assert reverse("followup:detail", args=[match.placement_id]) in html
    student_client = Client()
    student_client.force_login(student.user)
    html = student_client.get(reverse("matching:result")).content.decode()
    assert "Kennismakingsgesprek: Voorgesteld" in html and "Kantoor" in html
    other = (
        Match.objects.filter(round=rnd, offer__isnull=False)
        .exclude(offer__company=contact.company)
        .first()
    )
    assert other is not None
    if other:
        assert (
            client.post(
                reverse("matching:intro-request", kwargs={"pk": other.pk}),
                {"proposed_at": "2027-01-20T10:00"},
            ).status_code
            == 404
        )


def test_intro_note_goes_through_the_wording_check(reviewed: World) -> None:
    rnd = _release(reviewed)
    match = rnd.matches.filter(offer__isnull=False).select_related("offer").first()
    assert match is not None and match.offer is not None
    contact = next(c for c in reviewed.contacts if c.company_id == match.offer.company_id)
    client = Client()
    client.force_login(contact.user)
    url = reverse("matching:intro-request", kwargs={"pk": match.pk})
    # A selection step is refused, with what to write instead; nothing is stored.
    response = client.post(
        url, {"proposed_at": "2027-01-20T10:00", "note": "Neem je cv mee."}, follow=True
    )
    assert "Pas de toelichting aan" in response.content.decode()
    assert not FollowupMeeting.objects.filter(placement=match.placement).exists()
    # A "let op" word is saved, with a tip.
    response = client.post(
        url, {"proposed_at": "2027-01-20T10:00", "note": "Je bent flexibel."}, follow=True
    )
    assert "Tip voor je toelichting" in response.content.decode()
    assert FollowupMeeting.objects.get(placement=match.placement).note == "Je bent flexibel."


def test_transparency_page_is_public_and_shows_aggregates_only_after_release(
    reviewed: World,
) -> None:
    url = reverse("matching:transparency", kwargs={"institution": reviewed.round.institution.slug})
    html = Client().get(url).content.decode()
    assert (
        "Waar het programma nooit naar kijkt" in html and "Nog geen bekendgemaakte rondes" in html
    )
    _release(reviewed)
    html = Client().get(url).content.decode()
    assert reviewed.round.name in html
    for s in reviewed.students:
        assert s.user.full_name not in html


def test_coordinator_journey_through_views(
    world: World, django_capture_on_commit_callbacks
) -> None:
    client = Client()
    client.force_login(world.coordinator)
    base = {"pk": world.round.pk}
    client.post(reverse("matching:round-open-intake", kwargs=base))
    client.post(reverse("matching:round-approve", kwargs=base))  # not in this phase: refused
    assert world.refresh().status == "intake"
    # Closing the intake and preparing a run are background jobs, run after the commit.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("matching:round-close-intake", kwargs=base))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("matching:run-prepare", kwargs=base))
    run = world.round.runs.get()
    page = client.get(reverse("matching:round-detail", kwargs=base)).content.decode()
    # The lottery's commitment is shown before the run starts; the seed only at the release.
    assert world.refresh().seed_commitment in page and str(run.seed) not in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("matching:run-start", kwargs={"pk": run.pk}))
    assert (
        client.get(reverse("matching:run-status", kwargs={"pk": run.pk})).json()["progress"] == 100
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("matching:run-choose", kwargs={"pk": run.pk}))
    assert world.refresh().status == "review"
    n_placed = str(world.round.matches.filter(offer__isnull=False).count())
    for user in (world.coordinator, world.reviewer):
        client.force_login(user)
        page = client.get(reverse("matching:review", kwargs=base)).content.decode()
        assert f'name="count" value="{n_placed}"' in page  # the number asked to confirm
        data = {"params": "", "count": n_placed}
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("matching:review-bulk-approve", kwargs=base), data)
    assert not world.round.matches.filter(offer__isnull=False).exclude(status="approved").exists()
    assert (
        Approval.objects.filter(match__round=world.round).count()
        == 2 * world.round.matches.filter(offer__isnull=False).count()
    )
    client.force_login(world.coordinator)
    client.post(reverse("matching:round-approve", kwargs=base))
    with django_capture_on_commit_callbacks(execute=True):
        release = reverse("matching:round-release", kwargs=base)
        client.post(release, {"when": "now", "confirm": "on"})
    assert world.refresh().is_released()


def test_students_who_did_not_submit_are_not_in_the_allocation(reviewed: World) -> None:
    LearningProfile.objects.filter(student=reviewed.students[0]).update(status="draft")
    snap = round_snapshot(reviewed.round)
    assert str(reviewed.students[0].profile.pk) not in [s["id"] for s in snap["students"]]


def test_in_app_notification_appears_after_release_and_is_read_on_the_result_page(
    reviewed: World,
) -> None:
    rnd = _release(reviewed)
    notifications.notifications_create(rnd)
    placed = rnd.matches.filter(offer__isnull=False).first()
    assert placed is not None
    student = placed.profile.student
    client = Client()
    client.force_login(student.user)
    assert "Nieuw: de uitslag van" in client.get(reverse("students:home")).content.decode()
    # The result page marks it read with a POST it sends itself (GET never writes).
    page = client.get(reverse("matching:result")).content.decode()
    mark_read = re.search(r'data-mark-read="([^"]+)"', page)
    assert mark_read is not None
    assert "Nieuw: de uitslag van" in client.get(reverse("students:home")).content.decode()
    client.post(mark_read.group(1), HTTP_X_REQUESTED_WITH="fetch")
    assert "Nieuw: de uitslag van" not in client.get(reverse("students:home")).content.decode()
