"""How reads and the BRE grow from the real Netherlands to a SYNTHETIC country (issue 15 part 5).

In one run, one child process per database (the real NL database and one made by
``manage.py synthetic_country`` — generated, not real), each timing through Django's full
request stack (test client, in process, no network):
  L. a list page: /api/v1/samenwerkingsverbanden?paginaGrootte=50 and
     /api/v1/gemeenten?paginaGrootte=50 (land=be for the synthetic country, whose codes are BE);
  D. a municipality detail (GM0363 / a synthetic one in the middle of the grid);
  T. a vector tile of the municipality layer at zoom 9 over the country;
  B. the BRE with the default parameters, once, before and after issue 15 part 5:
     "before" = the co-membership network as one SQL self-join of the memberships (kept below
     as the reference) and Leiden iterated until stable (n_iterations=-1); "after" = the
     network computed from the memberships in numpy and Leiden with LEIDEN_ITERATIONS (2).
     **"BRE Leiden" (the <= 10 s target) = network + igraph graph + one Leiden partition**
     (seed 1, resolution 9, normalised weights). Also: the two partitions compared (clusters,
     quality at resolution 9 and 1, ARI and NMI between before and after, and between two
     seeds before, the noise a seed makes anyway); on a database where 50 "before" partitions
     take under a minute (NL), the default consensus of 50 before and after (identical?);
     the 50 repetitions of the default run and their consensus, after; and the whole default
     run after (compute_run: network, consensus, geography, measures; its phases' own
     timings) on NL, and on the synthetic country only with --full-run-synthetic (about
     two minutes more).
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


_EDGES_BEFORE_SQL = """
WITH m AS MATERIALIZED (
    SELECT DISTINCT q.aid, q.mid FROM ({pairs}) AS q(aid, mid)
),
size AS (SELECT aid, count(*) AS n FROM m GROUP BY aid),
degree AS (SELECT mid, count(*) AS k FROM m GROUP BY mid),
e AS (
    SELECT a.mid AS s, b.mid AS t, count(*) AS shared, sum(1.0 / (z.n - 1)) AS normalised
    FROM m a
    JOIN m b ON a.aid = b.aid AND a.mid < b.mid
    JOIN size z ON z.aid = a.aid
    GROUP BY a.mid, b.mid
)
SELECT e.s, e.t, e.shared, e.normalised::float8,
       e.shared::float8 / (ds.k + dt.k - e.shared)
