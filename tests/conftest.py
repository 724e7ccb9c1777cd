"""Shared fixtures. Factories live in tests/factories.py."""

import os
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from django.conf import settings as django_settings

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts with an empty (in-process) cache: the data version, and so every
    cache key derived from it (counts, compressed responses), starts over with each test's
    rolled-back data."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _seeded_themes(request):
    """Transactional tests flush the database, which removes the themes the migrations seed;
    put the managed list back for every test that uses the database."""
    marker = request.node.get_closest_marker("django_db")
    names = set(request.fixturenames)
    if marker is None and not names & {"db", "transactional_db"}:
        return
    transactional = "transactional_db" in names or (
        marker is not None and marker.kwargs.get("transaction", False)
    )
    request.getfixturevalue("transactional_db" if transactional else "db")
    from collaborations.arrangements.services.themes import themes_seed

    themes_seed()


@pytest.fixture(scope="session")
def real_data_dir() -> Path:
    """The real shared data folder; tests that need it are skipped where it is absent."""
    path = Path(django_settings.REGIOATLAS_DATA_DIR)
    if not (path / "nl" / "cbs" / "2024" / "gemeente.geojson").exists():
        pytest.skip(f"real data not found in {path} (set REGIOATLAS_DATA_DIR)")
    return path


def _database_url(db: dict) -> str:
    user = quote(db.get("USER") or "", safe="")
    password = quote(db.get("PASSWORD") or "", safe="")
    auth = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or 5432
    return f"postgis://{auth}{host}:{port}/{db['NAME']}"


@pytest.fixture
def celery_worker_process(transactional_db):
    """A real Celery worker process on Redis, consuming a queue of its own and using the test
    database. Tests that use it must be transactional (the worker sees committed data only)."""
    from django.db import connection

    from regioatlas.celery import app

    queue = f"test-{uuid.uuid4().hex[:10]}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "regioatlas.settings.test",
        "DATABASE_URL": _database_url(connection.settings_dict),
        "CELERY_TASK_DEFAULT_QUEUE": queue,
        "REGIOATLAS_DATA_DIR": str(django_settings.REGIOATLAS_DATA_DIR),
    }
    command = [sys.executable, "-m", "celery", "-A", "regioatlas", "worker", "-Q", queue]
    command += ["--pool", "solo", "--loglevel", "WARNING", "--without-mingle"]
    command += ["--without-gossip", "--without-heartbeat", "-n", f"{queue}@%h"]
    worker = subprocess.Popen(command, cwd=ROOT, env=env)  # noqa: S603 - fixed arguments
    previous_queue = app.conf.task_default_queue
    app.conf.task_default_queue = queue
    try:
        _wait_for_worker(app, queue)
        yield worker
    finally:
        app.conf.task_default_queue = previous_queue
        worker.terminate()
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()


def _wait_for_worker(app, queue: str, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        replies = app.control.ping(destination=[f"{queue}@{os.uname().nodename}"], timeout=1)
        if replies:
            return
    raise RuntimeError("the Celery worker did not start")


# --- the live-server harness (tests/harness) ------------------------------------------------
#: Redis databases of the live site: its cache, and its broker (queues are per session).
LIVE_CACHE_DB = int(os.environ.get("REGIOATLAS_LIVE_CACHE_DB", 13))
LIVE_BROKER_DB = int(os.environ.get("REGIOATLAS_LIVE_BROKER_DB", 14))


@dataclass
class LiveSite:
    """The site under gunicorn on the test database, with a Redis cache of its own; ``url`` is
    its root, ``worker`` the Celery worker that consumes its queue (see ``live_worker``)."""

    url: str
    server: Any
    env: dict
    logs: Path
    worker: Any = None

    def clear_cache(self) -> None:
        import redis

        redis.Redis.from_url(
            self.env["REGIOATLAS_TEST_CACHE_URL"].replace("rediscache", "redis")
        ).flushdb()


@pytest.fixture(scope="session")
def live_site(django_db_setup, django_db_blocker, tmp_path_factory):
    """One gunicorn for the session, serving the test database (tests that use it commit their
    data: see ``live``)."""
    from django.db import connection

    from tests.harness.processes import Gunicorn, site_env, unique_queue

    logs = tmp_path_factory.mktemp("live")
    with django_db_blocker.unblock():
        database_url = _database_url(connection.settings_dict)
    if not connection.settings_dict["NAME"].startswith("test_"):
        # Tests commit and flush through this site: never let it serve a development database.
        pytest.fail(
            f"live_site would serve {connection.settings_dict['NAME']!r}, not a test database"
        )
    env = site_env(
        database_url=database_url,
        cache_url=f"rediscache://127.0.0.1:6379/{LIVE_CACHE_DB}",
        broker_url=f"redis://127.0.0.1:6379/{LIVE_BROKER_DB}",
        queue=unique_queue(),
        REGIOATLAS_DATA_DIR=str(django_settings.REGIOATLAS_DATA_DIR),
        DJANGO_MEDIA_ROOT=str(logs / "media"),  # uploads of the live site, not the worktree's
    )
    server = Gunicorn(env, logs / "gunicorn.log")
    server.start()
    site = LiveSite(url=server.url, server=server, env=env, logs=logs)
    try:
        yield site
    finally:
        server.stop()


@pytest.fixture
def live(transactional_db, live_site):
    """The live site for one test: its cache is empty and the data the test commits is what
    the site serves (the database is flushed after the test, as for every transactional
    test)."""
    live_site.clear_cache()
    yield live_site
    live_site.clear_cache()


@pytest.fixture(scope="session")
def live_worker(live_site):
    """A Celery worker on the live site's queue, for the session."""
    from tests.harness.processes import CeleryWorker

    worker = CeleryWorker(live_site.env, live_site.logs / "worker.log")
    worker.start()
    live_site.worker = worker
    try:
        yield worker
    finally:
        worker.stop()
        live_site.worker = None


@pytest.fixture(scope="session")
def browser():
    """One chromium for the session. Playwright's sync API keeps an event loop in the main
    thread; Django's database calls from fixtures in that thread stay synchronous."""
    from playwright.sync_api import sync_playwright

    from tests.harness.browser import CHROMIUM, CHROMIUM_ARGS

    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield instance
            instance.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous
