"""Runs: freeze the input and draw the seed, execute (a Celery task), replay. Choosing a run
as the proposal is in `proposal`."""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.tenancy import claimable
from matching import engine
from matching.models import Round, RoundStatus, Run, RunStatus
from matching.selectors.fairness import fairness_figures, group_labels, own_placements
from matching.selectors.snapshot import round_snapshot

from .audit import audit
from .lottery import lottery_commit
from .rounds import locked


class ReplayUnavailable(ValidationError):
    """The run was made with another engine version, so an identical replay is not expected."""


@transaction.atomic
def run_prepare(*, round: Round, by: User, priority: bool | None = None) -> Run:
    """Freeze the input now, before anything runs, with the round's committed lottery seed:
    every run of a round uses that seed, so runs differ only in their settings (`priority`:
    None takes the round's setting) and nobody can re-roll the lottery by preparing another
    run. The run starts with `run_start`."""
    round = locked(round)
    if round.status not in (RoundStatus.ALLOCATING, RoundStatus.REVIEW):
        raise ValidationError(_("Een run kan alleen in de fase 'Toewijzen' of 'Beoordeling'."))
    # A round whose intake closed before seeds were committed commits them now, once.
    lottery_commit(round, by)
    snapshot = round_snapshot(round, priority=priority)
    if not snapshot["students"]:
        raise ValidationError(_("Er zijn geen ingediende leerwensformulieren in deze ronde."))
    number = (round.runs.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    assert round.lottery_seed is not None
    run = Run.objects.create(
        round=round,
        number=number,
        seed=round.lottery_seed,
        snapshot=snapshot,
        engine_settings=snapshot.get("settings", {}),
        input_sha256=engine.snapshot_sha256(snapshot),
        engine_version=engine.ENGINE_VERSION,
        created_by=by,
    )
    audit(
        round,
        by,
        "run_prepared",
        run=number,
        input_sha256=run.input_sha256,
        priority=snapshot["settings"].get("priority", False),
    )
    return run


@transaction.atomic
def run_start(*, run: Run, by: User) -> None:
    """Queue the run; the task starts after the commit. A run starts once."""
    from matching.tasks import execute_run_task

    updated = (
        claimable(Run).filter(pk=run.pk, status=RunStatus.READY).update(status=RunStatus.QUEUED)
    )
    if not updated:
        raise ValidationError(_("Deze run is al gestart."))
    audit(run.round, by, "run_started", run=run.number)
    transaction.on_commit(partial(execute_run_task.delay, run.pk))


def run_execute(*, run_id: int) -> bool:
    """Task body: claim the queued run, execute it, store output and quality. Idempotent.

    The claim is the moment it started (`started_at`): every later write checks it, so a
    worker that was taken for dead (`runs_requeue_stale`) and wakes up writes nothing."""
    claimed_at = timezone.now()
    if (
        not claimable(Run)
        .filter(pk=run_id, status=RunStatus.QUEUED)
        .update(status=RunStatus.RUNNING, started_at=claimed_at, progress=0)
    ):
        return False
    run = Run.objects.get(pk=run_id)
    mine = claimable(Run).filter(pk=run_id, status=RunStatus.RUNNING, started_at=claimed_at)

    def progress(pct: int) -> None:
        mine.update(progress=pct)

    try:
        output = engine.run_round(run.snapshot, run.seed, progress=progress)
    except Exception as exc:  # recorded on the run; the task itself does not retry logic errors
        mine.update(status=RunStatus.FAILED, error=str(exc)[:1000], finished_at=timezone.now())
        raise
    return bool(
        mine.update(
            status=RunStatus.DONE,
            output=output,
            output_sha256=engine.output_sha256(output),
            quality=_run_quality(run, output),
            shortages=output.get("shortages", []),
            progress=100,
            finished_at=timezone.now(),
        )
    )


# A run that has been RUNNING longer than the task's hard time limit (plus a margin) has no
# worker any more: the limit would have stopped it. It is put back and run again, from the
# same snapshot and seed, so its output is what the lost run would have produced.
STALE_RUN = dt.timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT) + dt.timedelta(minutes=5)
MAX_REQUEUES = 3


def runs_requeue_stale(now: dt.datetime | None = None) -> int:
    """Put back the runs of the school in scope whose worker died (RUNNING beyond
    STALE_RUN) and queue them again; after MAX_REQUEUES it is failed with a message. Returns
    how many were queued again."""
    from matching.tasks import execute_run_task

    now = now or timezone.now()
    requeued = 0
    stale = Run.objects.filter(status=RunStatus.RUNNING, started_at__lt=now - STALE_RUN)
    for run in stale.select_related("round"):
        tries = run.round.audit.filter(action="run_requeued", detail__run=run.number).count()
        with transaction.atomic():
            if tries >= MAX_REQUEUES:
                if (
                    claimable(Run)
                    .filter(pk=run.pk, status=RunStatus.RUNNING, started_at=run.started_at)
                    .update(
                        status=RunStatus.FAILED,
                        error=_(
                            "De run is %(n)s keer vastgelopen (de verwerker stopte). Bereid een "
                            "nieuwe run voor."
                        )
                        % {"n": tries + 1},
                        finished_at=now,
                    )
                ):
                    audit(run.round, None, "run_stuck_failed", run=run.number)
                continue
            if (
                not claimable(Run)
                .filter(pk=run.pk, status=RunStatus.RUNNING, started_at=run.started_at)
                .update(status=RunStatus.QUEUED, progress=0)
            ):
                continue  # it finished or was put back meanwhile
            audit(run.round, None, "run_requeued", run=run.number, seed=run.seed)
            transaction.on_commit(partial(execute_run_task.delay, run.pk))
        requeued += 1
    return requeued


def _run_quality(run: Run, output: dict[str, Any]) -> dict[str, Any]:
    """The figures pages show: the engine's quality report and, computed here after the
    allocation (group labels never enter the engine), the fairness figures per group."""
    snapshot = run.snapshot
    q = dict(output.get("quality", {}))
    q["students"] = len(snapshot["students"])
    q["seats"] = sum(o["capacity"] for o in snapshot["offers"])
    q["mean_score"] = (q.get("score") or {}).get("mean")
    q["mean_travel"] = (q.get("travel_minutes") or {}).get("mean")
    labels = group_labels(str(s["id"]) for s in snapshot["students"])
    q["fairness"] = fairness_figures(snapshot, output, labels, own_placements(run.round))
    return q


def run_replay(*, run: Run, by: User) -> bool:
    """Re-run a stored run from its snapshot and seed; True when the output is identical.

    Raises ReplayUnavailable when the run was made with another engine version: its output
    may differ for that reason alone, so the replay is not done.
    """
    if run.status != RunStatus.DONE:
        raise ValidationError(_("Alleen een afgeronde run kan opnieuw worden uitgevoerd."))
    if run.engine_version != engine.ENGINE_VERSION:
        audit(run.round, by, "run_replay_other_engine", run=run.number)
        raise ReplayUnavailable(
            _(
                "Deze run is gemaakt met engine-versie %(old)s; nu draait versie %(new)s. "
                "Opnieuw uitvoeren geeft daardoor niet dezelfde uitkomst en is daarom niet gedaan."
            )
            % {"old": run.engine_version or "?", "new": engine.ENGINE_VERSION}
        )
    output = engine.run_round(run.snapshot, run.seed)
    same = engine.output_sha256(output) == run.output_sha256
    audit(run.round, by, "run_replayed", run=run.number, identical=same)
    return same
