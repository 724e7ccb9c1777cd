"""API v1 benchmarks, side by side in one process, reported as ratios (issue: API v1).

Needs the real data loaded (`manage.py load`). Runs every variant alternately `--rounds`
times through Django's test client (no network) and compares medians:

  1. /gemeenten with geometry: default (simplified) vs full precision — gzipped bytes (<= 0.2)
  2. read-only list built as dicts in the database (the view) vs a DRF serializer per object
     (rest_framework_gis GeoFeatureModelSerializer over the same rows) — time (<= 0.2)
  3. a vector tile vs GeoJSON of the same features in the same area — time (<= 0.5)
  4. a 304 (If-None-Match) vs the full response — time (<= 0.1)

    .venv/bin/python bench/bench_api.py [--rounds 7]
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

from django.conf import settings
from django.test import Client

from collaborations.geography.models import Municipality

settings.ALLOWED_HOSTS = ["testserver", *settings.ALLOWED_HOSTS]
REST = settings.REST_FRAMEWORK
REST["DEFAULT_THROTTLE_RATES"] = {"anon": "1000000/min", "user": "1000000/min"}

LIST = "/api/v1/gemeenten?paginaGrootte=500"
# A z7 tile over the centre of the country and the same area as a GeoJSON bbox query.
TILE = "/api/v1/tegels/samenwerkingsverbanden/7/65/42"
TILE_BBOX = "4.21875,51.618017,7.03125,53.330873"


def timed(function, rounds: int) -> float:
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        function()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def get(client: Client, url: str, **headers):
    response = client.get(url, **headers)
    assert response.status_code in (200, 204, 304), (url, response.status_code)
    return response


def serializer_list() -> int:
    """The comparison: a DRF GeoFeatureModelSerializer, one object at a time."""
    from rest_framework_gis.serializers import GeoFeatureModelSerializer

    class MunicipalitySerializer(GeoFeatureModelSerializer):
        class Meta:
            model = Municipality
            geo_field = "geom"
            fields = ("code", "name", "province", "valid_from", "valid_to")

    from rest_framework.renderers import JSONRenderer

    queryset = Municipality.objects.filter(valid_to__isnull=True).order_by("name")
    data = MunicipalitySerializer(queryset, many=True).data
    return len(JSONRenderer().render(data))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    client = Client()
    results = []

    simplified = get(client, LIST, HTTP_ACCEPT_ENCODING="gzip").content
    full = get(client, LIST + "&geometrieDetail=volledig", HTTP_ACCEPT_ENCODING="gzip").content
    ratio = len(simplified) / len(full)
    results.append(
        ("1 bytes gzipped, simplified / full", ratio, 0.2, f"{len(simplified):,} / {len(full):,} B")
    )

    view_url = LIST + "&geometrieDetail=volledig"
    ours = timed(lambda: get(client, view_url), args.rounds)
    theirs = timed(serializer_list, args.rounds)
    results.append(
        (
            "2 time, dicts in DB / serializer per object",
            ours / theirs,
            0.2,
            f"{ours * 1000:.0f} / {theirs * 1000:.0f} ms",
        )
    )

    tile = client.get(TILE)
    if tile.status_code in (200, 204):
        from django.core.cache import caches

        geojson_url = "/api/v1/samenwerkingsverbanden?paginaGrootte=500&bbox=" + TILE_BBOX

        def cold_tile():
            for alias in settings.CACHES:
                caches[alias].clear()
            get(client, TILE)

        cold = timed(cold_tile, args.rounds)
        warm = timed(lambda: get(client, TILE), args.rounds)
        geo = timed(
            lambda: get(client, geojson_url, HTTP_ACCEPT="application/geo+json"), args.rounds
        )
        results.append(
            (
                "3a time, vector tile (cold) / GeoJSON same area",
                cold / geo,
                0.5,
                f"{cold * 1000:.0f} / {geo * 1000:.0f} ms",
            )
        )
        results.append(
            (
                "3b time, vector tile (cached) / GeoJSON same area",
                warm / geo,
                0.5,
                f"{warm * 1000:.0f} / {geo * 1000:.0f} ms",
            )
        )

    etag = get(client, view_url)["ETag"]
    conditional = timed(lambda: get(client, view_url, HTTP_IF_NONE_MATCH=etag), args.rounds)
    whole = timed(lambda: get(client, view_url), args.rounds)
    results.append(
        (
            "4 time, 304 / full response",
            conditional / whole,
            0.1,
            f"{conditional * 1000:.1f} / {whole * 1000:.0f} ms",
        )
    )

    print(f"rounds: {args.rounds} (medians)")
    for name, value, target, detail in results:
        verdict = "ok" if value <= target else "MISSED"
        print(f"{name:48s} {value:6.3f}  (target <= {target})  {verdict}  [{detail}]")


if __name__ == "__main__":
    main()
