"""Clustering runs as jobs (services.clustering.runs): parameters, execution, results made
visible in one transaction, failures, cancellation, stale runs, the default run, comparison
of runs, the management command, and the task on a real Celery worker (also killed while it
writes)."""

from __future__ import annotations

import datetime
import time
import uuid

import pytest
from celery.exceptions import SoftTimeLimitExceeded
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

from collaborations.clustering import services
from collaborations.clustering.choices import RunStatus
from collaborations.clustering.models import ClusterAssignment, ClusteringRun, ClusterResult
from collaborations.clustering.selectors.runs import clustering_runs_compare
from collaborations.clustering.services import compute as compute_module
from collaborations.clustering.tasks import clustering_run_task
from collaborations.core.models import OutboxJob
from collaborations.geography.models import Municipality
from regioatlas.celery import app
from tests.harness.communities import build_two_communities

pytestmark = pytest.mark.django_db

SMALL = {
    "filters": {"include_divisions": False},
    "weighting": "count",
    "algorithm": "leiden",
    "resolution": 1.0,
    "seed": 1,
    "repetitions": 5,
    "split_contiguous": False,
}


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def data(db):
    return build_two_communities()


def _run(parameters=SMALL, **kwargs) -> ClusteringRun:
    run = services.clustering_run_create(parameters=parameters, enqueue=False)
    return services.clustering_run_execute(run_id=run.pk, **kwargs)


# --- parameters ------------------------------------------------------------------------------
@pytest.mark.django_db
def test_parameters_are_completed_with_the_defaults():
    clean = services.clustering_parameters_validate(parameters={"resolution": 2})
    assert clean == {**services.DEFAULT_PARAMETERS, "resolution": 2.0}
    clean = services.clustering_parameters_validate(
        parameters={"filters": {"themes": ["wonen", "afval", "wonen"], "day": "2024-01-01"}}
    )
    assert clean["filters"] == {"themes": ["afval", "wonen"], "day": "2024-01-01"}
    parameters = services.clustering_parameters_from(clean)
    assert parameters.filters.themes == ("afval", "wonen")
    assert parameters.filters.on == datetime.date(2024, 1, 1)


@pytest.mark.django_db
def test_invalid_parameters_name_each_field():
    with pytest.raises(ValidationError) as caught:
        services.clustering_parameters_validate(
            parameters={
                "weighting": "zwaar",
                "algorithm": "kmeans",
                "resolution": 0,
                "seed": 1.5,
                "repetitions": 201,
                "split_contiguous": "ja",
                "colour": "red",
                "filters": {"themes": ["bestaat-niet"], "day": "gisteren", "text": "x"},
            }
        )
    errors = caught.value.message_dict
    assert set(errors) == {
        "weighting", "algorithm", "resolution", "seed", "repetitions", "split_contiguous",
        "colour", "filters.themes", "filters.day", "filters.text",
    }  # fmt: skip
    assert "bestaat-niet" in errors["filters.themes"][0]
    assert "> 0.0" in errors["resolution"][0]
    with pytest.raises(ValidationError):
        services.clustering_parameters_validate(parameters=[1, 2])
    with pytest.raises(ValidationError):
        services.clustering_parameters_validate(parameters={"repetitions": True})


