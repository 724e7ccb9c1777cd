"""Fault tests: the site under gunicorn with a Celery worker (and beat), on a PostgreSQL and a
Redis of their own (tests/harness/processes.py), while those servers are killed and restarted
mid-traffic (docs/operations.md).

They never touch the machine's default services: the throwaway servers listen on free
loopback ports and live in temporary folders. One PostgreSQL, Redis, gunicorn and worker serve
the whole module; each test leaves every server running as it found it."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import pytest
import requests

from tests.harness.processes import (
    ROOT,
    CeleryWorker,
    Gunicorn,
    ThrowawayPostgres,
    ThrowawayRedis,
    site_env,
    unique_queue,
    wait_until,
)

pytestmark = [pytest.mark.live, pytest.mark.fault, pytest.mark.slow]

GZIP = {"Accept-Encoding": "gzip"}
#: The sweep of the outbox runs every second here (30 s in production).
SWEEP_SECONDS = 1
#: A heartbeat older than this is a stale worker.
STALE_SECONDS = 4


@dataclass
class Site:
    pg: ThrowawayPostgres
    redis: ThrowawayRedis
    web: Gunicorn
    worker: CeleryWorker
    world: dict
    url: str = ""
    reads: list[str] = field(default_factory=list)

    def get(self, path: str, timeout: float = 10) -> requests.Response:
        return requests.get(self.url + path, headers=GZIP, timeout=timeout)

    def ready(self) -> requests.Response:
        return self.get("/health/ready")

    def create(self, name: str, codes: tuple[str, str] = ("GM9002", "GM9003")) -> requests.Response:
        """A new arrangement of two municipalities by the moderator (published at once; its
        footprint is a background job)."""
        body = {
            "naam": name,
            "rechtsvormFamilie": "netwerk",
            "rechtsvorm": "convenant",
            "verplicht": False,
            "themas": ["wonen"],
            "startdatum": "2020-01-01",
            "leden": [{"soort": "gemeente", "code": code} for code in codes],
            "reden": "Fouttest",
        }
        return requests.post(
            self.url + "/api/v1/registraties",
            json=body,
            headers={**GZIP, "Authorization": f"Token {self.world['token']}"},
            timeout=10,
        )

    def footprint_area(self, arrangement_id: int) -> float | None:
        rows = self.pg.query(
            "SELECT ST_Area(footprint) FROM collaborations_arrangement WHERE id = %s",
            (arrangement_id,),
        )
        return rows[0][0] if rows else None

    def jobs(self, status: str) -> int:
        rows = self.pg.query(
            "SELECT count(*) FROM collaborations_outboxjob WHERE status = %s", (status,)
        )
        return rows[0][0]


def _manage(env: dict, *args: str) -> str:
    result = subprocess.run(  # noqa: S603 - fixed arguments
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=180
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-4000:]
    return result.stdout


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
        _manage(env, "manage.py", "migrate", "--noinput", "-v", "0")
        world = json.loads(_manage(env, "-m", "tests.harness.small_world").strip().splitlines()[-1])
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


@dataclass
class Traffic:
    """Reads (and optionally writes) in background threads until stopped; every response is
    recorded with the moment it was answered."""

    site: Site
    threads: int = 3
    write: bool = False
    #: (started, answered, what, status); status 0: no answer at all
    results: list[tuple[float, float, str, int]] = field(default_factory=list)
    acknowledged: list[int] = field(default_factory=list)
    _stop: threading.Event = field(default_factory=threading.Event)
    _workers: list[threading.Thread] = field(default_factory=list)

    def __enter__(self) -> Traffic:
        for index in range(self.threads):
            self._workers.append(threading.Thread(target=self._read, args=(index,), daemon=True))
        if self.write:
            self._workers.append(threading.Thread(target=self._write, daemon=True))
        for thread in self._workers:
            thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        for thread in self._workers:
            thread.join(timeout=30)

    def _record(self, what: str, call: Callable[[], requests.Response]) -> requests.Response | None:
        started = time.monotonic()
        try:
            response = call()
        except requests.RequestException:
            self.results.append((started, time.monotonic(), what, 0))
            return None
        self.results.append((started, time.monotonic(), what, response.status_code))
        return response

    def _read(self, index: int) -> None:
        paths = self.site.reads
        count = index
        while not self._stop.is_set():
            path = paths[count % len(paths)]
            self._record(path, lambda path=path: self.site.get(path))
            count += 1

    def _write(self) -> None:
        number = 0
        while not self._stop.is_set():
            number += 1
            name = f"Schrijftest {os.getpid()}-{time.monotonic_ns()}-{number}"
            response = self._record("POST", lambda name=name: self.site.create(name))
            if response is not None and response.status_code == 201:
                self.acknowledged.append(response.json()["samenwerkingsverband"])
            time.sleep(0.05)

    def statuses(self, *, started_after: float = 0.0, answered_before: float = float("inf")):
        """The statuses of the requests started after and answered before those moments."""
        return {
            status
            for started, answered, _, status in self.results
            if started >= started_after and answered <= answered_before
        }


def _ready_parts(site: Site) -> tuple[int, dict]:
    response = site.ready()
    return response.status_code, response.json()


def _wait_for_ready(site: Site, want: Callable[[int, dict], bool], timeout: float) -> float:
    """Seconds until /health/ready shows what ``want`` asks."""
    started = time.monotonic()
    wait_until(lambda: want(*_ready_parts(site)), timeout, "the expected /health/ready")
    return time.monotonic() - started


def _all_up(status: int, report: dict) -> bool:
    return status == 200 and report["status"] == "ok"


@contextlib.contextmanager
def _restarted_finally(server: ThrowawayPostgres | ThrowawayRedis) -> Iterator[None]:
    """Whatever happens in the block, the server runs after it (for the next tests)."""
    try:
        yield
    finally:
        if isinstance(server, ThrowawayRedis) and not server.alive():
            server.start()
        if isinstance(server, ThrowawayPostgres) and not server.running():
            server.start()


# --- the tests ------------------------------------------------------------------------------------
def test_ready_reports_every_part(site):
    _wait_for_ready(site, _all_up, 30)
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
    _wait_for_ready(site, _all_up, 30)
    for path in site.reads:
        assert site.get(path).status_code == 200, path
    with Traffic(site) as traffic, _restarted_finally(site.redis):
        time.sleep(0.5)
        site.redis.kill()
        killed = time.monotonic()
        _wait_for_ready(
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
        recovery = _wait_for_ready(site, _all_up_but_worker, 5)
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
    _wait_for_ready(site, _all_up, 30)
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
    _wait_for_ready(site, _all_up, 30)
    with Traffic(site, write=True) as traffic, _restarted_finally(site.pg):
        time.sleep(1.0)
        killed = time.monotonic()
        site.pg.kill()  # an immediate shutdown: a crash, no checkpoint
        time.sleep(1.0)
        status, report = _ready_parts(site)
        assert status == 503 and report["status"] == "unavailable"
        assert report["checks"]["database"]["status"] == "down"
        site.pg.start()
        back = time.monotonic()
        recovery = _wait_for_ready(site, lambda status, report: status == 200, 5)
        time.sleep(1.5)
    assert recovery < 1.0, f"/health/ready saw PostgreSQL back after {recovery:.2f} s"
    assert 500 not in traffic.statuses(), "a 500 instead of 503 while PostgreSQL was away"
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
    response = site.create("Regio na de herstart")
    assert response.status_code == 201
    created = response.json()["samenwerkingsverband"]
    wait_until(lambda: site.footprint_area(created) is not None, 60, "the footprint job")


def _burst(site: Site, count: int = 24) -> list[int]:
    """``count`` reads at once (enough to reach every thread of every gunicorn worker)."""
    with ThreadPoolExecutor(max_workers=count) as pool:
        paths = [site.reads[i % len(site.reads)] for i in range(count)]
        return list(pool.map(lambda path: site.get(path).status_code, paths))


def test_after_a_quiet_postgres_restart_the_next_requests_succeed(site):
    """No traffic during the restart: every gunicorn thread still holds a connection to the
    old server. Each checks it before use (CONN_HEALTH_CHECKS) and reconnects, instead of
    answering an error once."""
    _wait_for_ready(site, _all_up, 30)
    assert set(_burst(site)) == {200}  # every thread has its persistent connection now
    with _restarted_finally(site.pg):
        site.pg.kill()
        site.pg.start()
    statuses = _burst(site) + _burst(site)
    assert set(statuses) == {200}, statuses


def test_a_worker_that_stops_leaves_its_jobs_in_the_outbox(site):
    _wait_for_ready(site, _all_up, 30)
    site.worker.kill()
    try:
        _wait_for_ready(
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
    _wait_for_ready(site, _all_up, 10)
