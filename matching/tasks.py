from __future__ import annotations

from celery import shared_task

from accounts.tenancy import each_school, school_scope_of

from .models import RoundJob, Run
from .services import jobs, runs


@shared_task(acks_late=True)
def execute_run_task(run_id: int) -> bool:
    with school_scope_of(Run, run_id):
        return runs.run_execute(run_id=run_id)


@shared_task
def requeue_stale_runs_task() -> int:
    """Beat: runs whose worker died are put back and run again (same snapshot, same seed);
    round jobs whose worker died are marked failed."""
    return sum(runs.runs_requeue_stale() + jobs.jobs_fail_stale() for _school in each_school())


@shared_task(acks_late=True)
def run_job_task(job_id: int) -> bool:
    with school_scope_of(RoundJob, job_id):
        return jobs.job_execute(job_id)