# --- execution -------------------------------------------------------------------------------
def test_a_run_writes_clusters_assignments_and_measures(data):
    run = _run()
    assert run.status == RunStatus.SUCCEEDED and run.progress == 100
    assert run.started_at <= run.finished_at and run.error == ""
    assert set(run.timings) >= {"netwerk", "clustering", "geografie", "maten", "schrijven"}
    clusters = list(ClusterResult.objects.filter(run=run).order_by("number"))
    assert [(c.number, c.label, c.municipality_count) for c in clusters] == [
        (1, "Utrecht", 4),
        (2, "Noord-Holland", 4),
    ]
    members = {
        a.municipality.name: (a.cluster.number, a.stability)
        for a in ClusterAssignment.objects.filter(run=run).select_related("municipality", "cluster")
    }
    assert members == {
        **{f"a{i}": (1, 1.0) for i in range(1, 5)},
        **{f"b{i}": (2, 1.0) for i in range(1, 5)},
    }
    a = clusters[0].measures
    assert a["territorialeCongruentieGewicht"] == pytest.approx(13 / 14, abs=1e-4)
    assert a["lidmaatschapsCongruentie"] == 0.5 and a["aaneengesloten"] and a["delen"] == 1
    assert a["centrum"]["naam"] == "a2" and a["besteOvereenkomst"]["jaccard"] == 1.0
    assert clusters[0].geom.area == pytest.approx(4 * 0.05 * 0.05, rel=1e-6)
    measures = run.measures
    assert measures["aantalClusters"] == 2
    assert measures["modulariteit"] == pytest.approx(0.4617, abs=1e-4)
    assert measures["dichtstbijzijndeIndeling"]["indeling"] == "provincies"
    assert measures["dichtstbijzijndeIndeling"]["ari"] == 1.0
    assert measures["aantalSamenwerkingsverbanden"] == 8
    assert str(run) == f"BRE-run {run.pk} (succeeded, 2 clusters)"


def test_split_contiguous_post_step_with_an_island(db):
    build_two_communities(island=True)
    run = _run({**SMALL, "split_contiguous": True})
    assert run.status == RunStatus.SUCCEEDED
    island = ClusterAssignment.objects.get(run=run, municipality__name="i1")
    b4 = ClusterAssignment.objects.get(run=run, municipality__name="b4")
    assert island.cluster_id == b4.cluster_id
    cluster = island.cluster
    assert cluster.measures["eilanden"] == ["GM9009"] and cluster.measures["aaneengesloten"]


def test_rerunning_a_run_replaces_its_results(data):
    run = _run()
    before = set(ClusterResult.objects.filter(run=run).values_list("pk", flat=True))
    again = services.clustering_run_execute(run_id=run.pk)
    after = set(ClusterResult.objects.filter(run=again).values_list("pk", flat=True))
    assert again.status == RunStatus.SUCCEEDED and len(after) == 2 and not before & after
    assert ClusterAssignment.objects.filter(run=run).count() == 8


def test_a_failure_mid_run_keeps_earlier_results_and_marks_the_run_failed(data, monkeypatch):
    earlier = _run(make_default=True)

    def killed(*args, **kwargs):
        raise SoftTimeLimitExceeded

    monkeypatch.setattr(compute_module, "cluster_unions", killed)
    run = services.clustering_run_create(parameters=SMALL, enqueue=False)
    with pytest.raises(SoftTimeLimitExceeded):
        services.clustering_run_execute(run_id=run.pk)
    run.refresh_from_db()
    assert run.status == RunStatus.FAILED and "Tijdslimiet" in run.error
    assert run.finished_at is not None
    assert not ClusterResult.objects.filter(run=run).exists()
    assert ClusterResult.objects.filter(run=earlier).count() == 2
    assert ClusteringRun.objects.get(is_default=True) == earlier


def test_a_failure_while_writing_rolls_the_whole_write_back(data, monkeypatch):
    run = _run()
    kept = set(ClusterAssignment.objects.filter(run=run).values_list("pk", flat=True))

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    # The old rows are deleted and new clusters inserted before the assignments fail.
    monkeypatch.setattr(ClusterAssignment.objects, "bulk_create", broken)
    with pytest.raises(RuntimeError):
        services.clustering_run_execute(run_id=run.pk)
    run.refresh_from_db()
    assert run.status == RunStatus.FAILED and run.error == "RuntimeError: disk full"
    assert set(ClusterAssignment.objects.filter(run=run).values_list("pk", flat=True)) == kept
    assert ClusterResult.objects.filter(run=run).count() == 2


