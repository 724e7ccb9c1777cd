"""Bulk import jobs on a real Celery worker (tests/conftest.py: celery_worker_process): a large
file is checked and committed in the background with progress, and a worker killed in the
middle of the commit leaves the data as it was."""

from __future__ import annotations

import csv
import io
import os
import signal
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from collaborations.arrangements.models import Arrangement, Membership
from collaborations.registration.choices import ImportKind, ImportStatus
from collaborations.registration.models import ArrangementRevision, ImportJob
from collaborations.registration.services.imports import (
    import_job_commit_request,
    import_job_create,
)

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def shared_media(settings, tmp_path, monkeypatch):
    """One media folder for this process and the worker (which reads DJANGO_MEDIA_ROOT)."""
    folder = tmp_path / "shared-media"
    folder.mkdir()
    monkeypatch.setenv("DJANGO_MEDIA_ROOT", str(folder))
    settings.MEDIA_ROOT = folder
    settings.REGIOATLAS_IMPORT_INLINE_MAX_BYTES = 1000  # everything runs on the worker
    return folder


def big_file(rows: int) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(["naam", "rechtsvormfamilie", "themas", "leden", "omschrijving"])
    for i in range(rows):
        writer.writerow([f"Testverband {i:05d}", "netwerk", "wonen", "GM9000, GM9001", f"Rij {i}"])
    return buffer.getvalue().encode()


def wait_for(condition, timeout: float = 120, interval: float = 0.05):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError("timed out")


def counts() -> tuple[int, int, int]:
    return (
        Arrangement.objects.count(),
        Membership.objects.count(),
        ArrangementRevision.objects.count(),
    )


def status_of(job: ImportJob) -> ImportJob:
    return ImportJob.objects.get(pk=job.pk)


def test_large_import_runs_on_the_worker_with_progress(shared_media, world, celery_worker_process):
    before = counts()
    job = import_job_create(
        by=world.users["moderator"],
        kind=ImportKind.ARRANGEMENTS,
        upload=SimpleUploadedFile("groot.csv", big_file(1500)),
        reason="Grote import",
    )
    assert job.run_in_background and job.status == ImportStatus.UPLOADED
    seen = set()

    def validated():
        current = status_of(job)
        seen.add(current.processed_rows)
        return current.status in (ImportStatus.VALID, ImportStatus.INVALID) and current

    job = wait_for(validated)
    assert job.status == ImportStatus.VALID, (job.message, job.errors[:3])
    assert job.total_rows == 1500 and job.processed_rows == 1500
    assert seen - {0, 1500}, seen  # progress was reported on the way
    assert counts() == before  # the dry run wrote nothing
    import_job_commit_request(job=job, by=world.users["moderator"])
    job = wait_for(lambda: status_of(job).status == ImportStatus.COMMITTED and status_of(job))
    assert counts()[0] == before[0] + 1500
    assert Arrangement.objects.get(name="Testverband 00042").description == "Rij 42"


def _worker_writing(test_database: str) -> int | None:
    """The pid of a database backend (not ours) that is inside a transaction that has written
    something for a while: the commit of the import."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid() "
            "AND backend_xid IS NOT NULL AND xact_start < now() - interval '150 milliseconds'",
            [test_database],
        )
        row = cursor.fetchone()
    return row[0] if row else None


def _backend_gone(pid: int) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE pid = %s", [pid])
        return cursor.fetchone()[0] == 0


def test_a_killed_import_job_leaves_the_data_as_it_was(shared_media, world, celery_worker_process):
    job = import_job_create(
        by=world.users["moderator"],
        kind=ImportKind.ARRANGEMENTS,
        upload=SimpleUploadedFile("groot.csv", big_file(5000)),
        reason="Wordt afgebroken",
    )
    job = wait_for(lambda: status_of(job).status == ImportStatus.VALID and status_of(job))
    before = counts()
    import_job_commit_request(job=job, by=world.users["moderator"])
    database = connection.settings_dict["NAME"]
    backend = wait_for(lambda: _worker_writing(database), timeout=180, interval=0.02)
    assert status_of(job).status == ImportStatus.COMMITTING
    os.kill(celery_worker_process.pid, signal.SIGKILL)  # the worker dies mid-transaction
    celery_worker_process.wait(timeout=20)
    wait_for(lambda: _backend_gone(backend), timeout=30)
    assert counts() == before  # PostgreSQL rolled the whole commit back
    job = status_of(job)
    assert job.status == ImportStatus.COMMITTING  # never marked committed
    assert not job.committed_at
