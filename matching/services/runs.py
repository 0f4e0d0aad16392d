"""Runs: freeze the input and draw the seed, execute (a Celery task), replay. Choosing a run
as the proposal is in `proposal`."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
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

    updated = Run.objects.filter(pk=run.pk, status=RunStatus.READY).update(status=RunStatus.QUEUED)
    if not updated:
        raise ValidationError(_("Deze run is al gestart."))
    audit(run.round, by, "run_started", run=run.number)
    transaction.on_commit(partial(execute_run_task.delay, run.pk))


def run_execute(*, run_id: int) -> bool:
    """Task body: claim the queued run, execute it, store output and quality. Idempotent."""
    if not Run.objects.filter(pk=run_id, status=RunStatus.QUEUED).update(
        status=RunStatus.RUNNING, started_at=timezone.now()
    ):
        return False
    run = Run.objects.get(pk=run_id)

    def progress(pct: int) -> None:
        Run.objects.filter(pk=run_id).update(progress=pct)

    try:
        output = engine.run_round(run.snapshot, run.seed, progress=progress)
    except Exception as exc:  # recorded on the run; the task itself does not retry logic errors
        Run.objects.filter(pk=run_id).update(
            status=RunStatus.FAILED, error=str(exc)[:1000], finished_at=timezone.now()
        )
        raise
    Run.objects.filter(pk=run_id).update(
        status=RunStatus.DONE,
        output=output,
        output_sha256=engine.output_sha256(output),
        quality=_run_quality(run, output),
        shortages=output.get("shortages", []),
        progress=100,
        finished_at=timezone.now(),
    )
    return True


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
