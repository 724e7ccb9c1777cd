"""`make serve` (scripts/serve.sh, issue 15 part 2) starts: gunicorn with gunicorn.conf.py on a
free port, production settings (DEBUG off), a Celery worker with beat; Ctrl-C stops both."""

from __future__ import annotations

import os
import signal
import subprocess
import time

import pytest
import requests

from tests.conftest import ROOT, _database_url
from tests.harness.processes import free_port, wait_until

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def test_make_serve_starts_production_like_and_stops(tmp_path):
    from django.db import connection

    port = free_port()
    env = {
        **os.environ,
        "SKIP_SETUP": "1",
        "PORT": str(port),
        "DATABASE_URL": _database_url(connection.settings_dict),
        "CELERY_TASK_DEFAULT_QUEUE": f"serve-test-{port}",
        "CACHE_URL": "rediscache://127.0.0.1:6379/11",
        "WORKER_PIDFILE": str(tmp_path / "worker.pid"),
        "WORKER_LOGFILE": str(tmp_path / "worker.log"),
        "GUNICORN_WORKERS": "1",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    log = (tmp_path / "serve.log").open("w")
    process = subprocess.Popen(  # noqa: S603 - our own script
        ["bash", str(ROOT / "scripts" / "serve.sh")],  # noqa: S607
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:

        def up() -> bool:
            assert process.poll() is None, (tmp_path / "serve.log").read_text()[-3000:]
            try:
                return requests.get(url + "/health", timeout=2).status_code == 200
            except requests.RequestException:
                return False

        wait_until(up, 120, "make serve")
        missing = requests.get(url + "/bestaat-niet", timeout=10)
        assert missing.status_code == 404
        assert "Traceback" not in missing.text and "DEBUG = True" not in missing.text
        worker_pid = int((tmp_path / "worker.pid").read_text())
        os.kill(worker_pid, 0)  # the worker (with beat) runs
    finally:
        os.killpg(process.pid, signal.SIGINT)
        try:
            process.wait(timeout=40)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
    time.sleep(1)
    assert not (tmp_path / "worker.pid").exists()  # the worker stopped with it
