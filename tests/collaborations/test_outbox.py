"""The outbox (collaborations.core.services.outbox): every enqueue of the services goes through it;
a broker that is down loses no job and fails no request; a job runs once however often it is
sent; the sweep sends what waits, gives back what a dead worker held and records the
heartbeat. (On real servers: tests/live/test_faults.py.)"""

from __future__ import annotations

import datetime

import pytest
from celery.exceptions import SoftTimeLimitExceeded
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError, transaction
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerError

from collaborations.arrangements.services.memberships import membership_add
from collaborations.clustering.services.runs import clustering_run_create
from collaborations.core.models import JobStatus, OutboxJob, WorkerHeartbeat
from collaborations.core.services import outbox
from collaborations.core.tasks import outbox_sweep_task
from collaborations.registration.choices import ImportKind
from collaborations.registration.services.imports import import_job_create
from collaborations.tiles.tasks import footprints_recompute_task
from regioatlas.celery import app
from regioatlas.resilience import failures
from tests.factories import ArrangementFactory, MunicipalityFactory

pytestmark = pytest.mark.django_db
FOOTPRINTS = "collaborations.footprints_recompute"


@pytest.fixture
def broker(monkeypatch):
    """The broker as the outbox sees it: ``sent`` lists what it took; ``down = True`` makes
    it refuse every message as a Redis that is down would."""

    class Broker:
        down = False
        sent: list[tuple[str, dict, str]] = []

        def send_task(self, name, kwargs, task_id, **options):
            if self.down:
                raise BrokerError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")
            assert options["ignore_result"] and options["retry_policy"]["max_retries"] <= 1
            self.sent.append((name, kwargs, task_id))

    fake = Broker()
    fake.sent = []
    monkeypatch.setattr(app, "send_task", fake.send_task)
    failures.reset()
    return fake


def _job(**values) -> OutboxJob:
    return OutboxJob.objects.create(task=FOOTPRINTS, kwargs={"arrangement_ids": [1]}, **values)


# --- enqueue ------------------------------------------------------------------------------------
def test_a_job_is_written_with_the_change_and_sent_when_it_commits(
    broker, django_capture_on_commit_callbacks
):
    arrangement = ArrangementFactory()
    with django_capture_on_commit_callbacks(execute=True):
        membership_add(arrangement=arrangement, member=MunicipalityFactory())
        assert broker.sent == []  # nothing leaves before the commit
    job = OutboxJob.objects.get()
    assert job.task == FOOTPRINTS and job.kwargs == {"arrangement_ids": [arrangement.pk]}
    assert broker.sent == [(FOOTPRINTS, {**job.kwargs, "outbox_id": job.pk}, str(job.task_id))]
    assert job.status == JobStatus.SENT and job.sends == 1 and job.sent_at


def test_a_rolled_back_change_leaves_no_job(broker, django_capture_on_commit_callbacks):
    arrangement, municipality = ArrangementFactory(), MunicipalityFactory()
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        membership_add(arrangement=arrangement, member=municipality)
        raise RuntimeError("the change fails after the enqueue")
    assert not OutboxJob.objects.exists() and broker.sent == []


def test_with_the_broker_down_the_write_succeeds_and_the_job_waits(
    broker, django_capture_on_commit_callbacks, caplog
):
    broker.down = True
    arrangement = ArrangementFactory()
    with django_capture_on_commit_callbacks(execute=True):
        membership = membership_add(arrangement=arrangement, member=MunicipalityFactory())
    assert membership.pk  # the write itself is committed
    job = OutboxJob.objects.get()
    assert job.status == JobStatus.PENDING and job.sends == 0
    assert failures.snapshot("broker")["count"] == 1  # counted ...
    assert failures.snapshot("broker")["lastError"] == "OperationalError"
    assert "broker unavailable, failing open" in caplog.text  # ... and logged
    broker.down = False
    assert outbox.outbox_sweep() == 1  # the broker is back: the sweep sends it
    assert broker.sent[0][1]["outbox_id"] == job.pk
    job.refresh_from_db()
    assert job.status == JobStatus.SENT


