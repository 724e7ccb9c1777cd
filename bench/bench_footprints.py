"""Footprint recomputation, measured side by side in one process (issue: foundation).

Compares on the loaded data (run `manage.py load` first):
  A. the service: coverage union (shapely) of the clean coverage, all arrangements;
  B. a plain per-arrangement ST_Union in PostGIS (one UPDATE ... GROUP BY), all arrangements;
  C. the service for one changed arrangement.
Targets: A/B <= 0.35, C/A <= 0.01. Each variant runs inside a transaction that is rolled
back, alternating, `--rounds` times; medians are compared.

    DJANGO_SETTINGS_MODULE=regioatlas.settings.local .venv/bin/python bench/bench_footprints.py
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "regioatlas.settings.local")

import django

django.setup()

from django.db import connection, transaction
from django.utils import timezone

from collaborations.arrangements.models import Arrangement, Membership
from collaborations.arrangements.selectors.represented import represented_municipality_pairs
from collaborations.arrangements.services.footprints import arrangement_footprints_recompute
from collaborations.geography.selectors.validity import boundaries_on
from collaborations.geography.services.coverage import boundaries_clean_coverage


class Rollback(Exception):  # noqa: N818 - control flow, not an error
    pass


def timed(function) -> float:
    start = time.perf_counter()
    try:
        with transaction.atomic():
            function()
            raise Rollback
    except Rollback:
        pass
    return time.perf_counter() - start


BASELINE_SQL = """
UPDATE collaborations_arrangement a SET footprint = u.geom, footprint_updated_at = now()
FROM (SELECT p.aid, ST_Multi(ST_Union(b.geom)) AS geom
      FROM ({pairs}) AS p(aid, mid) JOIN ({bounds}) AS b(mid, geom) ON b.mid = p.mid
      GROUP BY p.aid) u
WHERE a.id = u.aid
"""


def plain_st_union() -> None:
    """Baseline: PostGIS ST_Union of the raw boundaries per arrangement, one statement."""
    day = timezone.localdate()
    pairs_sql, pairs_params = represented_municipality_pairs(day=day).query.sql_with_params()
    bounds_sql, bounds_params = (
        boundaries_on(day=day).values("municipality_id", "geom").query.sql_with_params()
    )
    # Wraps ORM-built SQL; all values are parameters.
    sql = BASELINE_SQL.format(pairs=pairs_sql, bounds=bounds_sql)
    with connection.cursor() as cursor:
        cursor.execute(sql, [*pairs_params, *bounds_params])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    arrangements = Arrangement.objects.count()
    if not Membership.objects.exists():
        sys.exit("no data: run `manage.py load` first")
    boundaries_clean_coverage()  # one-off per load; timed separately below
    one = (
        Membership.objects.filter(municipality__isnull=False)
        .values_list("arrangement_id", flat=True)
        .order_by("arrangement_id")
        .first()
    )
    start = time.perf_counter()
    boundaries_clean_coverage(years=[2024])
    cleaning = time.perf_counter() - start
    coverage, plain, single = [], [], []
    for _ in range(args.rounds):
        coverage.append(timed(arrangement_footprints_recompute))
        plain.append(timed(plain_st_union))
        single.append(timed(lambda: arrangement_footprints_recompute(arrangement_ids=[one])))
    a, b, c = (statistics.median(x) for x in (coverage, plain, single))
    print(f"arrangements: {arrangements}, rounds: {args.rounds} (medians)")
    print(f"A coverage union, all (service):   {a:8.3f} s")
    print(f"B plain ST_Union per arrangement:  {b:8.3f} s")
    print(f"C one changed arrangement:         {c:8.4f} s")
    print(f"clean coverage of the 2024 layer (once per load): {cleaning:.3f} s")
    print(f"ratio A/B = {a / b:.3f} (target <= 0.35)")
    print(f"ratio C/A = {c / a:.4f} (target <= 0.01)")


if __name__ == "__main__":
    main()
