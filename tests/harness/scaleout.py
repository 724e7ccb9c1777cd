"""The atlas on several test hosts (tests/scaleout/test_scaleout.py), each a network namespace
of :mod:`tests.harness.netns`:

    db1  PostgreSQL primary            .11     web1, web2  gunicorn :8000   .21 .22
    db2  streaming replica (basebackup) .12    w1, w2      Celery workers    .31 .32
    redis  Redis, Celery beat          .13     lb          nginx :80         .40

The replica applies the WAL with a delay (``REPLICA_DELAY``), so a read that the router sent
to it visibly lags a write, and read-your-writes is proven rather than lucky. Every address is
on the test's own subnet; every wait is bounded."""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import requests

from tests.harness.netns import Host, Network
from tests.harness.processes import PG_BIN, ROOT, site_env, wait_until

REPLICA_DELAY = "2s"
LEASE_SECONDS = "3"
SWEEP_SECONDS = "1"

NGINX = """
worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/nginx-error.log warn;
user root;
events {{ worker_connections 256; }}
http {{
    access_log {folder}/nginx-access.log;
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    upstream atlas {{
        server {web1}:8000 max_fails=1 fail_timeout=10s;
        server {web2}:8000 max_fails=1 fail_timeout=10s;
        keepalive 16;
    }}
    server {{
        listen {address}:80;
        location / {{
            proxy_pass http://atlas;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_connect_timeout 1s;
            proxy_read_timeout 30s;
            # A GET that failed on one web host is tried on the other (nginx never retries a
            # POST that may have reached the application: non_idempotent is not set).
            proxy_next_upstream error timeout http_502;
            proxy_next_upstream_tries 2;
        }}
    }}
}}
"""


