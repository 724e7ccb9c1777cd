"""Celery tasks: thin wrappers that take ids, have an explicit name and call one service,
imported inside the task body (HackSoft). Services enqueue them through one helper,
:func:`collaborations.core.services.outbox.job_enqueue`, which sends ``outbox_id`` along: the body
then runs through :func:`~collaborations.core.services.outbox.job_run`, which runs each job once
(a duplicate message does nothing) and retries it from the outbox after an error, up to the
task's ``max_retries``."""

import logging
from collections.abc import Callable
from typing import Any

from celery import shared_task
from celery.signals import worker_ready
from django.db import DatabaseError, connections

logger = logging.getLogger(__name__)


def outbox_run(task: Any, outbox_id: int | None, run: Callable[[], Any]) -> Any:
    """Run ``run`` as the outbox job ``outbox_id`` of ``task`` (a bound task)."""
    from collaborations.core.services.outbox import job_run

    return job_run(
        outbox_id=outbox_id,
        worker=task.request.hostname or "",
        max_attempts=(task.max_retries or 0) + 1,
        run=run,
    )


# --- the outbox: periodic sweep (CELERY_BEAT_SCHEDULE) and a worker that starts -------------------
@shared_task(
    bind=True,
    name="collaborations.outbox_sweep",
    soft_time_limit=60,
    time_limit=90,
    ignore_result=True,
)
def outbox_sweep_task(self) -> int:
    from collaborations.core.services.outbox import outbox_sweep

    return outbox_sweep(worker=self.request.hostname or "")


@worker_ready.connect
def outbox_on_worker_ready(sender: Any = None, **kwargs: Any) -> None:
    """A worker that starts gives back the jobs it had claimed before it stopped and sends
    every job that waits in the outbox (the broker may have been down meanwhile)."""
    from collaborations.core.services.outbox import outbox_sweep, outbox_worker_started

    worker = getattr(sender, "hostname", "") or ""
    try:
        outbox_worker_started(worker=worker)
        outbox_sweep(worker=worker)
    except DatabaseError:
        logger.warning("outbox: database unavailable at worker start; the sweep will follow")
    finally:
        connections.close_all()  # the worker's main process keeps no connection
