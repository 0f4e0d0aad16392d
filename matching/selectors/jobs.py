from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.utils import timezone

from accounts.models import User
from matching.jobs import ACTIVE, JobKind, RoundJob
from matching.models import Round

RECENT = dt.timedelta(minutes=30)
SHOWN = 5


def page_jobs(rnd: Round, user: User, kinds: tuple[JobKind, ...] = ()) -> list[RoundJob]:
    """The jobs a page shows: every waiting or running job of the round (a colleague's too),
    and the user's own jobs that finished in the last half hour, with their outcome."""
    recent = Q(created_by=user, finished_at__gte=timezone.now() - RECENT)
    qs = RoundJob.objects.filter(Q(round=rnd) & (Q(status__in=ACTIVE) | recent))
    if kinds:
        qs = qs.filter(kind__in=kinds)
    return list(qs.select_related("created_by").defer("params")[:SHOWN])
