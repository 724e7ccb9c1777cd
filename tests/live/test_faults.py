"""Fault tests: the site under gunicorn with a Celery worker (and beat), on a PostgreSQL and a
Redis of their own (tests/harness/processes.py), while those servers are killed and restarted
mid-traffic (docs/operations.md).

They never touch the machine's default services: the throwaway servers listen on free
loopback ports and live in temporary folders. One PostgreSQL, Redis, gunicorn and worker serve
the whole module; each test leaves every server running as it found it."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Iterator

import pytest

from tests.harness.faults import (
    Site,
    Traffic,
    all_up,
    burst,
    manage,
    ready_parts,
    restarted_finally,
    wait_for_ready,
)
from tests.harness.processes import (
    CeleryWorker,
    Gunicorn,
    ThrowawayPostgres,
    ThrowawayRedis,
    site_env,
    unique_queue,
    wait_until,
)

pytestmark = [pytest.mark.live, pytest.mark.fault, pytest.mark.slow]

#: The sweep of the outbox runs every second here (30 s in production).
SWEEP_SECONDS = 1
#: A heartbeat older than this is a stale worker.
STALE_SECONDS = 4


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Iterator[Site]:
    logs = tmp_path_factory.mktemp("faults")
    pg = ThrowawayPostgres().init()
    redis = ThrowawayRedis()
    redis.start()
    env = site_env(
        database_url=pg.url,
        cache_url=f"rediscache://127.0.0.1:{redis.port}/0",
        broker_url=redis.url(1),
        queue=unique_queue("fault"),
        REGIOATLAS_OUTBOX_SWEEP_SECONDS=str(SWEEP_SECONDS),
        REGIOATLAS_WORKER_STALE_SECONDS=str(STALE_SECONDS),
        DJANGO_CONN_MAX_AGE="600",  # persistent connections: a restart must not break them
    )
    web = worker = None
    try:
        manage(env, "manage.py", "migrate", "--noinput", "-v", "0")
        world = json.loads(manage(env, "-m", "tests.harness.small_world").strip().splitlines()[-1])
        web = Gunicorn(env, logs / "gunicorn.log", workers=2, threads=4)
        web.start()
        worker = CeleryWorker(env, logs / "worker.log", beat=True)
        worker.start()
        site = Site(pg=pg, redis=redis, web=web, worker=worker, world=world, url=web.url)
        site.reads = [
            "/",
            "/gemeenten/GM9000",
            f"/samenwerkingsverbanden/{world['arrangement']}-{world['slug']}",
            "/api/v1/gemeenten?geometrie=false",
            "/api/v1/samenwerkingsverbanden",
            f"/api/v1/samenwerkingsverbanden/{world['arrangement']}",
        ]
        yield site
    except BaseException:
        for process in (web, worker, redis):
            if process is not None:
                print(process.output(), file=sys.stderr)
        raise
    finally:
        for process in (worker, web):
            if process is not None:
                process.stop()
        redis.remove()
        pg.remove()


# --- the tests ------------------------------------------------------------------------------------
def test_ready_reports_every_part(site):
    wait_for_ready(site, all_up, 30)
    response = site.ready()
    report = response.json()
    assert set(report["checks"]) == {"database", "data", "cache", "broker", "worker"}
    assert all(part["status"] == "up" for part in report["checks"].values())
    assert report["checks"]["data"]["municipalities"] == 4
    assert report["checks"]["worker"]["heartbeatAgeSeconds"] <= STALE_SECONDS
    assert report["jobs"]["failed"] == 0
    assert "no-store" in response.headers["Cache-Control"]
    text = response.text  # no address, user or password of any server
    assert str(site.pg.port) not in text and str(site.redis.port) not in text
    assert "postgis://" not in text and "redis://" not in text
    live = site.get("/health")
    assert live.status_code == 200 and live.json() == {"status": "ok"}


def test_reads_keep_answering_while_redis_is_down(site):
    wait_for_ready(site, all_up, 30)
    for path in site.reads:
        assert site.get(path).status_code == 200, path
    with Traffic(site) as traffic, restarted_finally(site.redis):
        time.sleep(0.5)
        site.redis.kill()
        killed = time.monotonic()
        wait_for_ready(
            site,
            lambda status, report: (
                status == 200
                and report["status"] == "degraded"
                and report["checks"]["cache"]["status"] == "down"
                and report["checks"]["broker"]["status"] == "down"
                and report["checks"]["cache"]["failOpen"]["count"] > 0
            ),
            10,
        )
        time.sleep(1.0)
        site.redis.start()
        back = time.monotonic()
        recovery = wait_for_ready(site, _all_up_but_worker, 5)
        time.sleep(0.5)
    assert recovery < 1.0, f"/health/ready saw Redis back after {recovery:.2f} s"
    down = [r for r in traffic.results if killed <= r[0] and r[1] <= back]
    assert len(down) > 20, "too little traffic while Redis was down"
    failures = [r for r in traffic.results if r[3] != 200]
    assert not failures, failures[:10]
    # The cache is used again at once: a read after the restart fills it.
    site.get("/api/v1/gemeenten?geometrie=false")
    assert site.redis.client(0).dbsize() > 0


def _all_up_but_worker(status: int, report: dict) -> bool:
    """Cache and broker back (the worker may need a moment to reconnect)."""
    checks = report["checks"]
    return status == 200 and checks["cache"]["status"] == checks["broker"]["status"] == "up"


def test_writes_while_redis_is_down_are_not_lost(site):
    wait_for_ready(site, all_up, 30)
    site.redis.kill()
    try:
        started = time.monotonic()
        response = site.create("Regio zonder Redis")
        took = time.monotonic() - started
        assert response.status_code == 201, response.text
        assert took < 3, f"the write took {took:.1f} s with Redis down"
        created = response.json()["samenwerkingsverband"]
        assert site.get(f"/api/v1/samenwerkingsverbanden/{created}").status_code == 200
        # Its footprint is a job in the outbox, waiting for the broker.
        time.sleep(SWEEP_SECONDS * 2)
        assert site.footprint_area(created) is None
        report = site.ready().json()
        assert report["jobs"]["waitingForBroker"] >= 1
        assert report["checks"]["broker"]["sendFailures"]["count"] >= 0
    finally:
        site.redis.start()
    back = time.monotonic()
    wait_until(lambda: site.footprint_area(created) is not None, 60, "the footprint job")
    ran_after = time.monotonic() - back
    # Two grid cells of 0.05 degrees (tests/factories.py).
    assert site.footprint_area(created) == pytest.approx(2 * 0.05 * 0.05, rel=1e-6)
    wait_until(lambda: site.ready().json()["jobs"]["unfinished"] == 0, 10, "an empty outbox")
    print(f"footprint job ran {ran_after:.1f} s after Redis came back")


def test_postgres_crash_loses_no_acknowledged_write(site):
    wait_for_ready(site, all_up, 30)
    with Traffic(site, write=True) as traffic, restarted_finally(site.pg):
        time.sleep(1.0)
        killed = time.monotonic()
        site.pg.kill()  # an immediate shutdown: a crash, no checkpoint
        time.sleep(1.0)
        status, report = ready_parts(site)
        assert status == 503 and report["status"] == "unavailable"
        assert report["checks"]["database"]["status"] == "down"
        site.pg.start()
        back = time.monotonic()
        recovery = wait_for_ready(site, lambda status, report: status == 200, 5)
        time.sleep(1.5)
    assert recovery < 1.0, f"/health/ready saw PostgreSQL back after {recovery:.2f} s"
    errors = [r for r in traffic.results if r[3] == 500]
    assert not errors, f"a 500 instead of 503 while PostgreSQL was away: {errors[:5]}\n" + (
        site.web.output(12000)
    )
    assert traffic.statuses(answered_before=killed) <= {200, 201}
    # Requests in flight, or sent while PostgreSQL was away, may fail (503, Retry-After);
    # every request sent after it is back succeeds, on every gunicorn thread (each one
    # checks its persistent connection before using it: CONN_HEALTH_CHECKS).
    after = [r for r in traffic.results if r[0] >= back]
    assert len(after) > 20, "too little traffic after the restart"
    assert {r[3] for r in after} <= {200, 201}, [r for r in after if r[3] not in (200, 201)]
    outage = [r for r in traffic.results if r[0] < back and r[1] > killed]
    print(
        f"PostgreSQL crash: {len(traffic.results)} requests, {len(outage)} during the outage "
        f"({sorted({r[3] for r in outage})}), {len(after)} after it, all succeeded; "
        f"{len(traffic.acknowledged)} acknowledged writes, all present"
    )
    assert traffic.acknowledged, "no write was acknowledged"
    ids = [row[0] for row in site.pg.query("SELECT id FROM collaborations_arrangement")]
    missing = set(traffic.acknowledged) - set(ids)
    assert not missing, f"acknowledged writes lost: {sorted(missing)}"
    # The worker reconnects too: the footprint of a write after the restart is computed.
    response = site.create(f"Regio na de herstart {time.monotonic_ns()}")
    assert response.status_code == 201
    created = response.json()["samenwerkingsverband"]
    wait_until(lambda: site.footprint_area(created) is not None, 60, "the footprint job")


def test_after_a_quiet_postgres_restart_the_next_requests_succeed(site):
    """No traffic during the restart: every gunicorn thread still holds a connection to the
    old server. Each checks it before use (CONN_HEALTH_CHECKS) and reconnects, instead of
    answering an error once."""
    wait_for_ready(site, all_up, 30)
    assert set(burst(site)) == {200}  # every thread has its persistent connection now
    with restarted_finally(site.pg):
        site.pg.kill()
        site.pg.start()
    statuses = burst(site) + burst(site)
    assert set(statuses) == {200}, statuses


def test_a_worker_that_stops_leaves_its_jobs_in_the_outbox(site):
    wait_for_ready(site, all_up, 30)
    site.worker.kill()
    try:
        wait_for_ready(
            site,
            lambda status, report: (
                status == 200 and report["checks"]["worker"]["status"] == "stale"
            ),
            STALE_SECONDS + 5,
        )
        response = site.create("Regio zonder worker")
        assert response.status_code == 201
        created = response.json()["samenwerkingsverband"]
        time.sleep(1)
        assert site.footprint_area(created) is None
    finally:
        site.worker.start()
    wait_until(lambda: site.footprint_area(created) is not None, 60, "the footprint job")
    wait_for_ready(site, all_up, 10)
