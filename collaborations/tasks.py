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


from collaborations.tasks_bre import clustering_run_task  # noqa: E402, F401 - BRE clustering


# --- registration: bulk import jobs (services.registration.imports) ----------------------------
@shared_task(
    name="collaborations.import_validate",
    acks_late=True,
    soft_time_limit=25 * 60,
    time_limit=30 * 60,
)
def import_validate_task(job_id: int) -> str:
    from celery.exceptions import SoftTimeLimitExceeded

    from collaborations.services.registration import imports

    try:
        return imports.import_job_validate(job_id=job_id).status
    except SoftTimeLimitExceeded:
        imports.import_job_fail(job_id=job_id, message="De controle duurde te lang.")
        raise


@shared_task(
    name="collaborations.import_commit",
    acks_late=True,
    soft_time_limit=25 * 60,
    time_limit=30 * 60,
)
def import_commit_task(job_id: int) -> str:
    from celery.exceptions import SoftTimeLimitExceeded

    from collaborations.services.registration import imports

    try:
        return imports.import_job_commit(job_id=job_id).status
    except SoftTimeLimitExceeded:
        imports.import_job_fail(job_id=job_id, message="Het doorvoeren duurde te lang.")
        raise
