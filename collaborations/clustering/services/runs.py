"""Clustering runs as jobs: create (and enqueue), execute, cancel, reap stale runs, and the
default run computed after loading the data.

A run's results become visible in one transaction together with ``status = succeeded``. The
computation happens in memory before that transaction, with a heartbeat and the progress
written as it goes (each its own tiny UPDATE, which also notices a cancellation). A failure
marks the run failed with the error and leaves every earlier result as it was; a worker that
died leaves a run "running" with an old heartbeat, which :func:`clustering_run_reap_stale`
marks failed."""

from __future__ import annotations

import datetime
import logging
import time
import uuid
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import DatabaseError, transaction
from django.db.models import Q
from django.utils import timezone

from collaborations.clustering.choices import FINISHED_STATUSES, RunStatus
from collaborations.clustering.models import ClusterAssignment, ClusteringRun, ClusterResult
from collaborations.clustering.services.compute import Computed, compute_run
from collaborations.clustering.services.parameters import (
    DEFAULT_PARAMETERS,
    clustering_parameters_from,
    clustering_parameters_validate,
)
from collaborations.core.services.outbox import job_enqueue
from collaborations.core.services.versioning import data_version_bump

logger = logging.getLogger(__name__)

#: Time limits of the clustering task (seconds); a run whose heartbeat is older than the
#: hard limit cannot be alive any more.
SOFT_TIME_LIMIT = 900
TIME_LIMIT = 960
HEARTBEAT_SECONDS = 0.5
#: The Celery task that executes a run (collaborations/tasks.py), enqueued through the outbox.
RUN_TASK = "collaborations.clustering_run_execute"
MAX_ERROR_LENGTH = 2000


class RunStopped(Exception):  # noqa: N818 - control flow: the run was cancelled or reaped
    """The run is no longer ``running`` (cancelled, or marked failed by the reaper)."""


class RunFinishedError(Exception):
    """The run has finished (succeeded, failed or cancelled) and cannot be cancelled."""


def clustering_run_create(
    *,
    parameters: dict[str, Any],
    by: AbstractBaseUser | None = None,
    enqueue: bool = True,
) -> ClusteringRun:
    """A queued run with validated parameters (ValidationError names each bad field). With
    ``enqueue`` the Celery task is sent once the transaction commits."""
    clean = clustering_parameters_validate(parameters=parameters)
    clustering_run_reap_stale()
    task_id = str(uuid.uuid4()) if enqueue else ""
    user = by if by is not None and by.is_authenticated else None
    with transaction.atomic():  # the run and its job in the outbox, together
        run = ClusteringRun.objects.create(parameters=clean, created_by=user, task_id=task_id)
        if enqueue:
            job_enqueue(task=RUN_TASK, kwargs={"run_id": run.pk}, task_id=task_id)
    return run


def _start(run_id: int) -> ClusteringRun | None:
    with transaction.atomic():
        run = ClusteringRun.objects.select_for_update().filter(pk=run_id).first()
        if run is None or run.status == RunStatus.CANCELLED:
            return None
        now = timezone.now()
        run.status, run.progress, run.error = RunStatus.RUNNING, 0, ""
        run.started_at = run.heartbeat_at = now
        run.finished_at = None
        run.save(
            update_fields=[
                "status", "progress", "error", "started_at", "heartbeat_at", "finished_at",
                "updated_at",
            ]
        )  # fmt: skip
        return run


class _Heartbeat:
    """Writes progress and the heartbeat (at most every HEARTBEAT_SECONDS, always when the
    percentage changes by 5 or more); raises RunStopped when the run is no longer running."""

    def __init__(self, run_id: int) -> None:
        self.run_id = run_id
        self.last_time = 0.0
        self.last_progress = 0

    def __call__(self, progress: int) -> None:
        now = time.monotonic()
        if now - self.last_time < HEARTBEAT_SECONDS and progress - self.last_progress < 5:
            return
        self.last_time, self.last_progress = now, progress
        stamp = timezone.now()
        alive = ClusteringRun.objects.filter(pk=self.run_id, status=RunStatus.RUNNING).update(
            progress=progress, heartbeat_at=stamp, updated_at=stamp
        )
        if not alive:
            raise RunStopped