def test_a_database_gone_after_the_commit_does_not_fail_the_write(
    broker, django_capture_on_commit_callbacks, monkeypatch, caplog
):
    """PostgreSQL crashes between the commit and the outbox's "sent" mark (found by
    tests/live/test_faults.py): the committed write must not turn into an error for its
    client; the job stays pending and the sweep sends it again (it runs once: job_run)."""
    arrangement = ArrangementFactory()

    def database_gone(self, **values):
        raise OperationalError("consuming input failed: server closed the connection")

    with django_capture_on_commit_callbacks() as hooks:
        membership = membership_add(arrangement=arrangement, member=MunicipalityFactory())
    with monkeypatch.context() as patch:
        patch.setattr("django.db.models.query.QuerySet.update", database_gone)
        for hook in hooks:
            hook()  # as Django runs them after the commit
    assert membership.pk and len(broker.sent) == 1
    assert all(hook.__qualname__ for hook in hooks)  # Django's robust hooks log by this name
    assert "could not mark them sent" in caplog.text
    job = OutboxJob.objects.get()
    assert job.status == JobStatus.PENDING
    assert outbox.outbox_sweep() == 1 and broker.sent[1][2] == broker.sent[0][2]  # same id


def test_every_service_enqueues_through_the_outbox(broker, world_small, settings):
    settings.REGIOATLAS_IMPORT_INLINE_MAX_BYTES = 10  # the import runs in the background
    upload = SimpleUploadedFile("klein.csv", b"naam;rechtsvormfamilie;leden\nA;netwerk;GM9000\n")
    import_job_create(by=world_small, kind=ImportKind.ARRANGEMENTS, upload=upload, reason="outbox")
    clustering_run_create(parameters={})
    membership_add(arrangement=ArrangementFactory(), member=MunicipalityFactory())
    assert sorted(OutboxJob.objects.values_list("task", flat=True)) == [
        "collaborations.clustering_run_execute",
        FOOTPRINTS,
        "collaborations.import_validate",
    ]


@pytest.fixture
def world_small(django_user_model):
    from collaborations.accounts.choices import EditorRole
    from collaborations.registration.services.accounts import user_role_set

    user = django_user_model.objects.create_user(username="moderator")
    user_role_set(user=user, role=EditorRole.MODERATOR)
    return user


# --- run once -----------------------------------------------------------------------------------
def test_a_job_runs_once_however_often_it_is_sent():
    job = _job(status=JobStatus.SENT)
    calls = []
    run = lambda: calls.append(1) or "result"  # noqa: E731
    assert outbox.job_run(outbox_id=job.pk, worker="w1", max_attempts=3, run=run) == "result"
    assert outbox.job_run(outbox_id=job.pk, worker="w2", max_attempts=3, run=run) is None
    assert calls == [1]
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.attempts == 1 and job.worker == "w1"
    assert job.finished_at is not None


def test_a_task_sent_by_hand_just_runs():
    assert outbox.job_run(outbox_id=None, worker="w", max_attempts=1, run=lambda: 7) == 7


def _failing():
    raise ValueError("boom")


def test_a_failed_job_waits_with_a_back_off_then_fails_after_the_last_attempt():
    job = _job()
    with pytest.raises(ValueError):
        outbox.job_run(outbox_id=job.pk, worker="w", max_attempts=2, run=_failing)
    job.refresh_from_db()
    assert job.status == JobStatus.PENDING and job.error == "ValueError: boom"
    assert job.available_at > timezone.now()  # not sent again at once
    assert outbox.outbox_sweep() == 0
    with pytest.raises(ValueError):
        outbox.job_run(outbox_id=job.pk, worker="w", max_attempts=2, run=_failing)
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and job.attempts == 2 and job.finished_at


def test_a_job_that_ran_out_of_time_is_not_tried_again():
    job = _job()

    def slow():
        raise SoftTimeLimitExceeded

    with pytest.raises(SoftTimeLimitExceeded):
        outbox.job_run(outbox_id=job.pk, worker="w", max_attempts=5, run=slow)
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED


# --- the sweep ----------------------------------------------------------------------------------
def test_the_sweep_sends_what_waits_and_what_was_lost(broker, settings):
    settings.REGIOATLAS_OUTBOX_RESEND_SECONDS = 60
    now = timezone.now()
    waiting = _job()
    lost = _job(status=JobStatus.SENT, sent_at=now - datetime.timedelta(seconds=61))
    queued = _job(status=JobStatus.SENT, sent_at=now)  # in the queue: not sent again
    later = _job(available_at=now + datetime.timedelta(minutes=1))  # backing off
    done = _job(status=JobStatus.DONE, finished_at=now)
    assert outbox.outbox_sweep(worker="celery@a") == 2
    assert sorted(kwargs["outbox_id"] for _, kwargs, _ in broker.sent) == sorted(
        [waiting.pk, lost.pk]
    )
    assert OutboxJob.objects.get(pk=lost.pk).sends == 1
    assert {queued.pk, later.pk, done.pk} <= set(OutboxJob.objects.values_list("pk", flat=True))
    assert WorkerHeartbeat.objects.get().worker == "celery@a"


