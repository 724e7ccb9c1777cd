"""OGC API side by side with tipg (issue 14): the atlas's /api/ogc/v1 and tipg on the same
loaded database, started in one run.

1. gunicorn with gunicorn.conf.py, production settings (DEBUG off), a Redis cache database of
   its own (``--cache-db``, default 13) emptied first, REGIOATLAS_THROTTLE_ANON/_USER =
   1000000/min (a bench is not a throttling test);
2. tipg (uvicorn, one worker, as its docs start it) with DATABASE_URL on the same database;
3. per request kind: one warm-up request to each, then N sequential warm requests (gzip
   accepted, as GIS clients do) to each, alternating; prints median latencies and the ratio
   atlas / tipg (<= 1.0: the atlas is at least as fast). The atlas as deployed keeps each
   compressed answer per ETag (atlas_api/response_cache.py), so its warm requests are mostly
   cache hits; a second gunicorn with REGIOATLAS_RESPONSE_CACHE=false shows the cost of the
   view and queries themselves ("atlas, no response cache"), also as a ratio to tipg.

What is compared (the same rows and the same geometry on both sides):
- items: the 342 current Dutch municipalities. Atlas: ``gemeenten/items?land=nl&limit=342``
  (the boundary version in force today, full detail). tipg exposes the raw boundary table
  (``collaborations_municipalityboundary``: every version of every municipality, 1774 rows);
  filtered to the same rows with CQL2 ``valid_to IS NULL AND year=2024`` (the current Dutch
  layer; the current Belgian rows have year 2025). Both answer numberMatched.
- bbox page: the first 50 of those intersecting a bbox around Utrecht (CRS84).
- tile: WebMercatorQuad 10/336/525 (Utrecht) of the municipalities; tipg's of the same
  filtered table (tipg's path is z/x/y, the OGC one z/row/col: the same tile).

    .venv/bin/python bench/bench_ogc.py [-n 30]

Child processes are started by this script and stopped by their pid at the end.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "regioatlas.settings.local")

import django

django.setup()

from bench.bench_load import site_env, start, stop, tipg_env
from tests.harness.processes import free_port

TABLE = "public.collaborations_municipalityboundary"
CURRENT_NL = "filter-lang=cql2-text&filter=" + quote("valid_to IS NULL AND year=2024")
BBOX = "5.0,52.0,5.2,52.15"
OGC = "/api/ogc/v1/collections/gemeenten"
PAIRS = [
    (
        "items: 342 current municipalities",
        f"{OGC}/items?land=nl&limit=342",
        f"/collections/{TABLE}/items?limit=342&{CURRENT_NL}",
    ),
    (
        "bbox page (50, Utrecht)",
        f"{OGC}/items?land=nl&limit=50&bbox={BBOX}",
        f"/collections/{TABLE}/items?limit=50&bbox={BBOX}&{CURRENT_NL}",
    ),
    (
        "tile WebMercatorQuad 10 (Utrecht)",
        f"{OGC}/tiles/WebMercatorQuad/10/336/525",
        f"/collections/{TABLE}/tiles/WebMercatorQuad/10/525/336?{CURRENT_NL}",
    ),
]


def timed(session: requests.Session, url: str) -> tuple[float, requests.Response]:
    begin = time.perf_counter()
    response = session.get(url, timeout=60)
    _ = response.content
    return time.perf_counter() - begin, response


def describe(response: requests.Response) -> str:
    text = f"{response.status_code} {len(response.content):,} B"
    if "json" in response.headers.get("Content-Type", ""):
        body = response.json()
        text += f", numberMatched {body.get('numberMatched')}"
        text += f", numberReturned {body.get('numberReturned')}"
    return text


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("-n", type=int, default=30, help="sequential warm requests per kind")
    parser.add_argument("--cache-db", type=int, default=13)
    args = parser.parse_args()
    import redis

    redis.Redis(db=args.cache_db).flushdb()
    folder = Path(tempfile.mkdtemp(prefix="bench-ogc-"))
    port, bare_port, tipg_port = free_port(), free_port(), free_port()
    base, tipg_base = f"http://127.0.0.1:{port}", f"http://127.0.0.1:{tipg_port}"
    bare_base = f"http://127.0.0.1:{bare_port}"
    command = [sys.executable, "-m", "gunicorn", "regioatlas.wsgi:application"]
    command += ["--config", str(ROOT / "gunicorn.conf.py")]
    tipg_command = [sys.executable, "-m", "uvicorn", "tipg.main:app", "--host", "127.0.0.1"]
    tipg_command += ["--port", str(tipg_port), "--workers", "1", "--no-access-log"]
    server = bare = tipg = None
    try:
        server = start(
            command, site_env(port, args.cache_db), folder / "gunicorn.log", base + "/health"
        )
        bare_env = {**site_env(bare_port, args.cache_db), "REGIOATLAS_RESPONSE_CACHE": "false"}
        bare = start(command, bare_env, folder / "gunicorn-bare.log", bare_base + "/health")
        tipg = start(tipg_command, tipg_env(), folder / "tipg.log", tipg_base + "/healthz")
        print(f"atlas: gunicorn.conf.py, {os.cpu_count()} cores, production settings, DEBUG off,")
        print("       REGIOATLAS_THROTTLE_ANON/USER=1000000/min")
        print("tipg:  uvicorn, 1 worker, same database")
        print(f"N = {args.n} sequential warm requests per kind and server (gzip accepted)\n")
        session = requests.Session()
        session.headers["Accept-Encoding"] = "gzip"
        ratios = []
        for label, ours, theirs in PAIRS:
            _, a = timed(session, base + ours)
            _, b = timed(session, tipg_base + theirs)
            print(f"{label}\n   atlas {describe(a)}\n   tipg  {describe(b)}")
            timed(session, bare_base + ours)
            atlas_times, bare_times, tipg_times = [], [], []
            for _ in range(args.n):
                atlas_times.append(timed(session, base + ours)[0])
                bare_times.append(timed(session, bare_base + ours)[0])
                tipg_times.append(timed(session, tipg_base + theirs)[0])
            atlas_ms = statistics.median(atlas_times) * 1000
            bare_ms = statistics.median(bare_times) * 1000
            tipg_ms = statistics.median(tipg_times) * 1000
            ratio, bare_ratio = atlas_ms / tipg_ms, bare_ms / tipg_ms
            ratios.append((label, ratio, bare_ratio))
            print(
                f"   median: atlas {atlas_ms:.1f} ms, atlas without response cache "
                f"{bare_ms:.1f} ms, tipg {tipg_ms:.1f} ms"
            )
            print(f"   ratio atlas / tipg = {ratio:.2f} (target <= 1.0)")
            print(f"   ratio atlas without response cache / tipg = {bare_ratio:.2f}\n")
        print("summary atlas/tipg (without response cache): ", end="")
        print(", ".join(f"{label.split(' ')[0]} {r:.2f} ({b:.2f})" for label, r, b in ratios))
    finally:
        for process in (tipg, bare, server):
            if process is not None:
                stop(process)
        print(f"logs: {folder}")


if __name__ == "__main__":
    main()
