"""The outbox: how every background job is enqueued, sent, run once and never lost
(docs/operations.md).

* :func:`job_enqueue` (the one helper every service enqueues through) writes a job row in the
  caller's transaction and, once that commits, hands the task to the broker. A broker that is
  down costs the request nothing: the row stays ``pending`` (counted and logged).
* :func:`outbox_sweep` (periodic, from Celery beat, and when a worker starts) sends what the
  broker did not take, sends again what was taken but never started (a lost message), gives
  back jobs of a worker that died, and records the worker's heartbeat.
* :func:`job_run` wraps a task body: it claims the row (a job that is running or done is not
  run again, so a duplicate message has no effect), marks it done, or puts it back with a
  back-off after an error (failed after the last attempt).
"""

from __future__ import annotations

import datetime
import logging
import threading
import time
import uuid
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from celery import current_app
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from collaborations.core.models import JobStatus, OutboxJob, WorkerHeartbeat
from regioatlas.resilience import fail_open

logger = logging.getLogger(__name__)
T = TypeVar("T")

#: Status updates of a job that failed while the database was away are tried this often,
#: a second apart (a PostgreSQL restart takes a few seconds).
RELEASE_TRIES = 5
MAX_ERROR_LENGTH = 2000
#: Jobs sent per sweep (the rest in the next one).
SWEEP_BATCH = 500


def _setting(name: str) -> Any:
    return getattr(settings, name)


# --- enqueue and send (web processes) ---------------------------------------------------------
def job_enqueue(*, task: str, kwargs: dict[str, Any], task_id: str | None = None) -> OutboxJob:
    """Record the Celery task ``task`` with ``kwargs`` in the current transaction, and send it
    once that commits. ``task_id`` (default: new) is the id it is sent with every time."""
    job = OutboxJob.objects.create(task=task, kwargs=kwargs, task_id=task_id or uuid.uuid4())
    transaction.on_commit(_send_after_commit(job), robust=True)
    return job


def _send_after_commit(job: OutboxJob) -> Callable[[], None]:
    """The on_commit hook for ``job``: a named function (Django's robust hooks log an error
    by the function's ``__qualname__``, which a ``functools.partial`` lacks)."""

    def send_after_commit() -> None:
        outbox_send(jobs=[job])

    return send_after_commit


def _publish(job: OutboxJob) -> None:
    app = current_app
    kwargs = {**job.kwargs, "outbox_id": job.pk}
    if app.conf.task_always_eager:  # development without a worker: run it here and now
        app.loader.import_default_modules()
        app.tasks[job.task].apply(kwargs=kwargs, task_id=str(job.task_id))
        return
    app.send_task(
        job.task,
        kwargs=kwargs,
        task_id=str(job.task_id),
        ignore_result=True,  # the row is the result; no subscription on the result backend
        retry=True,
        retry_policy=_setting("REGIOATLAS_PUBLISH_RETRY_POLICY"),
    )


def outbox_send(*, jobs: Sequence[OutboxJob]) -> int:
    """Hand ``jobs`` to the broker and mark those it took as sent; returns how many. Stops at
    the first refusal (the broker is down: the rest waits for the sweep). Never raises for a
    broker error: it is counted and logged as the broker failing open."""
    sent: list[int] = []
    for job in jobs:  # publishing only; the statuses are written in one UPDATE below
        try:
            _publish(job)
        except Exception as exc:  # any broker error: the job stays in the outbox
            fail_open("broker", exc, f"job {job.pk} ({job.task}) waits in the outbox")
            break
        sent.append(job.pk)
    if sent:
        try:
            OutboxJob.objects.filter(
                pk__in=sent, status__in=[JobStatus.PENDING, JobStatus.SENT]
            ).update(status=JobStatus.SENT, sent_at=timezone.now(), sends=F("sends") + 1)
        except DatabaseError as exc:
            # The database went away after the commit (a crash or restart): the change is
            # committed and the jobs are with the broker; their rows stay pending, so the
            # sweep sends them once more and the worker runs each once (job_run claims it).
            logger.warning("outbox: sent %s, could not mark them sent: %s", sent, exc)
    return len(sent)


# --- run (workers) --------------------------------------------------------------------------------
def job_run(
    *, outbox_id: int | None, worker: str, max_attempts: int, run: Callable[[], T]
) -> T | None:
    """Run a task body for outbox job ``outbox_id`` (None: a task sent by hand, not through
    the outbox: just run it). Returns None without running when the job is running elsewhere
    or done already. After an error the job waits with a back-off and is sent again by the
    sweep, until it has been started ``max_attempts`` times (then it is failed)."""
    if outbox_id is None:
        return run()
    now = timezone.now()
    claimable = Q(status__in=[JobStatus.PENDING, JobStatus.SENT]) | Q(
        status=JobStatus.RUNNING, lease_until__lt=now
    )  # a running job whose lease ran out lost its worker (killed, host gone): take it over
    claimed = OutboxJob.objects.filter(claimable, pk=outbox_id).update(
        status=JobStatus.RUNNING,
        started_at=now,
        attempts=F("attempts") + 1,
        worker=worker[:200],
        lease_until=now + _lease_length(),
    )
    if not claimed:
        logger.info("outbox job %s is running or done already: skipped", outbox_id)
        return None
    attempts = OutboxJob.objects.filter(pk=outbox_id).values_list("attempts", flat=True)[0]
    final = attempts >= max_attempts
    try:
        with _LeaseKeeper(outbox_id, worker[:200]):
            result = run()
    except SoftTimeLimitExceeded as exc:  # it would run out of time again
        _release(outbox_id, exc, attempts=attempts, final=True)
        raise
    except Exception as exc:
        _release(outbox_id, exc, attempts=attempts, final=final)
        raise
    _update_when_possible(outbox_id, status=JobStatus.DONE, finished_at=timezone.now(), error="")
    return result