FROM e
JOIN degree ds ON ds.mid = e.s
JOIN degree dt ON dt.mid = e.t
ORDER BY e.s, e.t
"""


def _network_before(filters):
    """The network as it was built before issue 15 part 5: one SQL self-join (reference)."""
    import numpy as np
    from django.db import connection

    from collaborations.clustering.selectors.network import BreNetwork, bre_member_pairs
    from collaborations.geography.selectors.validity import municipalities_on

    municipalities = municipalities_on(day=filters.on)
    if filters.country:
        municipalities = municipalities.filter(country=filters.country)
    nodes = list(municipalities.order_by("code").values_list("pk", "code"))
    index = {pk: i for i, (pk, _) in enumerate(nodes)}
    pairs_sql, params = bre_member_pairs(filters=filters).query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(_EDGES_BEFORE_SQL.format(pairs=pairs_sql), params)
        rows = cursor.fetchall()
    sources = np.array([index[r[0]] for r in rows], dtype=np.int64)
    targets = np.array([index[r[1]] for r in rows], dtype=np.int64)
    swap = sources > targets
    sources[swap], targets[swap] = targets[swap], sources[swap].copy()
    column = [np.array([r[k] for r in rows]) for k in (2, 3, 4)]
    return BreNetwork(
        municipality_ids=np.array([pk for pk, _ in nodes], dtype=np.int64),
        codes=tuple(code for _, code in nodes),
        sources=sources,
        targets=targets,
        shared=column[0].astype(np.int64),
        normalised=column[1].astype(np.float64),
        jaccard=column[2].astype(np.float64),
    )


def _stopwatch(function):
    started = time.perf_counter()
    result = function()
    return time.perf_counter() - started, result


def _same_network(a, b) -> bool:
    import numpy as np

    return all(
        np.array_equal(getattr(a, k), getattr(b, k))
        for k in ("municipality_ids", "sources", "targets", "shared", "normalised", "jaccard")
    )


def _bre_parameters(synthetic: bool):
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
    return parameters


def _compare(graph, resolution: float, before, after, other_seed) -> dict:
    from collaborations.clustering.selectors.runs import agreement

    def quality(m, gamma):
        return round(graph.modularity(m.tolist(), weights="weight", resolution=gamma), 5)

    ari, nmi = agreement(before, after)
    seed_ari, seed_nmi = agreement(before, other_seed)
    return {
        "clusters": [int(before.max()) + 1, int(after.max()) + 1],
        "quality_gamma": [quality(before, resolution), quality(after, resolution)],
        "modularity": [quality(before, 1), quality(after, 1)],
        "ari_nmi_before_after": [round(ari, 4), round(nmi, 4)],
        "ari_nmi_two_seeds_before": [round(seed_ari, 4), round(seed_nmi, 4)],
    }


def _time_bre(limit: int, synthetic: bool, full_run: bool) -> dict:
    import numpy as np
    from django.db import OperationalError

    from collaborations.clustering.selectors.network import bre_network
    from collaborations.clustering.services import algorithms
    from collaborations.clustering.services.compute import compute_run

    parameters = _bre_parameters(synthetic)
    p, f = parameters, parameters.filters
    out: dict = {}
    try:
        out["network_before"], before_net = _stopwatch(lambda: _network_before(f))
    except OperationalError as exc:  # a query over the statement timeout
        out["network_before"], before_net = float(limit), None
        out["network_before_error"] = str(exc).strip()
    out["network"], network = _stopwatch(lambda: bre_network(filters=f, with_ids=False))
    out["same_network"] = before_net is not None and _same_network(before_net, network)
    out["graph"], graph = _stopwatch(lambda: network.graph(p.weighting))
    out["nodes"], out["edges"] = network.node_count, network.edge_count

    def one(seed, iterations):
        algorithms.LEIDEN_ITERATIONS, kept = iterations, algorithms.LEIDEN_ITERATIONS
        try:
            return _stopwatch(
                lambda: algorithms.partition_once(
                    graph, algorithm=p.algorithm, resolution=p.resolution, seed=seed
                )
            )
        finally:
            algorithms.LEIDEN_ITERATIONS = kept

    out["leiden_before"], before = one(p.seed, -1)
    out["leiden"], after = one(p.seed, algorithms.LEIDEN_ITERATIONS)
    _, other = one(p.seed + 1, -1)
    out["compare"] = _compare(graph, p.resolution, before, after, other)
    out["bre_leiden_before"] = out["network_before"] + out["graph"] + out["leiden_before"]
    out["bre_leiden"] = out["network"] + out["graph"] + out["leiden"]
    if out["leiden_before"] * p.repetitions < 60:  # the whole consensus, before and after

        def consensus(iterations):
            algorithms.LEIDEN_ITERATIONS, kept = iterations, algorithms.LEIDEN_ITERATIONS
            try:
                return algorithms.consensus(
                    graph,
                    algorithm=p.algorithm,
                    resolution=p.resolution,
                    seed=p.seed,
                    repetitions=p.repetitions,
                )
            finally:
                algorithms.LEIDEN_ITERATIONS = kept

        old, new = consensus(-1), consensus(algorithms.LEIDEN_ITERATIONS)
        out["consensus_identical"] = bool(
            np.array_equal(old.partitions, new.partitions)
            and np.array_equal(old.membership, new.membership)
            and np.array_equal(old.stability, new.stability)
        )
        out["consensus_seconds"] = [old.detection_seconds, new.detection_seconds]
    started = time.perf_counter()
    result = algorithms.consensus(
        graph,
        algorithm=p.algorithm,
        resolution=p.resolution,
        seed=p.seed,
        repetitions=p.repetitions,
    )
    out["consensus"] = time.perf_counter() - started
    out["detection"] = result.detection_seconds
    out["slowest_repetition"] = result.slowest_repetition_seconds
    out["default_detection"] = out["network"] + out["graph"] + out["consensus"]
    if full_run:
        try:
            out["run"], computed = _stopwatch(
                lambda: compute_run(parameters, lambda progress: None)
            )
            out["fasen"], out["clusters"] = computed.timings, len(computed.clusters)
        except OperationalError as exc:  # a query over the statement timeout
            out["run_error"] = str(exc).strip()
    return out


def measure(rounds: int, bre: bool, reads: bool, full_run: bool) -> dict:
    import django

    django.setup()
    from django.test import Client

    from collaborations.arrangements.models import Arrangement

    limit = _cap_statements()
    paths, count = _paths()
    client = Client(HTTP_ACCEPT_ENCODING="gzip")
    out: dict = {"gemeenten": count, "samenwerkingsverbanden": Arrangement.objects.count()}
    for label, path in paths.items() if reads else ():
        out[label] = _time_get(client, path, rounds, limit)
    if bre:
        synthetic = "land=be" in paths["lijst gemeenten"]
        out["bre"] = _time_bre(limit, synthetic=synthetic, full_run=full_run)
    return out


def child(url: str, rounds: int, flags: list[str]) -> dict:
    # the view's own work on every request: the response cache per ETag (issue 15 part 2)
    # would answer every round after the warm-up with one query and hide the growth
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_ALLOWED_HOSTS": "testserver",
        "REGIOATLAS_RESPONSE_CACHE": "false",
    }
    env.setdefault("DJANGO_SETTINGS_MODULE", "regioatlas.settings.local")
    command = [sys.executable, __file__, "--child", "--rounds", str(rounds), *flags]
    result = subprocess.run(  # noqa: S603 - this script, fixed arguments
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=3600
    )
    if result.returncode != 0:
        raise SystemExit(result.stderr[-4000:])
    return json.loads(result.stdout.strip().splitlines()[-1])


def _report_reads(nl: dict, synth: dict) -> None:
    print(f"{'':32} {'NL ms':>9} {'SYNTH ms':>9} {'growth':>7}  status  target <= 2x")
    for label in ("lijst samenwerkingsverbanden", "lijst gemeenten", "gemeente detail",
                  "tegel z9 gemeenten"):  # fmt: skip
        if label not in nl or label not in synth:
            continue
        a, b = nl[label], synth[label]
        growth = b["ms"] / a["ms"]
        verdict = "ok" if growth <= 2 else "MISSED"
        print(f"{label:32} {a['ms']:9.1f} {b['ms']:9.1f} {growth:6.2f}x  {a['status']}/{b['status']}"
              f"  {verdict}")  # fmt: skip


BRE_ROWS = (
    ("network, before (SQL self-join)", "network_before"),
    ("network, after (numpy)", "network"),
    ("igraph graph", "graph"),
    ("one Leiden partition, before (-1)", "leiden_before"),
    ("one Leiden partition, after", "leiden"),
    ("BRE Leiden, before", "bre_leiden_before"),
    ("BRE Leiden, after", "bre_leiden"),
    ("50 repetitions (detection), after", "detection"),
    ("consensus of 50 (with medoid), after", "consensus"),
    ("network + graph + consensus, after", "default_detection"),
    ("whole default run, after", "run"),
)


def _report_bre(a: dict, b: dict) -> None:
    print(f"BRE, default parameters; 'BRE Leiden' = network + igraph graph + one Leiden partition"
          f" (NL {a['nodes']} nodes / {a['edges']} edges, SYNTH {b['nodes']} / {b['edges']})")  # fmt: skip
    print(f"{'':36} {'NL s':>8} {'SYNTH s':>8} {'growth':>8}")
    for label, key in BRE_ROWS:
        if key in a and key in b:
            growth = b[key] / a[key] if a[key] else float("nan")
            print(f"{label:36} {a[key]:8.3f} {b[key]:8.3f} {growth:7.1f}x")
    for name, side in (("NL", a), ("SYNTH", b)):
        print(f"  {name}: before/after speed-up: network {side['network_before'] / side['network']:.1f}x,"
              f" Leiden {side['leiden_before'] / side['leiden']:.1f}x; same network: {side['same_network']}")  # fmt: skip
        c = side["compare"]
        print(f"  {name}: clusters {c['clusters']}, quality at gamma {c['quality_gamma']},"
              f" modularity {c['modularity']} (before, after); ARI/NMI before-after"
              f" {c['ari_nmi_before_after']}, two seeds before {c['ari_nmi_two_seeds_before']}")  # fmt: skip
        if "consensus_identical" in side:
            before, after = side["consensus_seconds"]
            print(f"  {name}: consensus of 50 before/after identical (partitions, final, stability):"
                  f" {side['consensus_identical']}; detection {before:.2f} s -> {after:.2f} s")  # fmt: skip
        if "fasen" in side:
            print(f"  {name}: whole run phases {side['fasen']} ({side['clusters']} clusters)")
        if "run_error" in side:
            print(f"  {name}: whole run stopped: {side['run_error']}")
    verdict = "met" if b["bre_leiden"] <= 10 else "MISSED"
    print(
        f"target BRE Leiden <= 10 s on the synthetic country: {verdict} ({b['bre_leiden']:.2f} s)"
    )
    verdict = "met" if b["default_detection"] <= 10 else "MISSED"
    print(f"(network + the default 50 repetitions and their consensus <= 10 s: {verdict},"
          f" {b['default_detection']:.1f} s)")  # fmt: skip


def report(nl: dict, synth: dict) -> None:
    print(f"NL: {nl['gemeenten']} gemeenten, {nl['samenwerkingsverbanden']} verbanden;"
          f" SYNTHETIC: {synth['gemeenten']} gemeenten, {synth['samenwerkingsverbanden']}"
          " verbanden (generated, not real)")  # fmt: skip
    print(
        f"load average {os.getloadavg()[0]:.1f} {os.getloadavg()[1]:.1f} {os.getloadavg()[2]:.1f}"
    )
    _report_reads(nl, synth)
    if "bre" in nl and "bre" in synth:
        _report_bre(nl["bre"], synth["bre"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nl", default=os.environ.get("DATABASE_URL", ""))
    parser.add_argument("--synthetic", default=os.environ.get("REGIOATLAS_SYNTHETIC_URL", ""))
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--no-bre", action="store_true")
    parser.add_argument("--no-reads", action="store_true")
    parser.add_argument(
        "--full-run-synthetic",
        action="store_true",
        help="also the whole default run (compute_run) on the synthetic country (about two"
        " minutes more)",
    )
    parser.add_argument("--no-full-run", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--child", action="store_true")
    args = parser.parse_args()
    if args.child:
        sys.path.insert(0, str(ROOT))
        print(json.dumps(measure(args.rounds, not args.no_bre, not args.no_reads,
                                 not args.no_full_run)))  # fmt: skip
        return
    if not args.nl or not args.synthetic:
        raise SystemExit("give --nl and --synthetic database URLs (or REGIOATLAS_SYNTHETIC_URL)")
    flags = [f for f in ("--no-bre", "--no-reads") if getattr(args, f[2:].replace("-", "_"))]
    synthetic_flags = flags if args.full_run_synthetic else [*flags, "--no-full-run"]
    report(child(args.nl, args.rounds, flags), child(args.synthetic, args.rounds, synthetic_flags))


if __name__ == "__main__":
    main()
