"""The BRE clustering task (imported by collaborations/tasks.py for autodiscovery)."""

from celery import shared_task

from collaborations.services.clustering import (
    SOFT_TIME_LIMIT,
    TIME_LIMIT,
    clustering_run_execute,
)


@shared_task(
    name="collaborations.clustering_run_execute",
    soft_time_limit=SOFT_TIME_LIMIT,
    time_limit=TIME_LIMIT,
    acks_late=True,
)
def clustering_run_task(run_id: int) -> str:
    run = clustering_run_execute(run_id=run_id)
    return str(run) if run is not None else f"run {run_id} not found"


@shared_task(name="collaborations.clustering_runs_reap_stale", soft_time_limit=60, time_limit=90)
def clustering_runs_reap_task() -> int:
    """Periodic (CELERY_BEAT_SCHEDULE): fail runs whose worker died."""
    from collaborations.services.clustering import clustering_run_reap_stale

    return clustering_run_reap_stale()
