"""Load benchmark (issue 15 part 3): the production-like server under a realistic mix, and a
peer (tipg) on the same database, in one run.

1. Starts gunicorn with gunicorn.conf.py (gthread, workers = cores) on a free loopback port,
   production settings (DEBUG off), on the database of DATABASE_URL (real data loaded), a
   Redis cache database of its own (REGIOATLAS_BENCH_CACHE_DB, default 12) emptied first.
   Throttling would turn the bench into a 429 test: the server runs with
   REGIOATLAS_THROTTLE_ANON / _USER = 1000000/min (said in the output).
2. Warms it (every path of the mix once), then drives the mix with wrk and a Lua script
   (bench/load_mix.lua) at 10, 50 and 200 connections: the map page and what
   static/atlas/data/api.js asks on load, municipality details over every code, list pages with
   filters, "what is here?" over many points, tiles (a fixed set: cached after the first hit, and
   z10 tiles over the whole country: mostly uncached), OGC items when /api/ogc/v1 exists.
   Meanwhile a thread writes once a second (POST /api/v1/kaarten with an API token of a bench
   account, ``bench-load``, created in the database and labelled synthetic; its maps are
   deleted at the end).
3. Starts tipg (uvicorn, one worker, as in the issue) on the same database and drives the
   comparable requests against both, one kind at a time at 50 connections: all current
   municipalities as GeoJSON items, and one vector tile of the municipalities.

    .venv/bin/python bench/bench_load.py [--duration 15] [--connections 10,50,200]

Prints requests/s, p50/p95/p99, errors and timeouts per level, and the ratios to tipg.
Targets (issue 15, 2 cores, 50 connections): >= 300 rps on the mix, p95 <= 250 ms, no errors
or timeouts; items and tiles >= 1.0x tipg.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "regioatlas.settings.local")

import django

django.setup()

from django.contrib.auth import get_user_model
from django.db import connection

from collaborations.accounts.services.tokens import api_token_create
from collaborations.arrangements.models import Arrangement
from collaborations.geography.models import Municipality
from collaborations.maps.models import SavedMap
from tests.harness.processes import free_port, wait_until

LUA = ROOT / "bench" / "load_mix.lua"
BENCH_USER = "bench-load"
NL_BBOX = (3.4, 50.8, 7.2, 53.5)
THROTTLE_OFF = "1000000/min"


def _tile(lon: float, lat: float, z: int) -> tuple[int, int]:
    import math

    n = 2**z
    x = int((lon + 180) / 360 * n)
    y = int((1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n)
    return x, y


def mix_paths(ogc: bool) -> list[tuple[str, int]]:
    """(path, weight): the map page and its calls, details, lists, here, tiles, OGC."""
    rng = random.Random(15)
    codes = list(
        Municipality.objects.filter(valid_to__isnull=True, country="nl").values_list(
            "code", flat=True
        )
    )
    ids = list(Arrangement.objects.values_list("pk", flat=True)[:400])
    paths: list[tuple[str, int]] = [
        ("/", 3),
        ("/api/v1/themas", 2),
        ("/api/v1/indelingen", 2),
        ("/api/v1/provincies?formaat=geojson", 2),
        ("/api/v1/gemeenten?formaat=geojson&paginaGrootte=500", 2),
        ("/api/v1/samenwerkingsverbanden?geometrie=false&paginaGrootte=100", 3),
    ]
    paths += [(f"/api/v1/gemeenten/{code}?geometrie=false", 1) for code in codes]
    filters = ["", "&rechtsvormFamilie=wgr", "&provincie=PV27", "&peildatum=2020-06-01"]
    filters += [f"&gemeente={c}" for c in rng.sample(codes, 20)]
    paths += [(f"/api/v1/samenwerkingsverbanden?paginaGrootte=50{f}", 4) for f in filters]
    paths += [(f"/api/v1/samenwerkingsverbanden/{pk}?geometrie=false", 1) for pk in ids[:100]]
    for _ in range(80):
        lon = round(rng.uniform(4.2, 6.8), 4)
        lat = round(rng.uniform(51.4, 53.2), 4)
        paths.append((f"/api/v1/locaties/samenwerkingsverbanden?lon={lon}&lat={lat}", 2))
    for layer in ("samenwerkingsverbanden", "gemeenten"):  # the map's first view: cached
        for x in range(64, 68):
            for y in range(41, 44):
                paths.append((f"/api/v1/tegels/{layer}/7/{x}/{y}", 3))
    seen = set()
    for _ in range(300):  # z10 over the country: mostly uncached
        x, y = _tile(rng.uniform(*NL_BBOX[::2]), rng.uniform(*NL_BBOX[1::2]), 10)
        if (x, y) not in seen:
            seen.add((x, y))
            paths.append((f"/api/v1/tegels/samenwerkingsverbanden/10/{x}/{y}", 1))
    if ogc:
        paths.append(("/api/ogc/v1/collections/gemeenten/items?limit=50", 4))
    return paths


def bench_token() -> str:
    user, _ = get_user_model().objects.get_or_create(
        username=BENCH_USER,
        defaults={"first_name": "Bench", "last_name": "(synthetisch, bench_load)"},
    )
    return api_token_create(user=user, name="bench_load (synthetic)").key


def wrk(url: str, connections: int, duration: int, script: Path, env: dict) -> dict:
    command = ["wrk", "-t", "2", "-c", str(connections), "-d", f"{duration}s"]
    command += ["--timeout", "2s", "-s", str(script), url]
    out = subprocess.run(  # noqa: S603 - fixed arguments
        command, capture_output=True, text=True, check=True, env={**os.environ, **env}
    ).stdout
    result = json.loads(re.search(r"^JSON (.*)$", out, re.M).group(1))
    errors = re.search(r"connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    result["socket_errors"] = sum(int(v) for v in errors.groups()[:3]) if errors else 0
    result["timeouts"] = int(errors.group(4)) if errors else 0
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    result["non2xx"] = int(non2xx.group(1)) if non2xx else 0
    return result


class Writer(threading.Thread):
    """One write a second: POST /api/v1/kaarten with the bench account's token."""

    def __init__(self, base: str, token: str):
        super().__init__(daemon=True)
        self.base, self.token = base, token
        self.stop = threading.Event()
        self.ok = self.failed = 0
        self.times: list[float] = []

    def run(self) -> None:
        session = requests.Session()
        session.headers["Authorization"] = f"Token {self.token}"
        n = 0
        while not self.stop.wait(1.0):
            n += 1
            body = {"naam": f"bench {time.time_ns()}-{n}", "toestand": "lagen=gebieden"}
            start = time.perf_counter()
            try:
                response = session.post(self.base + "/api/v1/kaarten", json=body, timeout=5)
                good = response.status_code == 201
            except requests.RequestException:
                good = False
            self.times.append(time.perf_counter() - start)
            self.ok += good
            self.failed += not good