def _lease_length() -> datetime.timedelta:
    return datetime.timedelta(seconds=_setting("REGIOATLAS_OUTBOX_LEASE_SECONDS"))


class _LeaseKeeper:
    """Renews a running job's lease from a thread of its own (its own database connection)
    every third of the lease while the body runs; a worker that dies stops renewing, and the
    job is taken over by the next delivery or given back by the sweep once the lease ran out."""

    def __init__(self, outbox_id: int, worker: str) -> None:
        self.outbox_id, self.worker = outbox_id, worker
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._renew, name=f"lease-{outbox_id}", daemon=True)

    def __enter__(self) -> _LeaseKeeper:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stopped.set()
        self.thread.join(timeout=10)

    def _renew(self) -> None:
        interval = _lease_length().total_seconds() / 3
        try:
            while not self.stopped.wait(interval):
                try:
                    OutboxJob.objects.filter(
                        pk=self.outbox_id, status=JobStatus.RUNNING, worker=self.worker
                    ).update(lease_until=timezone.now() + _lease_length())
                except DatabaseError:  # the database restarts: try again next time
                    connection.close()
        finally:
            connection.close()  # this thread's own connection


def _backoff(attempts: int) -> datetime.timedelta:
    return datetime.timedelta(seconds=min(5 * 2 ** max(attempts - 1, 0), 300))


def _release(outbox_id: int, error: BaseException, *, attempts: int, final: bool) -> None:
    """After an error: back to pending with a back-off, or failed after the last attempt."""
    now = timezone.now()
    message = f"{type(error).__name__}: {error}"[:MAX_ERROR_LENGTH]
    if final:
        values = {"status": JobStatus.FAILED, "finished_at": now}
    else:
        values = {"status": JobStatus.PENDING, "available_at": now + _backoff(attempts)}
    _update_when_possible(outbox_id, error=message, **values)


def _update_when_possible(outbox_id: int, **values: Any) -> None:
    """Update a job's row; when the database is away (it restarts), try again a few times a
    second apart. If it stays away, the sweep gives the job back after its time limit."""
    for attempt in range(RELEASE_TRIES):
        try:
            OutboxJob.objects.filter(pk=outbox_id).update(**values)
            return
        except DatabaseError:
            if connection.in_atomic_block or attempt == RELEASE_TRIES - 1:
                break
            connection.close()
            time.sleep(1)
    logger.error("outbox job %s: could not record %s", outbox_id, values.get("status"))


# --- sweep (workers, periodic) ------------------------------------------------------------------
def _lease(task: str) -> datetime.timedelta:
    """How long a job of ``task`` can possibly run: its hard time limit (plus a minute)."""
    registered = current_app.tasks.get(task)
    limit = getattr(registered, "time_limit", None) or current_app.conf.task_time_limit
    return datetime.timedelta(seconds=(limit or 3600) + 60)


def _give_back_stale(now: datetime.datetime) -> int:
    """Running jobs whose lease ran out, or (without a lease) older than their time limit:
    their worker died. Back to pending."""
    running = OutboxJob.objects.filter(status=JobStatus.RUNNING).values_list(
        "pk", "task", "started_at", "lease_until"
    )
    stale = [
        pk
        for pk, task, started, lease in running
        if (lease < now if lease is not None else started < now - _lease(task))
    ]
    return _give_back(OutboxJob.objects.filter(pk__in=stale, status=JobStatus.RUNNING), now)


def _give_back(jobs, now: datetime.datetime) -> int:
    count = jobs.update(status=JobStatus.PENDING, available_at=now, error="worker stopped")
    if count:
        logger.warning("outbox: %d job(s) of a stopped worker given back", count)
    return count


def outbox_worker_started(*, worker: str) -> int:
    """A worker (re)started: the jobs it had claimed are not running any more."""
    worker_heartbeat_record(worker=worker)
    now = timezone.now()
    return _give_back(OutboxJob.objects.filter(status=JobStatus.RUNNING, worker=worker), now)


def worker_heartbeat_record(*, worker: str) -> None:
    WorkerHeartbeat.objects.update_or_create(
        worker=worker[:200], defaults={"seen_at": timezone.now()}
    )


def outbox_sweep(*, worker: str = "") -> int:
    """Send the jobs that wait (the broker was down, or a message was lost); give back the
    jobs of dead workers; forget finished jobs after REGIOATLAS_OUTBOX_KEEP_DAYS. Returns the
    number of jobs sent."""
    now = timezone.now()
    if worker:
        worker_heartbeat_record(worker=worker)
    _give_back_stale(now)
    resend = datetime.timedelta(seconds=_setting("REGIOATLAS_OUTBOX_RESEND_SECONDS"))
    due = OutboxJob.objects.filter(
        Q(status=JobStatus.PENDING, available_at__lte=now)
        | Q(status=JobStatus.SENT, sent_at__lt=now - resend)
    ).order_by("available_at", "pk")
    sent = outbox_send(jobs=list(due[:SWEEP_BATCH]))
    keep = datetime.timedelta(days=_setting("REGIOATLAS_OUTBOX_KEEP_DAYS"))
    OutboxJob.objects.filter(status=JobStatus.DONE, finished_at__lt=now - keep).delete()
    if sent:
        logger.info("outbox sweep: %d job(s) sent", sent)
    return sent