def test_cancel_between_repetitions_stops_the_run(data, monkeypatch):
    run = services.clustering_run_create(parameters={**SMALL, "repetitions": 10}, enqueue=False)
    original = compute_module.consensus

    def cancelling_consensus(graph, **kwargs):
        hook = kwargs.pop("on_repetition")

        def on_repetition(done):
            if done == 3:
                services.clustering_run_cancel(run=run)
            hook(done)

        return original(graph, on_repetition=on_repetition, **kwargs)

    monkeypatch.setattr(compute_module, "consensus", cancelling_consensus)
    result = services.clustering_run_execute(run_id=run.pk)
    assert result.status == RunStatus.CANCELLED and result.error == "Geannuleerd."
    assert not ClusterResult.objects.filter(run=run).exists()
    # A cancelled run is not started again.
    assert services.clustering_run_execute(run_id=run.pk).status == RunStatus.CANCELLED


def test_a_finished_run_cannot_be_cancelled(data):
    run = _run()
    with pytest.raises(services.RunFinishedError):
        services.clustering_run_cancel(run=run)


@pytest.mark.django_db
def test_cancel_revokes_the_task(monkeypatch, django_capture_on_commit_callbacks):
    revoked = []
    monkeypatch.setattr(app.control, "revoke", lambda task_id, **kw: revoked.append((task_id, kw)))
    run = ClusteringRun.objects.create(parameters=SMALL, task_id="abc")
    with django_capture_on_commit_callbacks(execute=True):
        services.clustering_run_cancel(run=run)
    assert revoked == [("abc", {"terminate": True})]


@pytest.mark.django_db
def test_stale_running_runs_are_reaped():
    old = timezone.now() - datetime.timedelta(seconds=services.TIME_LIMIT + 60)
    stale = ClusteringRun.objects.create(parameters=SMALL, status="running", heartbeat_at=old)
    alive = ClusteringRun.objects.create(
        parameters=SMALL, status="running", heartbeat_at=timezone.now()
    )
    queued = ClusteringRun.objects.create(parameters=SMALL)
    assert services.clustering_run_reap_stale() == 1
    stale.refresh_from_db()
    alive.refresh_from_db()
    queued.refresh_from_db()
    assert stale.status == "failed" and "teken van leven" in stale.error
    assert alive.status == "running" and queued.status == "queued"


def test_the_default_run(data):
    first = services.clustering_default_run(parameters=SMALL)
    assert first.is_default and first.created_by is None and first.status == "succeeded"
    second = services.clustering_default_run(parameters=SMALL)
    first.refresh_from_db()
    assert second.is_default and not first.is_default


def test_create_enqueues_the_task_on_commit(data, django_capture_on_commit_callbacks, monkeypatch):
    sent = []
    monkeypatch.setattr(
        app,
        "send_task",
        lambda name, kwargs, task_id, **options: sent.append((name, kwargs, task_id)),
    )
    with django_capture_on_commit_callbacks(execute=True):
        run = services.clustering_run_create(parameters=SMALL)
    job = OutboxJob.objects.get()  # the job, written with the run, carries the run's task id
    assert sent == [
        (clustering_run_task.name, {"run_id": run.pk, "outbox_id": job.pk}, run.task_id)
    ]
    assert uuid.UUID(run.task_id) and str(job.task_id) == run.task_id
    assert job.status == "sent"


def _write_partition(run: ClusteringRun, groups: list[list[str]]) -> None:
    """Results written by hand (for comparisons)."""
    run.status = "succeeded"
    run.save()
    for number, names in enumerate(groups, start=1):
        cluster = ClusterResult.objects.create(
            run=run, number=number, label=str(number), municipality_count=len(names)
        )
        for name in names:
            ClusterAssignment.objects.create(
                run=run,
                cluster=cluster,
                municipality=Municipality.objects.get(name=name),
                stability=1.0,
            )


