"""Before the release moment: how many of a round's students were active lately.

A student still logged in (a session lasts 14 days) sees the result at the release moment
without a new login; the fewer logins at that moment, the less everyone waits. The counts say
nothing about the result: they are over all the round's students, placed or not.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from accounts.models import OutboxMessage, User
from accounts.outbox import counts
from matching.models import Round, RoundStatus

from .population import round_population

SEEN_WINDOW = dt.timedelta(days=14)
BEFORE_RELEASE = (
    RoundStatus.INTAKE,
    RoundStatus.PREFERENCES,
    RoundStatus.ALLOCATING,
    RoundStatus.REVIEW,
    RoundStatus.APPROVED,
    RoundStatus.RELEASED,
)


@dataclass(frozen=True)
class Presence:
    total: int
    seen: int
    # The "log alvast in" reminder: possible once the release moment is fixed and ahead.
    reminder_possible: bool
    # The reminder mails of this round: sent, pending, sending, failed, cancelled.
    reminders: dict[str, int]


def reminder_topic(rnd: Round) -> str:
    """The reminders' own outbox topic: the round's release-mail counts leave them out."""
    return f"round-login:{rnd.pk}"


def round_student_users(rnd: Round) -> QuerySet[User]:
    """The round's students as users: those with a match once a run is chosen, before that
    the students taking part."""
    if rnd.matches.exists():
        return User.objects.filter(pk__in=rnd.matches.values("profile__student__user_id"))
    return User.objects.filter(pk__in=round_population(rnd).values("student__user_id"))


def seen_since(now: dt.datetime) -> Q:
    return Q(last_seen_at__gte=now - SEEN_WINDOW)


def round_presence(rnd: Round, now: dt.datetime | None = None) -> Presence | None:
    """How many of the round's students were seen in the last 14 days; None once the release
    moment has passed (or before the intake), when the count no longer helps."""
    now = now or timezone.now()
    if rnd.status not in BEFORE_RELEASE or rnd.is_released(now):
        return None
    row = round_student_users(rnd).aggregate(
        total=Count("pk"), seen=Count("pk", filter=seen_since(now))
    )
    return Presence(
        total=row["total"],
        seen=row["seen"],
        reminder_possible=rnd.release_at is not None and rnd.release_at > now,
        reminders=counts(OutboxMessage.objects.filter(topic=reminder_topic(rnd))),
    )