def test_the_sweep_stops_at_a_broker_that_is_down(broker):
    broker.down = True
    _job(), _job()
    assert outbox.outbox_sweep() == 0
    assert OutboxJob.objects.filter(status=JobStatus.PENDING).count() == 2
    assert failures.snapshot("broker")["count"] == 1  # one refusal, not one per job


def test_jobs_of_a_dead_worker_are_given_back(broker):
    now = timezone.now()
    limit = footprints_recompute_task.time_limit
    stale = _job(
        status=JobStatus.RUNNING,
        started_at=now - datetime.timedelta(seconds=limit + 120),
        worker="celery@b",
    )
    alive = _job(status=JobStatus.RUNNING, started_at=now, worker="celery@b")
    outbox.outbox_sweep()
    assert OutboxJob.objects.get(pk=stale.pk).status == JobStatus.SENT  # given back and sent
    assert OutboxJob.objects.get(pk=alive.pk).status == JobStatus.RUNNING
    # A worker that starts again runs nothing: what it held goes back at once.
    assert outbox.outbox_worker_started(worker="celery@b") == 1
    assert OutboxJob.objects.get(pk=alive.pk).status == JobStatus.PENDING


def test_finished_jobs_are_forgotten_after_some_days(settings):
    settings.REGIOATLAS_OUTBOX_KEEP_DAYS = 7
    old = timezone.now() - datetime.timedelta(days=8)
    _job(status=JobStatus.DONE, finished_at=old)
    failed = _job(status=JobStatus.FAILED, finished_at=old)  # kept for the operator
    recent = _job(status=JobStatus.DONE, finished_at=timezone.now())
    outbox.outbox_sweep()
    assert set(OutboxJob.objects.values_list("pk", flat=True)) == {failed.pk, recent.pk}


def test_the_sweep_is_scheduled_and_expires(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["outbox-sweep"]
    assert entry["task"] == outbox_sweep_task.name
    assert entry["options"]["expires"] == entry["schedule"]


# --- leases: a job whose worker died is taken over (tests/scaleout for the real thing) --------
def test_a_running_job_with_a_live_lease_is_not_taken_over():
    now = timezone.now()
    job = _job(
        status=JobStatus.RUNNING, worker="w1", lease_until=now + datetime.timedelta(seconds=60)
    )
    assert outbox.job_run(outbox_id=job.pk, worker="w2", max_attempts=1, run=lambda: 1) is None
    assert OutboxJob.objects.get(pk=job.pk).worker == "w1"


def test_a_running_job_whose_lease_ran_out_is_taken_over_by_the_next_delivery():
    past = timezone.now() - datetime.timedelta(seconds=1)
    job = _job(status=JobStatus.RUNNING, worker="w1", attempts=1, lease_until=past)
    assert outbox.job_run(outbox_id=job.pk, worker="w2", max_attempts=1, run=lambda: 7) == 7
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.worker == "w2" and job.attempts == 2


def test_the_lease_is_renewed_while_the_job_runs(settings):
    settings.REGIOATLAS_OUTBOX_LEASE_SECONDS = 0.3
    job = _job(status=JobStatus.SENT)
    seen = []

    def body():
        keeper = outbox._LeaseKeeper(job.pk, "w1")
        seen.append(keeper.thread.name)
        return "ok"

    assert outbox.job_run(outbox_id=job.pk, worker="w1", max_attempts=1, run=body) == "ok"
    assert seen == [f"lease-{job.pk}"]
    job.refresh_from_db()
    assert job.lease_until is not None and job.status == JobStatus.DONE


def test_the_sweep_gives_back_a_job_whose_lease_ran_out(broker):
    now = timezone.now()
    lost = _job(
        status=JobStatus.RUNNING,
        started_at=now,
        worker="w1",
        lease_until=now - datetime.timedelta(seconds=1),
    )
    held = _job(
        status=JobStatus.RUNNING,
        started_at=now,
        worker="w2",
        lease_until=now + datetime.timedelta(seconds=60),
    )
    outbox.outbox_sweep()
    assert OutboxJob.objects.get(pk=lost.pk).status == JobStatus.SENT
    assert OutboxJob.objects.get(pk=held.pk).status == JobStatus.RUNNING
