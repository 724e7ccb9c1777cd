"""Helpers of the fault tests (tests/live/test_faults.py): the site on throwaway servers,
background traffic that records every answer, and waiting for /health/ready."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import requests

from tests.harness.processes import (
    ROOT,
    CeleryWorker,
    Gunicorn,
    ThrowawayPostgres,
    ThrowawayRedis,
    wait_until,
)

GZIP = {"Accept-Encoding": "gzip"}


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


def manage(env: dict, *args: str) -> str:
    result = subprocess.run(  # noqa: S603 - fixed arguments
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=180
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-4000:]
    return result.stdout


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


def ready_parts(site: Site) -> tuple[int, dict]:
    response = site.ready()
    return response.status_code, response.json()


def wait_for_ready(site: Site, want: Callable[[int, dict], bool], timeout: float) -> float:
    """Seconds until /health/ready shows what ``want`` asks."""
    started = time.monotonic()
    wait_until(lambda: want(*ready_parts(site)), timeout, "the expected /health/ready")
    return time.monotonic() - started


def all_up(status: int, report: dict) -> bool:
    return status == 200 and report["status"] == "ok"


@contextlib.contextmanager
def restarted_finally(server: ThrowawayPostgres | ThrowawayRedis) -> Iterator[None]:
    """Whatever happens in the block, the server runs after it (for the next tests)."""
    try:
        yield
    finally:
        if isinstance(server, ThrowawayRedis) and not server.alive():
            server.start()
        if isinstance(server, ThrowawayPostgres) and not server.running():
            server.start()


def burst(site: Site, count: int = 24) -> list[int]:
    """``count`` reads at once (enough to reach every thread of every gunicorn worker)."""
    with ThreadPoolExecutor(max_workers=count) as pool:
        paths = [site.reads[i % len(site.reads)] for i in range(count)]
        return list(pool.map(lambda path: site.get(path).status_code, paths))
