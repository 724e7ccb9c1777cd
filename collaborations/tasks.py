"""Celery tasks: thin wrappers that take ids, have an explicit name and call one service,
imported inside the task body (HackSoft). Services enqueue them through one helper,
:func:`collaborations.services.outbox.job_enqueue`, which sends ``outbox_id`` along: the body
then runs through :func:`~collaborations.services.outbox.job_run`, which runs each job once
(a duplicate message does nothing) and retries it from the outbox after an error, up to the
task's ``max_retries``."""

import logging
from collections.abc import Callable
from typing import Any

from celery import shared_task
from celery.signals import worker_ready
from django.db import DatabaseError, connections

from collaborations.services.clustering import SOFT_TIME_LIMIT, TIME_LIMIT

logger = logging.getLogger(__name__)


def outbox_run(task: Any, outbox_id: int | None, run: Callable[[], Any]) -> Any:
    """Run ``run`` as the outbox job ``outbox_id`` of ``task`` (a bound task)."""
    from collaborations.services.outbox import job_run

    return job_run(
        outbox_id=outbox_id,
        worker=task.request.hostname or "",
        max_attempts=(task.max_retries or 0) + 1,
        run=run,
    )


@shared_task(
    bind=True,
    name="collaborations.footprints_recompute",
    max_retries=3,
    soft_time_limit=600,
    time_limit=660,
)
def footprints_recompute_task(
    self, arrangement_ids: list[int] | None = None, outbox_id: int | None = None
) -> int | None:
    from collaborations.services.footprints import arrangement_geometry_refresh

    return outbox_run(
        self, outbox_id, lambda: arrangement_geometry_refresh(arrangement_ids=arrangement_ids)
    )


# --- BRE clustering (services.clustering) -------------------------------------------------------
@shared_task(
    bind=True,
    name="collaborations.clustering_run_execute",
    soft_time_limit=SOFT_TIME_LIMIT,
    time_limit=TIME_LIMIT,
    acks_late=True,
    max_retries=0,  # a failed run stays failed, with its error; the user starts a new one
)
def clustering_run_task(self, run_id: int, outbox_id: int | None = None) -> str:
    from collaborations.services.clustering import clustering_run_execute

    run = outbox_run(self, outbox_id, lambda: clustering_run_execute(run_id=run_id))
    return str(run) if run is not None else f"run {run_id}: not found, or run already"


@shared_task(name="collaborations.clustering_runs_reap_stale", soft_time_limit=60, time_limit=90)
def clustering_runs_reap_task() -> int:
    """Periodic (CELERY_BEAT_SCHEDULE): fail runs whose worker died."""
    from collaborations.services.clustering import clustering_run_reap_stale

    return clustering_run_reap_stale()


# --- registration: bulk import jobs (services.registration.imports) ----------------------------
@shared_task(
    bind=True,
    name="collaborations.import_validate",
    acks_late=True,
    soft_time_limit=25 * 60,
    time_limit=30 * 60,
)
def import_validate_task(self, job_id: int, outbox_id: int | None = None) -> str | None:
    from celery.exceptions import SoftTimeLimitExceeded

    from collaborations.services.registration import imports

    def validate() -> str:
        try:
            return imports.import_job_validate(job_id=job_id).status
        except SoftTimeLimitExceeded:
            imports.import_job_fail(job_id=job_id, message="De controle duurde te lang.")
            raise

    return outbox_run(self, outbox_id, validate)


@shared_task(
    bind=True,
    name="collaborations.import_commit",
    acks_late=True,
    soft_time_limit=25 * 60,
    time_limit=30 * 60,
)
def import_commit_task(self, job_id: int, outbox_id: int | None = None) -> str | None:
    from celery.exceptions import SoftTimeLimitExceeded

    from collaborations.services.registration import imports

    def commit() -> str:
        try:
            return imports.import_job_commit(job_id=job_id).status
        except SoftTimeLimitExceeded:
            imports.import_job_fail(job_id=job_id, message="Het doorvoeren duurde te lang.")
            raise

    return outbox_run(self, outbox_id, commit)


# --- the outbox: periodic sweep (CELERY_BEAT_SCHEDULE) and a worker that starts -------------------
@shared_task(
    bind=True,
    name="collaborations.outbox_sweep",
    soft_time_limit=60,
    time_limit=90,
    ignore_result=True,
)
def outbox_sweep_task(self) -> int:
    from collaborations.services.outbox import outbox_sweep

    return outbox_sweep(worker=self.request.hostname or "")


@worker_ready.connect
def outbox_on_worker_ready(sender: Any = None, **kwargs: Any) -> None:
    """A worker that starts gives back the jobs it had claimed before it stopped and sends
    every job that waits in the outbox (the broker may have been down meanwhile)."""
    from collaborations.services.outbox import outbox_sweep, outbox_worker_started

    worker = getattr(sender, "hostname", "") or ""
    try:
        outbox_worker_started(worker=worker)
        outbox_sweep(worker=worker)
    except DatabaseError:
        logger.warning("outbox: database unavailable at worker start; the sweep will follow")
    finally:
        connections.close_all()  # the worker's main process keeps no connection
