"""Celery tasks: thin wrappers that take ids and call one service."""

from celery import shared_task

from collaborations import services


@shared_task(
    name="collaborations.footprints_recompute",
    autoretry_for=(ConnectionError,),
    retry_backoff=True,
    max_retries=3,
    soft_time_limit=600,
    time_limit=660,
)
def footprints_recompute_task(arrangement_ids: list[int] | None = None) -> int:
    return services.arrangement_geometry_refresh(arrangement_ids=arrangement_ids)
