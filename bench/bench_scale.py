"""How reads and the BRE grow from the real Netherlands to a SYNTHETIC country (issue 15 part 5).

In one run, one child process per database (the real NL database and one made by
``manage.py synthetic_country`` — generated, not real), each timing through Django's full
request stack (test client, in process, no network):
  L. a list page: /api/v1/samenwerkingsverbanden?paginaGrootte=50 and
     /api/v1/gemeenten?paginaGrootte=50 (land=be for the synthetic country, whose codes are BE);
  D. a municipality detail (GM0363 / a synthetic one in the middle of the grid);
  T. a vector tile of the municipality layer at zoom 9 over the country;
  B. a BRE run with the default parameters (compute_run: network, Leiden consensus with
     igraph + leidenalg, geography, measures; the phases' own timings), once.
Medians of ``--rounds`` (after one warm-up); growth = synthetic / NL. Targets: reads <= 2x,
BRE Leiden <= 10 s.

    .venv/bin/python bench/bench_scale.py --nl postgis://.../regioatlas_scaleout \
        --synthetic postgis://.../regioatlas_synthetic_scaleout
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import math
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def tile_of(lon: float, lat: float, z: int) -> tuple[int, int, int]:
    n = 2**z
    y = (1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n
    return z, int((lon + 180) / 360 * n), int(y)


def _cap_statements() -> int:
    """Every query of this process stops after BENCH_STATEMENT_TIMEOUT_S (default 120 s)."""
    from django.db.backends.signals import connection_created

    limit = int(os.environ.get("BENCH_STATEMENT_TIMEOUT_S", "120"))

    def cap(sender, connection, **kwargs):  # a query that never ends is reported, not waited on
        with connection.cursor() as cursor:
            cursor.execute(f"SET statement_timeout = {limit * 1000}")

    connection_created.connect(cap, weak=False)
    return limit


def _paths() -> tuple[dict[str, str], int]:
    from collaborations.geography.models import Municipality
    from collaborations.sources.synthetic import CELL, ORIGIN, PREFIX

    if Municipality.objects.filter(name__startswith=PREFIX).exists():
        count = Municipality.objects.count()
        side = math.ceil(math.sqrt(count))
        middle = (side // 2) * side + side // 2
        code, land = f"BE{middle:05d}", "&land=be"
        centre = (ORIGIN[0] + CELL * side / 2, ORIGIN[1] + CELL * side / 2)
    else:
        count = Municipality.objects.filter(valid_to__isnull=True, country="nl").count()
        code, land, centre = "GM0363", "", (5.12, 52.09)
    z, x, y = tile_of(*centre, 9)
    return {
        "lijst samenwerkingsverbanden": "/api/v1/samenwerkingsverbanden?paginaGrootte=50",
        "lijst gemeenten": f"/api/v1/gemeenten?paginaGrootte=50{land}",
        "gemeente detail": f"/api/v1/gemeenten/{code}",
        "tegel z9 gemeenten": f"/api/v1/tegels/gemeenten/{z}/{x}/{y}{land.replace('&', '?')}",
    }, count


def _time_get(client, path: str, rounds: int, limit: int) -> dict:
    from django.db import OperationalError

    times, status, size = [], 0, 0
    for index in range(rounds + 1):
        started = time.perf_counter()
        try:
            response = client.get(path)
        except OperationalError:  # statement_timeout: slower than the limit
            return {"ms": limit * 1000.0, "status": f"> {limit} s", "bytes": 0}
        elapsed = time.perf_counter() - started
        status, size = response.status_code, len(response.content)
        if index or rounds == 0:  # the first is a warm-up
            times.append(elapsed)
    return {"ms": statistics.median(times) * 1000, "status": status, "bytes": size}


def _time_bre(limit: int, synthetic: bool) -> dict:
    from django.db import OperationalError

    from collaborations.clustering.services.compute import compute_run
    from collaborations.clustering.services.parameters import (
        DEFAULT_PARAMETERS,
        clustering_parameters_from,
        clustering_parameters_validate,
    )

    parameters = clustering_parameters_from(
        clustering_parameters_validate(parameters=dict(DEFAULT_PARAMETERS))
    )
    if synthetic:  # its municipalities are "be" (the code format), its arrangements have no
        # division (so they count as Dutch): cluster them all, whatever the country
        parameters = dataclasses.replace(
            parameters, filters=dataclasses.replace(parameters.filters, country=None)
        )
    started = time.perf_counter()
    try:
        computed = compute_run(parameters, lambda progress: None)
    except OperationalError as exc:  # a query over the statement timeout
        return {"s": float(limit), "fasen": f"stopped: {exc}".strip(), "clusters": 0}
    return {
        "s": time.perf_counter() - started,
        "fasen": computed.timings,
        "clusters": len(computed.clusters),
    }


def measure(rounds: int, bre: bool) -> dict:
    import django

    django.setup()
    from django.test import Client

    from collaborations.arrangements.models import Arrangement

    limit = _cap_statements()
    paths, count = _paths()
    client = Client(HTTP_ACCEPT_ENCODING="gzip")
    out: dict = {"gemeenten": count, "samenwerkingsverbanden": Arrangement.objects.count()}
    for label, path in paths.items():
        out[label] = _time_get(client, path, rounds, limit)
    if bre:
        out["bre"] = _time_bre(limit, synthetic="land=be" in paths["lijst gemeenten"])
    return out


def child(url: str, rounds: int, bre: bool) -> dict:
    # the view's own work on every request: the response cache per ETag (issue 15 part 2)
    # would answer every round after the warm-up with one query and hide the growth
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_ALLOWED_HOSTS": "testserver",
        "REGIOATLAS_RESPONSE_CACHE": "false",
    }
    env.setdefault("DJANGO_SETTINGS_MODULE", "regioatlas.settings.local")
    command = [sys.executable, __file__, "--child", "--rounds", str(rounds)]
    command += [] if bre else ["--no-bre"]
    result = subprocess.run(  # noqa: S603 - this script, fixed arguments
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=3600
    )
    if result.returncode != 0:
        raise SystemExit(result.stderr[-4000:])
    return json.loads(result.stdout.strip().splitlines()[-1])


def report(nl: dict, synth: dict) -> None:
    print(f"NL: {nl['gemeenten']} gemeenten, {nl['samenwerkingsverbanden']} verbanden;"
          f" SYNTHETIC: {synth['gemeenten']} gemeenten, {synth['samenwerkingsverbanden']}"
          " verbanden (generated, not real)")  # fmt: skip
    print(f"{'':32} {'NL ms':>9} {'SYNTH ms':>9} {'growth':>7}  status  target <= 2x")
    for label in ("lijst samenwerkingsverbanden", "lijst gemeenten", "gemeente detail",
                  "tegel z9 gemeenten"):  # fmt: skip
        a, b = nl[label], synth[label]
        growth = b["ms"] / a["ms"]
        verdict = "ok" if growth <= 2 else "MISSED"
        print(f"{label:32} {a['ms']:9.1f} {b['ms']:9.1f} {growth:6.2f}x  {a['status']}/{b['status']}"
              f"  {verdict}")  # fmt: skip
    if "bre" in nl and "bre" in synth:
        a, b = nl["bre"], synth["bre"]
        growth = b["s"] / a["s"]
        verdict = "ok" if b["s"] <= 10 else "MISSED"
        print(f"{'BRE run (default, Leiden)':32} {a['s'] * 1000:9.0f} {b['s'] * 1000:9.0f}"
              f" {growth:6.2f}x  target <= 10 s: {verdict}")  # fmt: skip
        print(f"  phases NL    {a['fasen']}  ({a['clusters']} clusters)")
        print(f"  phases SYNTH {b['fasen']}  ({b['clusters']} clusters)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nl", default=os.environ.get("DATABASE_URL", ""))
    parser.add_argument("--synthetic", default=os.environ.get("REGIOATLAS_SYNTHETIC_URL", ""))
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--no-bre", action="store_true")
    parser.add_argument("--child", action="store_true")
    args = parser.parse_args()
    if args.child:
        sys.path.insert(0, str(ROOT))
        print(json.dumps(measure(args.rounds, not args.no_bre)))
        return
    if not args.nl or not args.synthetic:
        raise SystemExit("give --nl and --synthetic database URLs (or REGIOATLAS_SYNTHETIC_URL)")
    report(child(args.nl, args.rounds, not args.no_bre),
           child(args.synthetic, args.rounds, not args.no_bre))  # fmt: skip


if __name__ == "__main__":
    main()