def start(command: list[str], env: dict, log: Path, health: str) -> subprocess.Popen:
    handle = log.open("w")
    process = subprocess.Popen(  # noqa: S603 - fixed arguments
        command, cwd=ROOT, env=env, stdout=handle, stderr=subprocess.STDOUT
    )

    def up() -> bool:
        if process.poll() is not None:
            raise RuntimeError(f"{command[2]} exited:\n{log.read_text()[-3000:]}")
        try:
            return requests.get(health, timeout=2).status_code == 200
        except requests.RequestException:
            return False

    wait_until(up, 90, health)
    return process


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()


def site_env(port: int, cache_db: int) -> dict:
    db = connection.settings_dict
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "regioatlas.settings.production",
        "DJANGO_SECRET_KEY": "bench-load-only-" + "x" * 40,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "REGIOATLAS_PROXY_COUNT": "0",
        "DATABASE_URL": os.environ.get(
            "DATABASE_URL", f"postgis://{db['USER']}:{db['PASSWORD']}@127.0.0.1:5432/{db['NAME']}"
        ),
        "CACHE_URL": f"rediscache://127.0.0.1:6379/{cache_db}",
        "CELERY_TASK_DEFAULT_QUEUE": f"bench-load-{port}",
        "REGIOATLAS_THROTTLE_ANON": THROTTLE_OFF,
        "REGIOATLAS_THROTTLE_USER": THROTTLE_OFF,
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_ACCESSLOG": "/dev/null",
    }


def tipg_env() -> dict:
    db = connection.settings_dict
    dsn = f"postgresql://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:"
    dsn += f"{db['PORT'] or 5432}/{db['NAME']}"
    return {
        **os.environ,
        "DATABASE_URL": dsn,
        "TIPG_NAME": "tipg (bench_load)",
        "TIPG_DB_SCHEMAS": '["public"]',
        "TIPG_MAX_FEATURES_PER_QUERY": "1000",
    }


def line(label: str, r: dict) -> str:
    return (
        f"{label:34s} {r['rps']:8.1f} rps  p50 {r['p50']:7.1f}  p95 {r['p95']:7.1f}  "
        f"p99 {r['p99']:7.1f} ms  non-2xx/3xx {r['non2xx']}  socket errors "
        f"{r['socket_errors']}  timeouts {r['timeouts']}  ({r['requests']} requests)"
    )


