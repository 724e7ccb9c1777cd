"""Real processes for tests that should behave like the world: the site under gunicorn, a
Celery worker, and throwaway PostgreSQL and Redis servers on free loopback ports.

Nothing here touches the machine's default services: the throwaway servers live in temporary
folders, listen on 127.0.0.1 only, and are removed when stopped. Every wait is bounded."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[2]
PG_BIN = Path(os.environ.get("REGIOATLAS_PG_BIN", "/usr/lib/postgresql/15/bin"))


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nobody listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(check: Callable[[], bool], timeout: float, what: str) -> None:
    """Poll ``check`` (which may raise) until it is true; fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    last: Exception | None = None
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except Exception as exc:  # any failure means "not yet"
            last = exc
        time.sleep(0.1)
    raise RuntimeError(f"{what} not ready after {timeout:.0f} s ({last!r})")


def _port_open(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.2)
        return sock.connect_ex(("127.0.0.1", port)) == 0


class Process:
    """A child process with its output in a log file (shown when it fails)."""

    def __init__(self, command: list[str], env: dict[str, str], log: Path, cwd: Path = ROOT):
        self.command, self.env, self.log, self.cwd = command, env, log, cwd
        self.popen: subprocess.Popen | None = None

    def start(self) -> None:
        handle = self.log.open("ab")
        self.popen = subprocess.Popen(  # noqa: S603 - fixed arguments built by the tests
            self.command,
            cwd=self.cwd,
            env=self.env,
            stdout=handle,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        handle.close()

    def alive(self) -> bool:
        return self.popen is not None and self.popen.poll() is None

    def signal(self, sig: int) -> None:
        if self.alive():
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.popen.pid, sig)

    def stop(self, timeout: float = 15) -> None:
        if self.popen is None:
            return
        self.signal(signal.SIGTERM)
        try:
            self.popen.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.signal(signal.SIGKILL)
            self.popen.wait(timeout=timeout)

    def kill(self) -> None:
        """SIGKILL, as a crash or an OOM kill would."""
        if self.popen is not None:
            self.signal(signal.SIGKILL)
            self.popen.wait(timeout=15)

    def output(self, tail: int = 4000) -> str:
        try:
            return self.log.read_text(errors="replace")[-tail:]
        except FileNotFoundError:
            return ""


def site_env(
    *, database_url: str, cache_url: str, broker_url: str, queue: str, **extra: str
) -> dict[str, str]:
    """The environment of a site process (gunicorn or worker) under the test settings."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": os.environ.get(
            "REGIOATLAS_LIVE_SETTINGS", "regioatlas.settings.test"
        ),
        "DATABASE_URL": database_url,
        "REGIOATLAS_TEST_CACHE_URL": cache_url,
        "CELERY_BROKER_URL": broker_url,
        "CELERY_RESULT_BACKEND": broker_url,
        "CELERY_TASK_DEFAULT_QUEUE": queue,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "PYTHONUNBUFFERED": "1",
        "REGIOATLAS_RESPONSE_CACHE": "true",  # as in production (atlas_api/response_cache.py)
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    env.update(extra)
    return env


class Gunicorn(Process):
    """The site under gunicorn, the production WSGI server, on a free loopback port."""

    def __init__(self, env: dict[str, str], log: Path, *, workers: int = 2, threads: int = 4):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        command = [sys.executable, "-m", "gunicorn", "regioatlas.wsgi:application"]
        command += ["--config", str(ROOT / "gunicorn.conf.py")]
        command += ["--bind", f"127.0.0.1:{self.port}", "--workers", str(workers)]
        command += ["--threads", str(threads), "--timeout", "60", "--graceful-timeout", "5"]
        super().__init__(command, env, log)

    def start(self, timeout: float = 60) -> None:
        super().start()
        try:
            wait_until(self._up, timeout, f"gunicorn on {self.url}")
        except RuntimeError as exc:
            self.stop()
            raise RuntimeError(f"{exc}\n{self.output()}") from None

    def _up(self) -> bool:
        if not self.alive():
            raise RuntimeError("gunicorn exited")
        return requests.get(self.url + "/health", timeout=2).status_code == 200


class CeleryWorker(Process):
    """A Celery worker consuming the site's queue (``CELERY_TASK_DEFAULT_QUEUE``)."""

    def __init__(self, env: dict[str, str], log: Path, *, beat: bool = False):
        self.queue = env["CELERY_TASK_DEFAULT_QUEUE"]
        self.name = f"{self.queue}@{os.uname().nodename}"
        command = [sys.executable, "-m", "celery", "-A", "regioatlas", "worker"]
        command += ["-Q", self.queue, "-n", self.name, "--pool", "solo", "-l", "INFO"]
        command += ["--without-mingle", "--without-gossip"]
        if beat:
            command += ["--beat", "--schedule", str(log.with_suffix(".beat"))]
        super().__init__(command, env, log)

    def start(self, timeout: float = 60) -> None:
        offset = self.log.stat().st_size if self.log.exists() else 0  # a restart: new lines
        super().start()
        wait_until(
            lambda: "ready." in self._log_since(offset), timeout, f"celery worker {self.name}"
        )

    def _log_since(self, offset: int) -> str:
        with self.log.open("rb") as handle:
            handle.seek(offset)
            return handle.read().decode(errors="replace")


