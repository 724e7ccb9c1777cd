"""Vector tiles against GeoJSON for the same area, measured side by side in one process.

On the loaded data (run `manage.py load` or `manage.py build_tiles` first), for a few tiles:
  T. the vector tile (selectors.tile_mvt: pre-simplified band geometry, ST_AsMVT);
  G. GeoJSON of the same features (same filters, bounding box overlapping the tile), built the
     way a GeoJSON endpoint would: ``AsGeoJSON`` of the stored geometry (municipal boundary,
     arrangement footprint), 6 decimals, spliced into a FeatureCollection;
  S. the same GeoJSON of the pre-simplified band geometry (so only the format differs).
Each variant runs ``--rounds`` times, alternating; medians are compared. Target: T/G <= 0.5
for time. Bytes are reported raw and gzipped (the API gzips both).

    DJANGO_SETTINGS_MODULE=regioatlas.settings.local .venv/bin/python bench/bench_tiles.py
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "regioatlas.settings.local")

import django

django.setup()

from django.contrib.gis.db.models.functions import AsGeoJSON, Transform
from django.db.models import F

from collaborations.arrangements.models import Arrangement
from collaborations.arrangements.selectors.filters import arrangements_filter
from collaborations.core.functions import TileEnvelope
from collaborations.geography.models import Municipality
from collaborations.tiles.choices import TileLayer, zoom_band
from collaborations.tiles.models import TileGeometry
from collaborations.tiles.selectors import tile_mvt


def tile_of(lon: float, lat: float, z: int) -> tuple[int, int, int]:
    n = 2**z
    y = (1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n
    return z, int((lon + 180) / 360 * n), int(y)


UTRECHT = (5.12, 52.09)
#: (label, layer, z, x, y). At zoom 7 the Netherlands spans 2 x 3 tiles; the one with Utrecht
#: holds the footprints of most arrangements of the west and centre.
CASES = [
    ("z7 samenwerkingsverbanden", TileLayer.SAMENWERKINGSVERBAND, *tile_of(*UTRECHT, 7)),
    ("z9 samenwerkingsverbanden", TileLayer.SAMENWERKINGSVERBAND, *tile_of(*UTRECHT, 9)),
    ("z12 samenwerkingsverbanden", TileLayer.SAMENWERKINGSVERBAND, *tile_of(*UTRECHT, 12)),
    ("z7 gemeenten", TileLayer.GEMEENTE, *tile_of(*UTRECHT, 7)),
    ("z11 gemeenten", TileLayer.GEMEENTE, *tile_of(*UTRECHT, 11)),
]


def _splice(rows) -> bytes:
    features = ",".join(
        '{"type":"Feature","id":'
        + str(pk)
        + ',"properties":{"naam":'
        + json.dumps(name, ensure_ascii=False)
        + '},"geometry":'
        + geometry
        + "}"
        for pk, name, geometry in rows
        if geometry
    )
    return ('{"type":"FeatureCollection","features":[' + features + "]}").encode()


def _envelope(z: int, x: int, y: int):
    return Transform(TileEnvelope(z, x, y), 4326)


def geojson_stored(layer: str, z: int, x: int, y: int) -> bytes:
    """GeoJSON of the stored geometry of the objects whose bounding box overlaps the tile."""
    if layer == TileLayer.SAMENWERKINGSVERBAND:
        queryset = arrangements_filter().filter(footprint__bboverlaps=_envelope(z, x, y))
        field = "footprint"
    else:
        model = Municipality
        queryset = model.objects.filter(valid_to__isnull=True, geom__bboverlaps=_envelope(z, x, y))
        field = "geom"
    rows = queryset.order_by().values_list("pk", "name", AsGeoJSON(field, precision=6))
    return _splice(rows)


def geojson_simplified(layer: str, z: int, x: int, y: int) -> bytes:
    """GeoJSON of the same pre-simplified band geometry the tile is cut from."""
    model = Arrangement if layer == TileLayer.SAMENWERKINGSVERBAND else Municipality
    names = model.objects.filter(pk__in=_ids(layer)).values_list("pk", "name")
    names = dict(names)
    rows = (
        TileGeometry.objects.filter(
            layer=layer,
            band=zoom_band(z).band,
            object_id__in=list(names),
            geom__bboverlaps=TileEnvelope(z, x, y),
        )
        .order_by()
        .values_list("object_id", AsGeoJSON(Transform(F("geom"), 4326), precision=6))
    )
    return _splice((pk, names[pk], geometry) for pk, geometry in rows)


def _ids(layer: str):
    if layer == TileLayer.SAMENWERKINGSVERBAND:
        return arrangements_filter().values("pk")
    return Municipality.objects.filter(valid_to__isnull=True).values("pk")


def run_case(label: str, layer: str, z: int, x: int, y: int, rounds: int) -> None:
    variants = {
        "T tile": lambda: tile_mvt(layer=layer, z=z, x=x, y=y),
        "G geojson": lambda: geojson_stored(layer, z, x, y),
        "S geojson simplified": lambda: geojson_simplified(layer, z, x, y),
    }
    times: dict[str, list[float]] = {name: [] for name in variants}
    bodies: dict[str, bytes] = {}
    for _ in range(rounds):  # alternate the variants, so that noise hits them alike
        for name, function in variants.items():
            start = time.perf_counter()
            bodies[name] = function()
            times[name].append(time.perf_counter() - start)
    median = {name: statistics.median(values) for name, values in times.items()}
    print(f"\n{label}  ({z}/{x}/{y})")
    for name, body in bodies.items():
        print(
            f"  {name:<22} median {median[name] * 1000:7.1f} ms (min {min(times[name]) * 1000:7.1f})"
            f"  {len(body) / 1024:9.1f} KiB  gzip {len(gzip.compress(body)) / 1024:8.1f} KiB"
        )
    tile = bodies["T tile"]
    for name in ("G geojson", "S geojson simplified"):
        body = bodies[name]
        print(
            f"  T/{name[0]}: time {median['T tile'] / median[name]:.2f}x,"
            f" bytes {len(tile) / len(body):.3f}x,"
            f" gzip {len(gzip.compress(tile)) / len(gzip.compress(body)):.3f}x"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    if not TileGeometry.objects.exists():
        sys.exit("no tile geometry: run manage.py build_tiles first")
    for case in CASES:
        run_case(*case, rounds=args.rounds)


if __name__ == "__main__":
    main()
