"""Tasks of the clustering sub-domain: running a clustering run, reaping stale ones."""

from celery import shared_task

from collaborations.clustering.services.runs import SOFT_TIME_LIMIT, TIME_LIMIT
from collaborations.core.tasks import outbox_run


# --- BRE clustering (services.clustering) -------------------------------------------------------
@shared_task(
    bind=True,
    name="collaborations.clustering_run_execute",
    soft_time_limit=SOFT_TIME_LIMIT,
    time_limit=TIME_LIMIT,
    acks_late=True,
    # A worker process that dies mid-run (killed, out of memory) gives the message back
    # instead of acknowledging it; another worker runs it again under the same run id.
    reject_on_worker_lost=True,
    max_retries=0,  # a failed run stays failed, with its error; the user starts a new one
)
def clustering_run_task(self, run_id: int, outbox_id: int | None = None) -> str:
    from collaborations.clustering.services.runs import clustering_run_execute

    run = outbox_run(self, outbox_id, lambda: clustering_run_execute(run_id=run_id))
    return str(run) if run is not None else f"run {run_id}: not found, or run already"


@shared_task(name="collaborations.clustering_runs_reap_stale", soft_time_limit=60, time_limit=90)
def clustering_runs_reap_task() -> int:
    """Periodic (CELERY_BEAT_SCHEDULE): fail runs whose worker died."""
    from collaborations.clustering.services.runs import clustering_run_reap_stale

    return clustering_run_reap_stale()
