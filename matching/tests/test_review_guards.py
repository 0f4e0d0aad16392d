"""Four eyes that know nothing of the student: the slb'er never reviews their own students'
matches, the learning wishes in the student's words are shown only on a logged request, and
the round says when it has too few reviewers."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from accounts.models import User
from matching.models import Approval, AuditEvent, Match, MatchStatus
from matching.selectors.review import alternatives, reviewer_shortage
from matching.selectors.rounds import approval_blockers
from matching.services import review
from matching.tests.conftest import World
from students.models import Student

WISH = "Ik wil webapplicaties leren bouwen en testen."


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _mentees(world: World) -> list[Match]:
    """Half of the students are counselled by reviewer 1: their matches."""
    own = [s.pk for s in world.students[::2]]
    Student.objects.filter(pk__in=own).update(counsellor=world.reviewer)
    return list(
        Match.objects.filter(round=world.round, profile__student__in=own, offer__isnull=False)
    )


def test_a_reviewer_is_never_offered_their_own_mentees(reviewed: World) -> None:
    mine = _mentees(reviewed)
    assert mine
    url = reverse("matching:review", kwargs={"pk": reviewed.round.pk})
    html = _client(reviewed.reviewer).get(url).content.decode()
    own = Match.objects.filter(round=reviewed.round, profile__student__counsellor=reviewed.reviewer)
    others = Match.objects.filter(round=reviewed.round).exclude(pk__in=own.values("pk"))
    assert others and all(m.pseudonym not in html for m in own)
    assert all(m.pseudonym in html for m in others)
    # A colleague is offered them.
    html2 = _client(reviewed.reviewer2).get(url).content.decode()
    assert all(m.pseudonym in html2 for m in mine)
    # Bulk approval by the counsellor leaves them out.
    review.match_bulk_approve(qs=reviewed.round.matches.all(), by=reviewed.reviewer)
    assert not Approval.objects.filter(match__in=mine, by=reviewed.reviewer).exists()


def test_a_reviewer_cannot_approve_move_or_object_to_their_mentee(reviewed: World) -> None:
    match = _mentees(reviewed)[0]
    client = _client(reviewed.reviewer)
    for name, data in [
        ("matching:match-approve", {}),
        ("matching:match-object", {"reason": "Ken ik"}),
        ("matching:match-wishes", {}),
    ]:
        response = client.post(reverse(name, kwargs={"pk": match.public_id}), data, follow=True)
        assert "Je begeleidt deze student als slb&#x27;er" in response.content.decode(), name
    option = next(iter(alternatives(match)), None)
    if option is not None:
        url = reverse("matching:match-move", kwargs={"pk": match.public_id})
        data = {"offer": option["offer_id"], "justification": "beter", "confirm_worse": "on"}
        client.post(url, data)
    with pytest.raises(ValidationError, match="begeleidt deze student"):
        review.match_approve(match=match, by=reviewed.reviewer)
    with pytest.raises(ValidationError, match="begeleidt deze student"):
        review.match_object(match=match, by=reviewed.reviewer, reason="x")
    match.refresh_from_db()
    assert match.status == MatchStatus.PROPOSED and match.changed_by_id is None
    assert not Approval.objects.filter(match=match).exists()
    assert not AuditEvent.objects.filter(match=match, actor=reviewed.reviewer).exists()
    # The detail page says why and offers no review action.
    page = client.get(reverse("matching:match-detail", kwargs={"pk": match.public_id}))
    html = page.content.decode()
    assert "Je begeleidt deze student als slb" in html
    assert reverse("matching:match-approve", kwargs={"pk": match.public_id}) not in html
    assert WISH not in html


def test_learning_wishes_are_shown_only_after_a_logged_request(reviewed: World) -> None:
    match = Match.objects.filter(round=reviewed.round, offer__isnull=False).first()
    assert match is not None
    client = _client(reviewed.reviewer2)
    detail = reverse("matching:match-detail", kwargs={"pk": match.public_id})
    html = client.get(detail).content.decode()
    assert WISH not in html and "Toon leerwens" in html
    assert not AuditEvent.objects.filter(action="wishes_shown").exists()  # GET never writes
    response = client.post(reverse("matching:match-wishes", kwargs={"pk": match.public_id}))
    assert response.status_code == 302
    assert WISH in client.get(detail).content.decode()
    assert (
        AuditEvent.objects.filter(
            action="wishes_shown", match=match, actor=reviewed.reviewer2
        ).count()
        == 1
    )
    # Someone else still sees them hidden.
    assert WISH not in _client(reviewed.coordinator).get(detail).content.decode()


def test_the_round_says_when_it_has_too_few_reviewers(reviewed: World) -> None:
    assert reviewer_shortage(reviewed.round) == 0
    # Left: the coordinator and the students' counsellor. The counsellor may not approve, so
    # every placed match has one possible approver.
    User.objects.filter(pk__in=[reviewed.reviewer.pk, reviewed.reviewer2.pk]).update(
        is_active=False
    )
    placed = reviewed.round.matches.filter(offer__isnull=False).count()
    assert reviewer_shortage(reviewed.round) == placed > 0
    assert any("te weinig beoordelaars" in b for b in approval_blockers(reviewed.round))
    url = reverse("matching:review", kwargs={"pk": reviewed.round.pk})
    html = _client(reviewed.coordinator).get(url).content.decode()
    assert "te weinig medewerkers die de student niet begeleiden" in html