def test_compare_runs(data):
    a = ClusteringRun.objects.create(parameters=SMALL)
    b = ClusteringRun.objects.create(parameters=SMALL)
    _write_partition(a, [["a1", "a2", "a3", "a4"], ["b1", "b2", "b3", "b4"]])
    _write_partition(b, [["a1", "a2", "a3", "a4", "b1"], ["b2", "b3", "b4"]])
    comparison = clustering_runs_compare(run_a=a, run_b=b)
    # Cluster 2 of A overlaps 3 with cluster 2 of B and 1 with cluster 1: b1 changed.
    assert comparison.matches == [
        {"clusterA": 1, "clusterB": 1, "gemeentenA": 4},
        {"clusterA": 2, "clusterB": 2, "gemeentenA": 4},
    ]
    assert [c["code"] for c in comparison.changed] == [data.code("b1")]
    assert comparison.changed[0]["clusterB"] == 1 and comparison.changed[0]["verwachtB"] == 2
    assert comparison.adjusted_rand == pytest.approx(
        (9 - 12 * 13 / 28) / (12.5 - 12 * 13 / 28), abs=1e-6
    )
    assert 0 < comparison.nmi < 1
    same = clustering_runs_compare(run_a=a, run_b=a)
    assert same.changed == [] and same.adjusted_rand == 1.0 and same.nmi == 1.0


def test_management_command(data, capsys):
    call_command("bre_run", "--params", '{"filters": {"include_divisions": false}}', "--default")
    run = ClusteringRun.objects.get(is_default=True)
    assert run.status == "succeeded" and "BRE-run" in capsys.readouterr().out
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="resolution"):
        call_command("bre_run", "--params", '{"resolution": -1}')
    with pytest.raises(CommandError, match="not valid JSON"):
        call_command("bre_run", "--params", "{")


def test_task_time_limits():
    task = app.tasks["collaborations.clustering_run_execute"]
    assert task.soft_time_limit < task.time_limit == services.TIME_LIMIT


# --- a real worker ---------------------------------------------------------------------------
def _wait_for(condition, timeout: float = 60.0, step: float = 0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(step)
    raise AssertionError("timed out")


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_run_on_a_real_worker(celery_worker_process):
    build_two_communities()
    run = services.clustering_run_create(parameters=SMALL)  # on commit: autocommit, now
    done = _wait_for(
        lambda: ClusteringRun.objects.filter(pk=run.pk, status__in=["succeeded", "failed"]).first()
    )
    assert done.status == "succeeded", done.error
    assert ClusterResult.objects.filter(run=run).count() == 2
    assert ClusterAssignment.objects.filter(run=run).count() == 8


def _waiting_for_a_lock() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_clear_snapshot()")  # fresh within a transaction too
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        return cursor.fetchone()[0] > 0


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_while_writing_leaves_no_half_result(celery_worker_process):
    build_two_communities()
    earlier = _run(make_default=True)
    run = _run()  # a run with results, computed again below
    kept = set(ClusterAssignment.objects.filter(run=run).values_list("pk", flat=True))
    with transaction.atomic():
        # Block deletes from the clusters table: the worker computes, starts its write
        # transaction, deletes the run's old assignments and then waits here.
        with connection.cursor() as cursor:
            cursor.execute(f"LOCK TABLE {ClusterResult._meta.db_table} IN SHARE MODE")
        clustering_run_task.apply_async(args=[run.pk])
        _wait_for(lambda: ClusteringRun.objects.filter(pk=run.pk, progress__gte=95).exists())
        _wait_for(_waiting_for_a_lock)
        celery_worker_process.kill()  # SIGKILL in the middle of the write transaction
        celery_worker_process.wait(timeout=10)
    run.refresh_from_db()
    assert run.status == "running" and run.progress == 95  # nobody could say otherwise ...
    # ... but nothing half-written: the old results are all there, as they were.
    _wait_for(lambda: not _waiting_for_a_lock())
    assert set(ClusterAssignment.objects.filter(run=run).values_list("pk", flat=True)) == kept
    assert ClusterResult.objects.filter(run=run).count() == 2
    assert services.clustering_run_reap_stale(older_than=datetime.timedelta(0)) == 1
    run.refresh_from_db()
    assert run.status == "failed" and "teken van leven" in run.error
    assert ClusteringRun.objects.get(is_default=True) == earlier
    assert ClusterAssignment.objects.filter(run=earlier).count() == 8