def single(path: str, url: str, connections: int, duration: int, folder: Path) -> dict:
    paths = folder / f"one-{abs(hash(url + path))}.txt"
    paths.write_text(path + "\n")
    return wrk(url, connections, duration, LUA, {"MIX_PATHS": str(paths)})


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--duration", type=int, default=15)
    parser.add_argument("--connections", default="10,50,200")
    parser.add_argument("--cache-db", type=int, default=12)
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is missing: apt-get install -y wrk (scripts/setup.sh installs it)")
    levels = [int(c) for c in args.connections.split(",")]
    import redis

    redis.Redis(db=args.cache_db).flushdb()
    folder = Path(tempfile.mkdtemp(prefix="bench-load-"))
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "gunicorn", "regioatlas.wsgi:application"]
    command += ["--config", str(ROOT / "gunicorn.conf.py")]
    server = start(
        command, site_env(port, args.cache_db), folder / "gunicorn.log", base + "/health"
    )
    tipg = None
    token = bench_token()
    try:
        ogc = requests.get(base + "/api/ogc/v1", timeout=10).status_code != 404
        paths = mix_paths(ogc)
        mix = folder / "mix.txt"
        mix.write_text("".join(f"{p}\n" * w for p, w in paths))
        print(f"gunicorn.conf.py: {os.cpu_count()} cores, production settings, DEBUG off")
        print(f"throttling: REGIOATLAS_THROTTLE_ANON/USER={THROTTLE_OFF} for the bench server")
        print(f"mix: {len(paths)} distinct requests ({sum(w for _, w in paths)} weighted)")
        if not ogc:
            print("OGC API items: not available (/api/ogc/v1 answers 404), left out of the mix")
        session = requests.Session()
        # the same encoding as wrk (load_mix.lua): the compressed responses are kept per
        # encoding, and requests would ask for br as well
        session.headers["Accept-Encoding"] = "gzip"
        failed_warm = 0
        for path, _ in paths:  # warm: every path once
            failed_warm += session.get(base + path, timeout=30).status_code >= 400
        print(f"warm-up: {len(paths)} requests, {failed_warm} answered >= 400")
        print()
        print(f"== the mix, {args.duration} s per level, one write per second alongside")
        for c in levels:
            writer = Writer(base, token)
            writer.start()
            result = wrk(base, c, args.duration, LUA, {"MIX_PATHS": str(mix)})
            writer.stop.set()
            writer.join()
            print(line(f"mix at {c} connections", result))
            worst = max(writer.times) * 1000 if writer.times else 0
            print(
                f"{'':34s} writes: {writer.ok} ok, {writer.failed} failed, slowest {worst:.0f} ms"
            )
        # --- the peer
        tipg_port = free_port()
        tipg_base = f"http://127.0.0.1:{tipg_port}"
        tipg_command = [sys.executable, "-m", "uvicorn", "tipg.main:app", "--host", "127.0.0.1"]
        tipg_command += ["--port", str(tipg_port), "--workers", "1", "--no-access-log"]
        tipg = start(tipg_command, tipg_env(), folder / "tipg.log", tipg_base + "/healthz")
        table = "public.collaborations_municipality"
        pairs = [
            (
                "items: current municipalities",
                "/api/v1/gemeenten?formaat=geojson&paginaGrootte=500",
                f"/collections/{table}/items?limit=1000&filter=valid_to%20IS%20NULL"
                "&filter-lang=cql2-text",
            ),
            (
                "items: one municipality",
                "/api/v1/gemeenten/GM0363?formaat=geojson",
                f"/collections/{table}/items?code=GM0363",
            ),
            (
                "tile: municipalities z7",
                "/api/v1/tegels/gemeenten/7/65/42",
                f"/collections/{table}/tiles/WebMercatorQuad/7/65/42",
            ),
            (
                "tile: municipalities z10",
                "/api/v1/tegels/gemeenten/10/525/336",
                f"/collections/{table}/tiles/WebMercatorQuad/10/525/336",
            ),
        ]
        print()
        print(f"== against tipg (uvicorn, 1 worker), 50 connections, {args.duration} s each")
        for label, ours, theirs in pairs:
            a = session.get(base + ours, timeout=30)
            b = session.get(tipg_base + theirs, timeout=30)
            print(
                f"{label}: atlas {a.status_code} {len(a.content):,} B, tipg {b.status_code} {len(b.content):,} B"
            )
            atlas = single(ours, base, 50, args.duration, folder)
            peer = single(theirs, tipg_base, 50, args.duration, folder)
            print(line("   atlas", atlas))
            print(line("   tipg", peer))
            ratio = atlas["rps"] / peer["rps"] if peer["rps"] else float("inf")
            print(f"   throughput atlas / tipg = {ratio:.2f} (target >= 1.0)")
    finally:
        if tipg is not None:
            stop(tipg)
        stop(server)
        SavedMap.objects.filter(owner__username=BENCH_USER).delete()
        print(f"\nlogs: {folder}")


if __name__ == "__main__":
    main()
