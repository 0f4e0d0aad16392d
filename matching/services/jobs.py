"""A round's long steps run by a worker: the request stores a `RoundJob` (one active job of a
kind per round, so a double click or two coordinators at once start one step) and returns at
once; the worker runs the step's own service and stores its outcome, in Dutch, for the page.

Every step keeps its own service and preconditions (`rounds_moves`, `runs`, `proposal`,
`review`); this module only carries them to the worker and back.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from functools import partial
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import User
from accounts.tenancy import claimable
from matching.jobs import JobKind, JobStatus, RoundJob
from matching.models import Round, Run
from matching.selectors.review import review_matches

from . import proposal, review, rounds_moves, rounds_release, runs

log = logging.getLogger(__name__)

Runner = Callable[[RoundJob], str]


def _close_intake(job: RoundJob) -> str:
    rounds_moves.round_close_intake(round=job.round, by=job.created_by)
    return _("De intake is gesloten. De formulieren van de studenten in deze ronde staan vast.")


def _prepare(job: RoundJob) -> str:
    run = runs.run_prepare(round=job.round, by=job.created_by, priority=job.params.get("priority"))
    return _(
        "Run %(n)s staat klaar met de vastgelegde loting van deze ronde. "
        "Start hem om de toewijzing te berekenen."
    ) % {"n": run.number}


def _choose(job: RoundJob) -> str:
    run = Run.objects.get(pk=job.params["run"], round=job.round)
    proposal.run_choose(run=run, by=job.created_by, reason=job.params.get("reason", ""))
    return _("Run %(n)s is het voorstel. De beoordeling kan beginnen.") % {"n": run.number}


def _bulk_approve(job: RoundJob) -> str:
    filters = QueryDict(job.params.get("filters", ""))
    n = review.match_bulk_approve(
        qs=review_matches(job.round, filters, job.created_by),
        by=job.created_by,
        expected=job.params.get("expected"),
    )
    return ngettext("%(n)s match goedgekeurd.", "%(n)s matches goedgekeurd.", n) % {"n": n}


def _release(job: RoundJob) -> str:
    rnd = rounds_release.round_release(
        round=job.round,
        at=dt.datetime.fromisoformat(job.params["at"]),
        by=job.created_by,
        # Asked in the request that queued it (`release_moment`): a moment that was "now" is
        # a few seconds past by the time the worker gets here.
        confirmed=True,
    )
    assert rnd.release_at is not None
    return _(
        "Bekendmaking vastgelegd op %(at)s (Nederlandse tijd). Vanaf dat moment ziet iedereen "
        "zijn uitslag tegelijk en gaan de e-mails de deur uit."
    ) % {"at": rounds_release.moment_text(rnd.release_at)}


RUNNERS: dict[str, Runner] = {
    JobKind.CLOSE_INTAKE: _close_intake,
    JobKind.PREPARE: _prepare,
    JobKind.CHOOSE: _choose,
    JobKind.BULK_APPROVE: _bulk_approve,
    JobKind.RELEASE: _release,
}


def job_start(*, round: Round, kind: JobKind, by: User, **params: Any) -> RoundJob:
    """Store the job and have a worker run it after the commit. Refused while the same step
    of this round is waiting or running (whoever started it)."""
    try:
        with transaction.atomic():
            job = RoundJob.objects.create(round=round, kind=kind, created_by=by, params=params)
    except IntegrityError:
        raise ValidationError(
            _("Deze stap loopt al. Wacht tot hij klaar is; de voortgang staat op de pagina.")
        ) from None
    from matching.tasks import run_job_task

    transaction.on_commit(partial(run_job_task.delay, job.pk))
    return job


def _finish(job_id: int, **fields: Any) -> None:
    """Only a job still running is finished (one the sweep gave up on stays failed)."""
    claimable(RoundJob).filter(pk=job_id, status=JobStatus.RUNNING).update(
        progress=100, finished_at=timezone.now(), **fields
    )


def job_execute(job_id: int) -> bool:
    """Run a queued job once (a redelivered task finds it taken and stops). True when the step
    succeeded; its refusal (a precondition that does not hold) is stored as the job's error."""
    taken = (
        claimable(RoundJob)
        .filter(pk=job_id, status=JobStatus.QUEUED)
        .update(status=JobStatus.RUNNING, started_at=timezone.now(), progress=5)
    )
    if not taken:
        return False
    job = RoundJob.objects.select_related("round", "created_by").get(pk=job_id)
    try:
        message = RUNNERS[job.kind](job)
    except ValidationError as exc:
        _finish(job_id, status=JobStatus.FAILED, error=" ".join(exc.messages))
        return False
    except Exception:
        log.exception("round job failed: %s", job.kind)
        _finish(
            job_id,
            status=JobStatus.FAILED,
            error=_(
                "Er ging iets mis bij deze stap; er is niets half vastgelegd. Probeer het "
                "opnieuw. Lukt het weer niet, meld het dan bij de beheerder."
            ),
        )
        return False
    _finish(job_id, status=JobStatus.DONE, message=message)
    return True


def jobs_fail_stale(now: dt.datetime | None = None) -> int:
    """Jobs whose worker died (running beyond the task time limit) are marked failed, so the
    page stops showing them as busy and the step can be started again. Each step's service is
    atomic: a job that died left nothing half-written."""
    now = now or timezone.now()
    limit = dt.timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT)
    # A running job is timed from its start; a queued one from its creation, with twice the
    # limit (a worker that takes it after that finds it failed and leaves it).
    stale = Q(status=JobStatus.RUNNING, started_at__lt=now - limit) | Q(
        status=JobStatus.QUEUED, created_at__lt=now - 2 * limit
    )
    # The school's stale jobs found in scope, then failed by a plain conditional UPDATE (see
    # `claimable`): a job that a worker finishes meanwhile keeps its result.
    ids = list(RoundJob.objects.filter(stale).values_list("pk", flat=True))
    return (
        claimable(RoundJob)
        .filter(stale, pk__in=ids)
        .update(
            status=JobStatus.FAILED,
            finished_at=now,
            error=_("Deze stap is onderbroken en niet uitgevoerd. Start hem opnieuw."),
        )
    )
