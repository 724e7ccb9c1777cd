"""Congruence benchmark (issue 13): the full matrix of every pair of divisions in force, built
from nothing (no cache), must take at most 1 s; and what a page of the congruence tool costs.

Needs the real data loaded (`manage.py load`). Reports medians of ``--rounds`` runs:

  1. the matrix uncached: the one query of (division, region, municipality) rows plus NumPy
     contingency tables for every pair (the budget: <= 1 s), split into its two parts;
  2. the matrix through the API (/api/v1/congruentie/matrix), cached as after a first visit;
  3. two partitions compared (veiligheidsregio's against the best other division), the border
     classes in PostGIS uncached, and /api/v1/congruentie and /congruentie (the page) cached;
  4. the differences of the side-by-side page (jeugdregio's 2016 against today), uncached (no
     cache at all: the selector and /api/v1/congruentie/verschillen) and cached.

    .venv/bin/python bench/bench_congruence.py [--rounds 5]
"""

from __future__ import annotations

import argparse
import datetime
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "regioatlas.settings.local")

import django

django.setup()

from django.conf import settings
from django.test import Client, override_settings

from collaborations.clustering.selectors.partitions import partition_get
from collaborations.divisions.congruence.compare import partitions_compare
from collaborations.divisions.congruence.differences import partitions_differences
from collaborations.divisions.congruence.matrix import (
    _division_labels,
    _matrix,
    partition_ranking,
)
from collaborations.geography.selectors.borders import _border_classes, municipality_adjacency
from collaborations.geography.selectors.validity import today

settings.ALLOWED_HOSTS = ["testserver", *settings.ALLOWED_HOSTS]
REST = settings.REST_FRAMEWORK
REST["DEFAULT_THROTTLE_RATES"] = {"anon": "1000000/min", "user": "1000000/min"}
BUDGET_SECONDS = 1.0
A = "veiligheidsregios"
SIDES = ("jeugdregios", "2016-01-01")  # the side-by-side page's default: 2016 against today
NO_CACHE = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}


def timed(function, rounds: int) -> tuple[float, object]:
    samples, result = [], None
    for _ in range(rounds):
        start = time.perf_counter()
        result = function()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples), result


def get(client: Client, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)


def matrix(rounds: int) -> bool:
    day = today()
    t_labels, labels = timed(lambda: _division_labels(day), rounds)
    t_pairs, pairs = timed(lambda: _matrix(labels), rounds)
    # uncached: what congruence_matrix does on a miss (the shared cache is left alone)
    t_full, _ = timed(lambda: _matrix(_division_labels(day)), rounds)
    client = Client()
    get(client, "/api/v1/congruentie/matrix")
    t_api, _ = timed(lambda: get(client, "/api/v1/congruentie/matrix"), rounds)
    divisions = len(labels.divisions)
    print(f"== 1. the matrix: {divisions} divisions in force, {len(pairs)} pairs, "
          f"{len(labels.municipality_ids)} municipalities")  # fmt: skip
    print(f"  one query of (division, region, municipality) rows {t_labels * 1000:8.1f} ms")
    print(f"  contingency tables and measures of every pair     {t_pairs * 1000:8.1f} ms")
    print(f"  the full matrix, uncached                         {t_full * 1000:8.1f} ms "
          f"(budget {BUDGET_SECONDS * 1000:.0f} ms)")  # fmt: skip
    print(f"== 2. GET /api/v1/congruentie/matrix, cached          {t_api * 1000:8.1f} ms")
    return t_full <= BUDGET_SECONDS


def comparison(rounds: int) -> None:
    day = today()
    a = partition_get(reference=A, day=day)
    b_slug = partition_ranking(partition=a, day=day)[0][0].slug
    b = partition_get(reference=b_slug, day=day)
    municipality_adjacency(day=day)
    t_read, _ = timed(lambda: partition_get(reference=b_slug, day=day), rounds)
    t_compare, _ = timed(lambda: partitions_compare(a=a, b=b, day=day), rounds)
    t_borders, classes = timed(lambda: _border_classes(day, a.labels, b.labels), rounds)
    client = Client()
    query = f"a={A}&b={b_slug}"
    for url in (f"/api/v1/congruentie?{query}", f"/congruentie?{query}"):
        get(client, url)
    t_api, _ = timed(lambda: get(client, f"/api/v1/congruentie?{query}"), rounds)
    t_page, _ = timed(lambda: get(client, f"/congruentie?{query}"), rounds)
    print(f"== 3. {A} against {b_slug}")
    print(f"  one partition read (2 queries)                    {t_read * 1000:8.1f} ms")
    print(f"  the comparison (measures, fits, neighbours)       {t_compare * 1000:8.1f} ms")
    print(f"  border classes in PostGIS, uncached               {t_borders * 1000:8.1f} ms "
          f"({', '.join(f'{c}: {n}' for c, n, _ in classes)})")  # fmt: skip
    print(f"  GET /api/v1/congruentie                           {t_api * 1000:8.1f} ms")
    print(f"  GET /congruentie (the page)                       {t_page * 1000:8.1f} ms")


def differences(rounds: int) -> None:
    reference, day_a = SIDES[0], datetime.date.fromisoformat(SIDES[1])
    day_b = today()
    a = partition_get(reference=reference, day=day_a)
    b = partition_get(reference=reference, day=day_b)
    url = f"/api/v1/congruentie/verschillen?a={reference}&b={reference}&peildatumA={day_a}"
    with override_settings(CACHES=NO_CACHE):
        t_sel, result = timed(
            lambda: partitions_differences(a=a, b=b, day_a=day_a, day_b=day_b), rounds
        )
        t_cold, _ = timed(lambda: get(Client(), url), rounds)
    client = Client()
    get(client, url)
    t_warm, _ = timed(lambda: get(client, url), rounds)
    print(f"== 4. differences, {reference} {day_a} against {day_b}: "
          f"{len(result.moves)} municipalities, {len(result.borders)} border classes")  # fmt: skip
    print(f"  partitions_differences, no cache                  {t_sel * 1000:8.1f} ms")
    print(f"  GET /api/v1/congruentie/verschillen, no cache     {t_cold * 1000:8.1f} ms")
    print(f"  GET /api/v1/congruentie/verschillen, cached       {t_warm * 1000:8.1f} ms")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    rounds = parser.parse_args().rounds
    within = matrix(rounds)
    comparison(rounds)
    differences(rounds)
    print("matrix within budget:", "yes" if within else "NO")
    return 0 if within else 1


if __name__ == "__main__":
    sys.exit(main())
