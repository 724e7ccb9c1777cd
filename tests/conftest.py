"""Shared fixtures. Factories live in tests/factories.py."""

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings as django_settings

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _seeded_themes(request):
    """Transactional tests flush the database, which removes the themes the migrations seed;
    put the managed list back for every test that uses the database."""
    marker = request.node.get_closest_marker("django_db")
    if marker is None:
        return
    transactional = marker.kwargs.get("transaction", False)
    request.getfixturevalue("transactional_db" if transactional else "db")
    from collaborations.services import themes_seed

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
