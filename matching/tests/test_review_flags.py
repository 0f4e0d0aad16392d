"""Four eyes that mean something: flagged matches are left out of the bulk approval and are
approved one by one from their page; the bulk approval is set-based; a worse move asks for a
confirmation and shows the difference."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Role, User
from matching.models import Approval, AuditEvent, Match, MatchStatus
from matching.selectors.flags import flag_reasons
from matching.selectors.review import alternatives, review_matches
from matching.services import review
from matching.tests.conftest import World
from students.models import LearningProfile, ProfileStatus, Student


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _placed(world: World) -> list[Match]:
    return list(Match.objects.filter(round=world.round, offer__isnull=False).order_by("pk"))


def test_flagged_matches_are_left_out_of_the_bulk_approval(
    reviewed: World, django_capture_on_commit_callbacks
) -> None:
    low, far, objected, *rest = _placed(reviewed)
    assert rest
    Match.objects.filter(pk=low.pk).update(score=10)  # below the round's threshold (50)
    Match.objects.filter(pk=far.pk).update(travel_minutes=25, max_travel_minutes=30)  # > 80 %
    review.match_object(match=objected, by=reviewed.reviewer2, reason="Te ver weg")
    assert flag_reasons(Match.objects.get(pk=low.pk)) == ["score onder de grens van de ronde"]
    assert flag_reasons(Match.objects.get(pk=far.pk)) == [
        "reistijd boven 80% van het maximum van de student"
    ]
    assert flag_reasons(Match.objects.get(pk=rest[0].pk)) == []

    url = reverse("matching:review", kwargs={"pk": reviewed.round.pk})
    client = _client(reviewed.reviewer)
    page = client.get(url).content.decode()
    assert f'name="count" value="{len(rest)}"' in page
    assert "3 gemarkeerde matches doen niet mee" in page
    with django_capture_on_commit_callbacks(execute=True):  # the job runs after the commit
        client.post(
            reverse("matching:review-bulk-approve", kwargs={"pk": reviewed.round.pk}),
            {"count": str(len(rest))},
        )
    assert f"{len(rest)} matches goedgekeurd" in client.get(url).content.decode()
    approved = set(Approval.objects.filter(by=reviewed.reviewer).values_list("match", flat=True))
    assert approved == {m.pk for m in rest}
    assert not Approval.objects.filter(by=reviewed.reviewer, opened=True).exists()

    # A flagged match is approved from its own page only, and the approval says it was opened.
    with pytest.raises(ValidationError, match="gemarkeerd"):
        review.match_approve(match=low, by=reviewed.reviewer)
    detail = reverse("matching:match-detail", kwargs={"pk": low.public_id})
    html = client.get(detail).content.decode()
    assert "score onder de grens van de ronde" in html
    client.post(reverse("matching:match-approve", kwargs={"pk": low.public_id}))
    approval = Approval.objects.get(match=low, by=reviewed.reviewer)
    assert approval.opened
    event = AuditEvent.objects.get(match=low, action="approved")
    assert event.detail["opened"] is True and event.detail["flags"]


def test_the_bulk_approval_refuses_when_the_selection_changed(reviewed: World) -> None:
    n = len(_placed(reviewed))
    with pytest.raises(ValidationError, match="De selectie is veranderd"):
        review.match_bulk_approve(
            qs=reviewed.round.matches.all(), by=reviewed.reviewer, expected=n + 1
        )
    assert not Approval.objects.exists()
    assert (
        review.match_bulk_approve(qs=reviewed.round.matches.all(), by=reviewed.reviewer, expected=n)
        == n
    )


def test_the_bulk_approval_takes_the_filtered_set(reviewed: World) -> None:
    placed = _placed(reviewed)
    one = placed[0]
    qs = review_matches(reviewed.round, {"q": one.pseudonym}, reviewed.reviewer)
    assert review.match_bulk_approve(qs=qs, by=reviewed.reviewer) == 1
    assert list(Approval.objects.values_list("match", flat=True)) == [one.pk]


def test_a_worse_move_shows_the_difference_and_needs_a_confirmation(reviewed: World) -> None:
    match = next(m for m in _placed(reviewed) if alternatives(m))
    # However good the alternatives, they are worse than a score of 99.
    Match.objects.filter(pk=match.pk).update(score=99, proposed_score=99)
    match.refresh_from_db()
    option = alternatives(match)[0]
    assert option["worse"] and option["score_diff"] < 0
    client = _client(reviewed.reviewer)
    html = client.get(reverse("matching:match-detail", kwargs={"pk": match.public_id})).content
    assert f"({option['score_diff']:+.1f})" in html.decode()
    with pytest.raises(ValidationError, match="Bevestig"):
        review.match_move(
            match=match,
            offer_id=option["offer_id"],
            by=reviewed.reviewer,
            justification="Dichterbij",
        )
    if option["free"] < 1:
        return
    review.match_move(
        match=match,
        offer_id=option["offer_id"],
        by=reviewed.reviewer,
        justification="Dichterbij",
        confirmed=True,
    )
    reasons = flag_reasons(Match.objects.get(pk=match.pk))
    assert "verplaatst" in reasons
    assert "verplaatsing verlaagde de score of verlengde de reistijd" in reasons
    moved = AuditEvent.objects.get(match=match, action="moved")
    assert moved.detail["score_diff"] == option["score_diff"]


def _add_matches(world: World, n: int, tag: str) -> None:
    """`n` more placed matches in the round (rows made directly: this is about the bulk
    approval, not the engine)."""
    inst = world.round.institution
    users = User.objects.bulk_create(
        [
            User(email=f"bulk-{tag}-{i}@example.nl", role=Role.STUDENT, institution=inst)
            for i in range(n)
        ]
    )
    students = Student.objects.bulk_create(
        [
            Student(user=u, programme=world.programme, student_number=f"B{tag}{i}", cohort=2026)
            for i, u in enumerate(users)
        ]
    )
    profiles = LearningProfile.objects.bulk_create(
        [LearningProfile(student=s, status=ProfileStatus.SUBMITTED) for s in students]
    )
    Match.objects.bulk_create(
        [
            Match(
                round=world.round,
                profile=p,
                offer=world.offers[0],
                pseudonym=f"S-{tag}{i}",
                score=70,
                travel_minutes=5,
                max_travel_minutes=30,
                proposed_score=70,
                proposed_travel_minutes=5,
            )
            for i, p in enumerate(profiles)
        ]
    )


def _bulk_queries(world: World, by: User) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as ctx:
        n = review.match_bulk_approve(qs=world.round.matches.all(), by=by)
    return n, len(ctx.captured_queries)


MAX_QUERIES = 12


@pytest.mark.parametrize("size", [10, 100])
def test_the_bulk_approval_takes_a_bounded_number_of_queries(
    reviewed: World, size: int, django_assert_max_num_queries
) -> None:
    Match.objects.filter(round=reviewed.round).delete()
    _add_matches(reviewed, size, "q")
    with django_assert_max_num_queries(MAX_QUERIES):
        assert (
            review.match_bulk_approve(qs=reviewed.round.matches.all(), by=reviewed.reviewer) == size
        )
    # The second approval completes them: still the same bound.
    with django_assert_max_num_queries(MAX_QUERIES):
        assert (
            review.match_bulk_approve(qs=reviewed.round.matches.all(), by=reviewed.reviewer2)
            == size
        )
    assert Match.objects.filter(round=reviewed.round, status=MatchStatus.APPROVED).count() == size
    assert AuditEvent.objects.filter(action="approved", detail__bulk=True).count() == 2 * size


def test_bulk_approval_queries_per_size(reviewed: World) -> None:
    """Figures: the queries of one bulk approval at 10, 100 and 1000 matches."""
    figures = {}
    for size, tag in ((10, "a"), (100, "b"), (1000, "c")):
        Match.objects.filter(round=reviewed.round).delete()
        _add_matches(reviewed, size, tag)
        figures[size] = _bulk_queries(reviewed, reviewed.reviewer)
        assert figures[size][0] == size
    print("\nbulk approval (matches: queries):", {k: v[1] for k, v in figures.items()})
    assert figures[10][1] == figures[100][1]
    # Two batches of 500; SQLite splits each insert by its limit of parameters per query.
    assert figures[1000][1] <= 3 * figures[100][1]


def test_a_match_back_to_a_company_that_refused_the_student_is_flagged_and_not_bulk_approved(
    reviewed: World,
) -> None:
    """A follow-up round's engine knows nothing of an earlier refusal: the reviewers see it,
    and such a match is never approved in bulk."""
    from followup.services.ending import company_refuse
    from followup.tests.conftest import make_placement

    match, other, *_ = _placed(reviewed)
    assert match.offer is not None
    student = match.profile.student
    earlier = make_placement(student, match.offer, by=reviewed.coordinator)
    company_refuse(placement=earlier, text="Past niet in het team", by=reviewed.coordinator)

    reasons = flag_reasons(Match.objects.get(pk=match.pk))
    assert any("weigerde deze student eerder" in r for r in reasons)
    assert not any("weigerde" in r for r in flag_reasons(Match.objects.get(pk=other.pk)))
    review.match_bulk_approve(
        qs=review_matches(reviewed.round, {}, reviewed.reviewer), by=reviewed.reviewer
    )
    assert not Approval.objects.filter(match=match).exists()
    assert Approval.objects.filter(match=other, by=reviewed.reviewer).exists()


def test_the_match_page_and_round_log_read_as_words_not_stored_values(reviewed: World) -> None:
    match = _placed(reviewed)[0]
    client = _client(reviewed.reviewer)
    page = client.get(reverse("matching:match-detail", kwargs={"pk": match.public_id}))
    html = page.content.decode()
    assert "Fiets" in html and "· bike ·" not in html
    assert "1 februari 2027" in html and "2027-02-01" not in html
    log = client.get(reverse("matching:round-detail", kwargs={"pk": reviewed.round.pk}))
    html = log.content.decode()
    assert "ronde aangemaakt" in html and "round_created" not in html