def _write(run_id: int, computed: Computed, make_default: bool) -> ClusteringRun:
    """Replace the run's results and mark it succeeded, in one transaction."""
    started = time.perf_counter()
    with transaction.atomic():
        run = ClusteringRun.objects.select_for_update().get(pk=run_id)
        if run.status != RunStatus.RUNNING:
            raise RunStopped
        ClusterAssignment.objects.filter(run=run).delete()
        ClusterResult.objects.filter(run=run).delete()
        clusters = ClusterResult.objects.bulk_create(
            ClusterResult(
                run=run,
                number=c.number,
                label=c.label,
                municipality_count=len(c.members),
                measures=c.measures,
                geom=c.geom,
            )
            for c in computed.clusters
        )
        ClusterAssignment.objects.bulk_create(
            (
                ClusterAssignment(
                    run=run,
                    municipality_id=int(mid),
                    cluster=clusters[int(label)],
                    stability=round(float(stability), 4),
                )
                for mid, label, stability in zip(
                    computed.municipality_ids, computed.membership, computed.stability, strict=True
                )
            ),
            batch_size=1000,
        )
        if make_default:
            ClusteringRun.objects.filter(is_default=True).exclude(pk=run.pk).update(
                is_default=False
            )
            run.is_default = True
        if run.is_default:  # the municipality details show the default run's BRE
            data_version_bump()
        now = timezone.now()
        run.status, run.progress = RunStatus.SUCCEEDED, 100
        run.finished_at = run.heartbeat_at = now
        run.measures = computed.measures
        writing = round(time.perf_counter() - started, 3)
        total = round(computed.timings.get("totaal", 0) + writing, 3)
        run.timings = {**computed.timings, "schrijven": writing, "totaal": total}
        run.save()
        return run


def _describe(exc: BaseException) -> str:
    name = type(exc).__name__
    if name == "SoftTimeLimitExceeded":
        return f"Tijdslimiet overschreden ({SOFT_TIME_LIMIT} s)."
    return f"{name}: {exc}"[:MAX_ERROR_LENGTH]


def _fail(run_id: int, exc: BaseException) -> None:
    now = timezone.now()
    try:
        ClusteringRun.objects.filter(pk=run_id).exclude(status=RunStatus.CANCELLED).update(
            status=RunStatus.FAILED, error=_describe(exc), finished_at=now, updated_at=now
        )
    except DatabaseError:  # e.g. the caller's transaction is broken; the reaper will see it
        logger.exception("could not mark clustering run %s failed", run_id)


def clustering_run_execute(*, run_id: int, make_default: bool = False) -> ClusteringRun | None:
    """Compute run ``run_id`` and make its results visible (replacing earlier results of the
    same run) in one transaction. A cancelled run is left alone; on any error the run is
    marked failed with the error, which is raised again."""
    run = _start(run_id)
    if run is None:
        return ClusteringRun.objects.filter(pk=run_id).first()
    heartbeat = _Heartbeat(run_id)
    try:
        computed = compute_run(clustering_parameters_from(run.parameters), heartbeat)
        heartbeat.last_time = 0.0
        heartbeat(95)
        run = _write(run_id, computed, make_default)
    except RunStopped:
        return ClusteringRun.objects.filter(pk=run_id).first()
    except Exception as exc:
        _fail(run_id, exc)
        raise
    logger.info("clustering run %s: %s", run_id, run)
    return run


def clustering_run_cancel(*, run: ClusteringRun) -> ClusteringRun:
    """Cancel a queued or running run: status cancelled now; the worker stops at its next
    heartbeat (and the task is revoked). Raises RunFinishedError for a finished run."""
    with transaction.atomic():
        locked = ClusteringRun.objects.select_for_update().get(pk=run.pk)
        if locked.status in FINISHED_STATUSES:
            raise RunFinishedError(f"run {run.pk} is already {locked.status}")
        now = timezone.now()
        locked.status, locked.finished_at, locked.error = RunStatus.CANCELLED, now, "Geannuleerd."
        locked.save(update_fields=["status", "finished_at", "error", "updated_at"])
        if locked.task_id:
            task_id = locked.task_id
            transaction.on_commit(lambda: _revoke(task_id))
    return locked


def _revoke(task_id: str) -> None:
    from celery import current_app

    try:
        current_app.control.revoke(task_id, terminate=True)
    except Exception:  # the broker may be down; the worker still stops at its next heartbeat
        logger.warning("could not revoke clustering task %s", task_id, exc_info=True)


def clustering_run_reap_stale(*, older_than: datetime.timedelta | None = None) -> int:
    """Mark failed every running run whose heartbeat is older than ``older_than`` (default:
    the task's hard time limit); returns how many."""
    limit = older_than if older_than is not None else datetime.timedelta(seconds=TIME_LIMIT)
    now = timezone.now()
    threshold = now - limit
    stale = Q(heartbeat_at__lt=threshold) | Q(heartbeat_at__isnull=True, started_at__lt=threshold)
    return (
        ClusteringRun.objects.filter(status=RunStatus.RUNNING)
        .filter(stale)
        .update(
            status=RunStatus.FAILED,
            error="De rekentaak gaf geen teken van leven meer (worker gestopt?).",
            finished_at=now,
            updated_at=now,
        )
    )


def clustering_default_run(*, parameters: dict[str, Any] | None = None) -> ClusteringRun:
    """Create and execute (synchronously) the run with the default parameters on the current
    data, and make it the default run."""
    run = clustering_run_create(parameters=parameters or DEFAULT_PARAMETERS, enqueue=False)
    result = clustering_run_execute(run_id=run.pk, make_default=True)
    return result or run