@dataclass
class Cluster:
    net: Network
    folder: Path
    hosts: dict[str, Host] = field(default_factory=dict)
    world: dict = field(default_factory=dict)
    env: dict[str, str] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return f"http://{self.hosts['lb'].address}"

    def address(self, name: str) -> str:
        return self.hosts[name].address

    def pg(self, name: str, *args: str, check: bool = True):
        """A PostgreSQL program as the postgres user on host ``name``."""
        command = ["runuser", "-u", "postgres", "--", str(PG_BIN / args[0]), *args[1:]]
        return self.hosts[name].run(*command, check=check)

    def query(self, sql: str, params: tuple = (), host: str = "db1") -> list[tuple]:
        import psycopg

        with psycopg.connect(
            host=self.address(host), port=5432, user="postgres", dbname="regioatlas",
            connect_timeout=5, autocommit=True,
        ) as conn:  # fmt: skip
            return conn.execute(sql, params).fetchall()  # type: ignore[arg-type]

    # --- building -----------------------------------------------------------------------------
    def start(self) -> Cluster:
        for name, number in (("db1", 11), ("db2", 12), ("redis", 13), ("web1", 21),
                             ("web2", 22), ("w1", 31), ("w2", 32), ("lb", 40)):  # fmt: skip
            self.hosts[name] = self.net.add_host(name, number)
        shutil.chown(self.folder, "postgres", "postgres")
        self._primary()
        self._redis()
        self.env = site_env(
            database_url=f"postgis://postgres@{self.address('db1')}:5432/regioatlas",
            cache_url=f"rediscache://{self.address('redis')}:6379/2",
            broker_url=f"redis://{self.address('redis')}:6379/0",
            queue="scaleout",
            CELERY_RESULT_BACKEND=f"redis://{self.address('redis')}:6379/1",
            DATABASE_REPLICA_URL=f"postgis://postgres@{self.address('db2')}:5432/regioatlas",
            DATABASE_REPLICA_CONNECT_TIMEOUT="1",
            REGIOATLAS_REPLICA_COOL_OFF_SECONDS="5",
            REGIOATLAS_PRIMARY_PIN_SECONDS="10",
            REGIOATLAS_OUTBOX_LEASE_SECONDS=LEASE_SECONDS,
            REGIOATLAS_OUTBOX_SWEEP_SECONDS=SWEEP_SECONDS,
            DJANGO_ALLOWED_HOSTS=f"{self.address('lb')},{self.address('web1')},{self.address('web2')}",
            GUNICORN_FORWARDED_ALLOW_IPS=self.address("lb"),
        )
        self._manage("manage.py", "migrate", "--noinput")
        self.world = json.loads(self._manage("-m", "tests.harness.scale_world").splitlines()[-1])
        self._replica()
        for name in ("web1", "web2"):
            self._gunicorn(name)
        for name in ("w1", "w2"):
            self._worker(name)
        self._beat()
        self._nginx()
        return self

    def _manage(self, *args: str) -> str:
        import subprocess

        result = subprocess.run(  # noqa: S603 - fixed arguments
            [sys.executable, *args], cwd=ROOT, env=self.env, capture_output=True, text=True,
            timeout=300,
        )  # fmt: skip
        assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-4000:]
        return result.stdout

    def _pg_options(self, data: Path, host: str) -> None:
        sockets = self.folder / f"{host}-sockets"  # not in the data folder: basebackup copies it
        sockets.mkdir()
        shutil.chown(sockets, "postgres", "postgres")
        with (data / "postgresql.conf").open("a") as conf:
            conf.write(
                f"listen_addresses = '{self.address(host)}'\nport = 5432\n"
                f"unix_socket_directories = '{sockets}'\nfsync = off\nfull_page_writes = off\n"
                "wal_level = replica\nmax_wal_senders = 5\nhot_standby = on\n"
                "wal_keep_size = '256MB'\n"
            )

    def _pg_start(self, host: str, data: Path) -> None:
        self.pg(host, "pg_ctl", "-D", str(data), "-l", str(data.parent / f"{host}.log"), "-w", "-t", "60", "start")  # fmt: skip

    def _primary(self) -> None:
        data = self.folder / "db1"
        self.pg("db1", "initdb", "-D", str(data), "-U", "postgres", "--auth=trust")
        self._pg_options(data, "db1")
        with (data / "pg_hba.conf").open("a") as hba:
            hba.write(f"host all all {self.net.subnet} trust\n")
            hba.write(f"host replication all {self.net.subnet} trust\n")
        self._pg_start("db1", data)
        self.pg("db1", "createdb", "-h", self.address("db1"), "-U", "postgres", "regioatlas")

    def _replica(self) -> None:
        data = self.folder / "db2"
        self.pg("db2", "pg_basebackup", "-h", self.address("db1"), "-U", "postgres", "-D", str(data), "-R", "-X", "stream", "-c", "fast")  # fmt: skip
        self._pg_options(data, "db2")
        with (data / "postgresql.conf").open("a") as conf:
            conf.write(f"recovery_min_apply_delay = '{REPLICA_DELAY}'\n")
        self._pg_start("db2", data)
        wait_until(self.replica_caught_up, 60, "the replica")

    def replica_caught_up(self) -> bool:
        (lsn,) = self.query("SELECT pg_current_wal_lsn()")[0]
        rows = self.query("SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", (str(lsn),), host="db2")
        return bool(rows[0][0])

    def _redis(self) -> None:
        host = self.hosts["redis"]
        command = ["redis-server", "--bind", host.address, "--port", "6379", "--save", ""]
        command += ["--appendonly", "no", "--protected-mode", "no", "--dir", str(self.folder)]
        host.start(command, dict(os.environ), self.folder / "redis.log", cwd=self.folder)

    def _gunicorn(self, name: str) -> None:
        host = self.hosts[name]
        command = [sys.executable, "-m", "gunicorn", "regioatlas.wsgi:application"]
        command += ["--config", str(ROOT / "gunicorn.conf.py"), "--bind", f"{host.address}:8000"]
        command += ["--workers", "2", "--threads", "4", "--graceful-timeout", "5"]
        process = host.start(command, self.env, self.folder / f"{name}.log")
        url = f"http://{host.address}:8000/health"
        try:
            wait_until(lambda: requests.get(url, timeout=2).status_code == 200, 60, name)
        except RuntimeError as exc:
            raise RuntimeError(f"{exc}\n{process.output()}") from None

    def _worker(self, name: str) -> None:
        command = [sys.executable, "-m", "celery", "-A", "regioatlas", "worker", "-Q", "scaleout"]
        command += ["-n", f"{name}@%h", "--pool", "prefork", "--concurrency", "1", "-l", "INFO"]
        command += ["--without-mingle", "--without-gossip"]
        log = self.folder / f"{name}.log"
        self.hosts[name].start(command, self.env, log)
        wait_until(lambda: "ready." in log.read_text(errors="replace"), 60, f"worker {name}")

    def _beat(self) -> None:
        command = [sys.executable, "-m", "celery", "-A", "regioatlas", "beat", "-l", "INFO"]
        command += ["--schedule", str(self.folder / "beat-schedule")]
        self.hosts["redis"].start(command, self.env, self.folder / "beat.log")

    def _nginx(self) -> None:
        host = self.hosts["lb"]
        config = self.folder / "nginx.conf"
        config.write_text(
            NGINX.format(
                folder=self.folder,
                address=host.address,
                web1=self.address("web1"),
                web2=self.address("web2"),
            )
        )
        command = ["nginx", "-c", str(config), "-p", str(self.folder), "-g", "daemon off;"]
        host.start(command, dict(os.environ), self.folder / "nginx.log")
        wait_until(lambda: requests.get(self.url + "/health", timeout=2).ok, 30, "nginx")

    # --- looking --------------------------------------------------------------------------
    def logs(self, *names: str) -> str:
        parts = []
        for name in names:
            path = self.folder / name
            if path.exists():
                parts.append(f"--- {name}\n" + path.read_text(errors="replace")[-3000:])
        return "\n".join(parts)


def cluster_start() -> tuple[Network, Cluster]:
    net = Network().create()
    folder = Path(tempfile.mkdtemp(prefix=f"{net.prefix}-"))
    return net, Cluster(net, folder)