class ThrowawayPostgres:
    """A PostgreSQL 15 cluster with PostGIS of its own, in a temporary folder, on a free port.
    ``kill()`` is a crash (immediate shutdown); ``start()`` again brings it back on the same
    port with the same data."""

    def __init__(self) -> None:
        self.port = free_port()
        self.folder = Path(tempfile.mkdtemp(prefix="regioatlas-pg-"))
        self.data = self.folder / "data"
        self.log = self.folder / "postgres.log"
        self.as_postgres = os.geteuid() == 0  # initdb refuses to run as root
        self.user = "postgres" if self.as_postgres else os.environ.get("USER", "postgres")

    def _run(self, *command: str, check: bool = True) -> subprocess.CompletedProcess:
        prefix = ["runuser", "-u", "postgres", "--"] if self.as_postgres else []
        return subprocess.run(  # noqa: S603 - fixed arguments
            [*prefix, *command], check=check, capture_output=True, text=True, cwd="/"
        )

    def init(self) -> ThrowawayPostgres:
        if self.as_postgres:
            shutil.chown(self.folder, "postgres", "postgres")
        self._run(str(PG_BIN / "initdb"), "-D", str(self.data), "-U", self.user, "--auth=trust")
        self.start()
        self._run(str(PG_BIN / "createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", self.user, "regioatlas")  # fmt: skip
        return self

    def start(self) -> None:
        # fsync=off only skips flushing the operating system's buffers, which a crash of the
        # server (``kill``) does not lose. synchronous_commit stays on: a commit is
        # acknowledged after its WAL is written, so a crash never loses an acknowledged write.
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        options += " -c full_page_writes=off"
        self._run(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-l", str(self.log), "-o", options, "-w", "-t", "30", "start")  # fmt: skip

    def kill(self) -> None:
        self._run(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop", check=False)  # fmt: skip

    def running(self) -> bool:
        return self._run(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "status", check=False).returncode == 0  # fmt: skip

    def remove(self) -> None:
        self._run(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop", check=False)  # fmt: skip
        shutil.rmtree(self.folder, ignore_errors=True)

    @property
    def url(self) -> str:
        return f"postgis://{self.user}@127.0.0.1:{self.port}/regioatlas"

    def query(self, sql: str, params: tuple = ()) -> list[tuple]:
        """Rows of one statement, on a connection of its own (for assertions)."""
        import psycopg

        with psycopg.connect(
            host="127.0.0.1", port=self.port, user=self.user, dbname="regioatlas", connect_timeout=5
        ) as conn:
            return conn.execute(sql, params).fetchall()  # type: ignore[arg-type]


class ThrowawayRedis(Process):
    """A Redis server of its own on a free port, keeping nothing on disk."""

    def __init__(self) -> None:
        self.port = free_port()
        self.folder = Path(tempfile.mkdtemp(prefix="regioatlas-redis-"))
        command = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1"]
        command += ["--save", "", "--appendonly", "no", "--dir", str(self.folder)]
        super().__init__(command, dict(os.environ), self.folder / "redis.log", cwd=self.folder)

    def url(self, db: int = 0) -> str:
        return f"redis://127.0.0.1:{self.port}/{db}"

    def start(self) -> None:
        super().start()
        wait_until(lambda: _port_open(self.port), 15, f"redis on port {self.port}")

    def remove(self) -> None:
        self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)

    def client(self, db: int = 0):
        import redis

        return redis.Redis(host="127.0.0.1", port=self.port, db=db, socket_timeout=2)


def unique_queue(prefix: str = "live") -> str:
    return f"{prefix}-{uuid.uuid4().hex[:10]}"
