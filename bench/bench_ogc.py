"""OGC API side by side with its peers (issue 14): the atlas's /api/ogc/v1, tipg and pygeoapi
on the same loaded database, started in one run.

1. gunicorn with gunicorn.conf.py, production settings (DEBUG off), a Redis cache database of
   its own (``--cache-db``, default 13) emptied first, REGIOATLAS_THROTTLE_ANON/_USER =
   1000000/min (a bench is not a throttling test);
2. tipg (uvicorn, one worker, as its docs start it) with DATABASE_URL on the same database;
3. pygeoapi, where it installs: ``pip install pygeoapi gunicorn psycopg2-binary`` into a
   separate venv (``--pygeoapi-venv``, default /tmp/regioatlas-bench-pygeoapi; created when
   absent, never the project's venv), with a YAML configuration generated here: its
   PostgreSQL provider (features) and MVT-postgresql provider (tiles) on a view
   ``bench_pygeoapi_gemeenten`` of the 342 current Dutch municipalities that the bench creates
   and drops again; run by gunicorn, one sync worker. When it cannot be installed or started
   the bench prints why and carries on without it;
4. per request kind: one warm-up request to each, then N sequential warm requests (gzip
   accepted, as GIS clients do) to each, alternating; prints median latencies and the ratios
   atlas / tipg and atlas / pygeoapi (<= 1.0: the atlas is at least as fast). The atlas as
   deployed keeps each compressed answer per ETag (atlas_api/response_cache.py), so its warm
   requests are mostly cache hits; a second gunicorn with REGIOATLAS_RESPONSE_CACHE=false
   shows the cost of the view and queries themselves ("atlas, no response cache");
5. the HTTP conformance checks of tests/ogc/conformance/checks.py (one per requirement of
   OGC API Features Part 1 and 2 and ADR-GEO) against all three, on their municipality
   collection: which requirements each passes, and whether the atlas passes a superset.

What is compared (the same rows and the same geometry on every side):
- items: the 342 current Dutch municipalities. Atlas: ``gemeenten/items?land=nl&limit=342``
  (the boundary version in force today, full detail). tipg exposes the raw boundary table
  (``collaborations_municipalityboundary``: every version of every municipality, 1774 rows);
  filtered to the same rows with CQL2 ``valid_to IS NULL AND year=2024`` (the current Dutch
  layer; the current Belgian rows have year 2025). pygeoapi: its view of those rows. All
  answer numberMatched.
- bbox page: the first 50 of those intersecting a bbox around Utrecht (CRS84).
- tile: WebMercatorQuad 10/336/525 (Utrecht) of the municipalities; tipg's and pygeoapi's of
  the same rows (their paths are z/x/y and z/y/x; the OGC one z/row/col: the same tile).

    .venv/bin/python bench/bench_ogc.py [-n 30] [--cache-db 13] [--no-pygeoapi]

Ports come from 9200-9299 (``--ports``). Child processes are started by this script and
stopped by their pid at the end.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
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

from django.db import connection

from bench.bench_load import site_env, start, stop, tipg_env
from tests.ogc.conformance import checks

TABLE = "public.collaborations_municipalityboundary"
CURRENT = "valid_to IS NULL AND year=2024"
CURRENT_NL = "filter-lang=cql2-text&filter=" + quote(CURRENT)
BBOX = "5.0,52.0,5.2,52.15"
OGC = "/api/ogc/v1/collections/gemeenten"
PYGEOAPI_VIEW = "bench_pygeoapi_gemeenten"
PYGEOAPI = "/collections/gemeenten"
#: (label, atlas path, tipg path, pygeoapi path)
KINDS = [
    (
        "items: 342 current municipalities",
        f"{OGC}/items?land=nl&limit=342",
        f"/collections/{TABLE}/items?limit=342&{CURRENT_NL}",
        f"{PYGEOAPI}/items?limit=342&f=json",
    ),
    (
        "bbox page (50, Utrecht)",
        f"{OGC}/items?land=nl&limit=50&bbox={BBOX}",
        f"/collections/{TABLE}/items?limit=50&bbox={BBOX}&{CURRENT_NL}",
        f"{PYGEOAPI}/items?limit=50&bbox={BBOX}&f=json",
    ),
    (
        "tile WebMercatorQuad 10 (Utrecht)",
        f"{OGC}/tiles/WebMercatorQuad/10/336/525",
        f"/collections/{TABLE}/tiles/WebMercatorQuad/10/525/336?{CURRENT_NL}",
        f"{PYGEOAPI}/tiles/WebMercatorQuad/10/336/525?f=mvt",
    ),
]
#: The municipality collection of each server, for the conformance checks (Utrecht).
CHECK_BBOX = (5.05, 52.05, 5.15, 52.12)


def timed(session: requests.Session, url: str) -> tuple[float, requests.Response]:
    begin = time.perf_counter()
    response = session.get(url, timeout=120)
    _ = response.content
    return time.perf_counter() - begin, response


def describe(response: requests.Response) -> str:
    text = f"{response.status_code} {len(response.content):,} B"
    if "json" in response.headers.get("Content-Type", ""):
        body = response.json()
        text += f", numberMatched {body.get('numberMatched')}"
        text += f", numberReturned {body.get('numberReturned')}"
    return text


def ports(first: int, last: int, count: int) -> list[int]:
    """``count`` ports of ``first..last`` that nobody listens on now."""
    found = []
    for port in range(first, last + 1):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            if sock.connect_ex(("127.0.0.1", port)) != 0:
                found.append(port)
        if len(found) == count:
            return found
    raise SystemExit(f"no {count} free ports in {first}-{last}")


# --- pygeoapi ----------------------------------------------------------------------------


def _pygeoapi_installed(venv: Path) -> str | None:
    """Create the separate venv and install pygeoapi there; the reason when that fails."""
    python = venv / "bin" / "python"
    steps = []
    if not python.exists():
        steps.append([sys.executable, "-m", "venv", str(venv)])
    if not (venv / "bin" / "pygeoapi").exists() or not (venv / "bin" / "gunicorn").exists():
        steps.append(
            [str(python), "-m", "pip", "install", "-q", "pygeoapi", "gunicorn", "psycopg2-binary"]
        )
    for step in steps:
        result = subprocess.run(step, capture_output=True, text=True, timeout=900, check=False)  # noqa: S603
        if result.returncode != 0:
            return f"{' '.join(step[-3:])} failed: {(result.stderr or result.stdout)[-500:]}"
    return None


def _pygeoapi_view() -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE OR REPLACE VIEW {PYGEOAPI_VIEW} AS"  # noqa: S608 - constants only
            " SELECT m.code, m.name AS naam, b.year AS grensjaar, b.geom"
            " FROM collaborations_municipalityboundary b"
            " JOIN collaborations_municipality m ON m.id = b.municipality_id"
            f" WHERE b.{CURRENT.replace(' AND ', ' AND b.')}"
        )


def _drop_pygeoapi_view() -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DROP VIEW IF EXISTS {PYGEOAPI_VIEW}")


def _pygeoapi_config(folder: Path, port: int) -> Path:
    """pygeoapi's YAML configuration (JSON is YAML) and OpenAPI document, generated."""
    db = connection.settings_dict
    data = {
        "host": db["HOST"] or "127.0.0.1",
        "port": int(db["PORT"] or 5432),
        "dbname": db["NAME"],
        "user": db["USER"],
        "password": db["PASSWORD"],
        "search_path": ["public"],
    }
    table = {"data": data, "id_field": "code", "table": PYGEOAPI_VIEW, "geom_field": "geom"}
    crs = [checks.CRS84, checks.RD, checks.ETRS89]
    config = {
        "server": {
            "bind": {"host": "127.0.0.1", "port": port},
            "url": f"http://127.0.0.1:{port}",
            "mimetype": "application/json; charset=UTF-8",
            "encoding": "utf-8",
            "language": "nl-NL",
            "limits": {"default_items": 50, "max_items": 1000},
            "map": {"url": "https://tile.openstreetmap.org/{z}/{x}/{y}.png", "attribution": ""},
        },
        "logging": {"level": "ERROR"},
        "metadata": {
            "identification": {
                "title": "pygeoapi (bench_ogc)",
                "description": "bench",
                "keywords": ["bench"],
                "keywords_type": "theme",
                "terms_of_service": "",
                "url": "http://127.0.0.1",
            },
            "license": {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"},
            "provider": {"name": "bench", "url": "http://127.0.0.1"},
            "contact": {"name": "bench", "email": "bench@example.org"},
        },
        "resources": {
            "gemeenten": {
                "type": "collection",
                "title": "Gemeenten",
                "description": "De 342 gemeenten van vandaag",
                "keywords": ["gemeenten"],
                "extents": {"spatial": {"bbox": [3.2, 50.7, 7.3, 53.6], "crs": checks.CRS84}},
                "providers": [
                    {"type": "feature", "name": "PostgreSQL", "crs": crs, **table},
                    {
                        "type": "tile",
                        "name": "MVT-postgresql",
                        **table,
                        "options": {"zoom": {"min": 0, "max": 16}},
                        "format": {"name": "pbf", "mimetype": "application/vnd.mapbox-vector-tile"},
                    },
                ],
            }
        },
    }
    path = folder / "pygeoapi-config.yml"
    path.write_text(json.dumps(config, indent=1))
    return path


def start_pygeoapi(venv: Path, folder: Path, port: int) -> subprocess.Popen | None:
    reason = _pygeoapi_installed(venv)
    if reason:
        print(f"pygeoapi: not installed ({reason}); carrying on without it")
        return None
    _pygeoapi_view()
    config = _pygeoapi_config(folder, port)
    openapi = folder / "pygeoapi-openapi.yml"
    env = {**os.environ, "PYGEOAPI_CONFIG": str(config), "PYGEOAPI_OPENAPI": str(openapi)}
    generate = [str(venv / "bin" / "pygeoapi"), "openapi", "generate", str(config)]
    result = subprocess.run(  # noqa: S603 - fixed arguments
        [*generate, "--output-file", str(openapi)],
        capture_output=True, text=True, env=env, timeout=300, check=False,
    )  # fmt: skip
    if result.returncode != 0:
        print(f"pygeoapi: its OpenAPI document failed ({result.stderr[-500:]}); without it")
        return None
    command = [str(venv / "bin" / "gunicorn"), "pygeoapi.flask_app:APP", "--workers", "1"]
    command += ["--bind", f"127.0.0.1:{port}", "--timeout", "120"]
    try:
        return start(command, env, folder / "pygeoapi.log", f"http://127.0.0.1:{port}/conformance")
    except (RuntimeError, TimeoutError) as exc:
        print(f"pygeoapi: did not start ({str(exc)[-500:]}); carrying on without it")
        return None


# --- timing ------------------------------------------------------------------------------


def compare(session: requests.Session, bases: dict[str, str], n: int) -> list[tuple]:
    """Per kind: warm up, then N rounds of one request to each server, alternating."""
    rows = []
    for label, *paths in KINDS:
        urls = {name: base + paths[index] for name, (index, base) in bases.items()}
        print(label)
        for name, address in urls.items():
            print(f"   {name:26s} {describe(timed(session, address)[1])}")
        times: dict[str, list[float]] = {name: [] for name in urls}
        for _ in range(n):
            for name, address in urls.items():
                times[name].append(timed(session, address)[0])
        medians = {name: statistics.median(values) * 1000 for name, values in times.items()}
        print("   median " + ", ".join(f"{name} {ms:.1f} ms" for name, ms in medians.items()))
        for peer in ("tipg", "pygeoapi"):
            if peer in medians:
                for ours in ("atlas", "atlas, no response cache"):
                    ratio = medians[ours] / medians[peer]
                    print(f"   ratio {ours} / {peer} = {ratio:.2f}")
        rows.append((label, medians))
        print()
    return rows


def summary(rows: list[tuple]) -> None:
    for peer in ("tipg", "pygeoapi"):
        if peer not in rows[0][1]:
            continue
        parts = []
        for label, medians in rows:
            ratio = medians["atlas"] / medians[peer]
            bare = medians["atlas, no response cache"] / medians[peer]
            parts.append(f"{label.split(' ')[0]} {ratio:.2f} ({bare:.2f})")
        print(f"summary atlas/{peer} (without response cache; target <= 1.0): " + ", ".join(parts))


# --- conformance -------------------------------------------------------------------------


def conformance(targets: dict[str, checks.Target]) -> None:
    """The same HTTP checks against each server: passed per class, and the superset test."""
    results = {name: checks.run_all(target) for name, target in targets.items()}
    classes: dict[str, list[str]] = {}
    for requirement in checks.REQUIREMENTS:
        classes.setdefault(requirement.cls, []).append(requirement.uri)
    names = list(results)
    print("conformance (tests/ogc/conformance/checks.py), requirements passed per class:")
    print(f"   {'class':10s} " + " ".join(f"{name:>10s}" for name in names))
    for cls, uris in classes.items():
        counts = [sum(results[name][uri] for uri in uris) for name in names]
        print(f"   {cls:10s} " + " ".join(f"{c:>6d}/{len(uris):<3d}" for c in counts))
    for name in names[1:]:
        theirs = {uri for uri, ok in results[name].items() if ok}
        ours = {uri for uri, ok in results["atlas"].items() if ok}
        missing = sorted(theirs - ours)
        verdict = "yes" if not missing else f"NO, atlas fails {missing}"
        print(f"   atlas passes a superset of {name}'s {len(theirs)}: {verdict}")
    failed = sorted(uri for uri, ok in results["atlas"].items() if not ok)
    print(f"   atlas fails: {failed or 'none'}")
    for name in names[1:]:
        print(f"   {name} passes: {sorted(u for u, ok in results[name].items() if ok)}")


# --- main --------------------------------------------------------------------------------


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    parser.add_argument("-n", type=int, default=30, help="sequential warm requests per kind")
    parser.add_argument("--cache-db", type=int, default=13)
    parser.add_argument("--ports", default="9200-9299", help="range of ports to use")
    parser.add_argument(
        "--pygeoapi-venv", default=str(Path(tempfile.gettempdir()) / "regioatlas-bench-pygeoapi")
    )
    parser.add_argument("--no-pygeoapi", action="store_true")
    return parser.parse_args()


def _servers(args, folder: Path, free: list[int]) -> dict[str, tuple]:
    """Start the servers: name -> (process, base URL)."""
    port, bare_port, tipg_port, pygeoapi_port = free
    command = [sys.executable, "-m", "gunicorn", "regioatlas.wsgi:application"]
    command += ["--config", str(ROOT / "gunicorn.conf.py")]
    tipg_command = [sys.executable, "-m", "uvicorn", "tipg.main:app", "--host", "127.0.0.1"]
    tipg_command += ["--port", str(tipg_port), "--workers", "1", "--no-access-log"]
    servers: dict[str, tuple] = {}
    base = f"http://127.0.0.1:{port}"
    env = site_env(port, args.cache_db)
    servers["atlas"] = (start(command, env, folder / "gunicorn.log", base + "/health"), base)
    bare_base = f"http://127.0.0.1:{bare_port}"
    bare_env = {**site_env(bare_port, args.cache_db), "REGIOATLAS_RESPONSE_CACHE": "false"}
    bare = start(command, bare_env, folder / "gunicorn-bare.log", bare_base + "/health")
    servers["atlas, no response cache"] = (bare, bare_base)
    tipg_base = f"http://127.0.0.1:{tipg_port}"
    tipg = start(tipg_command, tipg_env(), folder / "tipg.log", tipg_base + "/healthz")
    servers["tipg"] = (tipg, tipg_base)
    if not args.no_pygeoapi:
        venv = Path(args.pygeoapi_venv)
        process = start_pygeoapi(venv, folder, pygeoapi_port)
        if process is not None:
            servers["pygeoapi"] = (process, f"http://127.0.0.1:{pygeoapi_port}")
    return servers


def _targets(servers: dict[str, tuple]) -> dict[str, checks.Target]:
    roots = {
        "atlas": (servers["atlas"][1] + "/api/ogc/v1", "gemeenten"),
        "tipg": (servers["tipg"][1], TABLE),
    }
    if "pygeoapi" in servers:
        roots["pygeoapi"] = (servers["pygeoapi"][1], "gemeenten")
    return {
        name: checks.Target(root=root, collections=(collection,), bbox=CHECK_BBOX)
        for name, (root, collection) in roots.items()
    }


def main() -> None:
    args = _arguments()
    import redis

    redis.Redis(db=args.cache_db).flushdb()
    folder = Path(tempfile.mkdtemp(prefix="bench-ogc-"))
    first, last = (int(v) for v in args.ports.split("-"))
    servers: dict[str, tuple] = {}
    try:
        servers = _servers(args, folder, ports(first, last, 4))
        print(
            f"atlas:    gunicorn.conf.py, {os.cpu_count()} cores, production settings, DEBUG off,"
        )
        print("          REGIOATLAS_THROTTLE_ANON/USER=1000000/min")
        print("tipg:     uvicorn, 1 worker, same database")
        if "pygeoapi" in servers:
            print("pygeoapi: gunicorn, 1 sync worker, PostgreSQL + MVT-postgresql providers")
        print(f"N = {args.n} sequential warm requests per kind and server (gzip accepted)\n")
        session = requests.Session()
        session.headers["Accept-Encoding"] = "gzip"
        order = ["atlas", "atlas, no response cache", "tipg", "pygeoapi"]
        bases = {
            name: ({"atlas": 0, "atlas, no response cache": 0, "tipg": 1, "pygeoapi": 2}[name],
                   servers[name][1])
            for name in order
            if name in servers
        }  # fmt: skip
        summary(compare(session, bases, args.n))
        print()
        conformance(_targets(servers))
    finally:
        for process, _base in reversed(list(servers.values())):
            stop(process)
        if not args.no_pygeoapi:
            _drop_pygeoapi_view()
        print(f"logs: {folder}")


if __name__ == "__main__":
    main()
