"""Tasks of registration: the dry run and the commit of a bulk import."""

from celery import shared_task

from collaborations.core.tasks import outbox_run


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

    from collaborations.registration.services import imports

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

    from collaborations.registration.services import imports

    def commit() -> str:
        try:
            return imports.import_job_commit(job_id=job_id).status
        except SoftTimeLimitExceeded:
            imports.import_job_fail(job_id=job_id, message="Het doorvoeren duurde te lang.")
            raise

    return outbox_run(self, outbox_id, commit)
