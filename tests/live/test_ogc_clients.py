"""The OGC API through real clients against the live server (gunicorn): GDAL's OAPIF driver
(the engine of QGIS's "WFS / OGC API Features" layer) lists every collection and copies
collections completely; Part 2 (``crs``) over HTTP, compared with PostGIS's own ST_Transform
(Debian's GDAL 3.6 does not send ``crs`` itself); GDAL's MVT driver reads a tile of each tile
matrix set. Data: the small atlas of tests/ogc/conftest.py (grid near Utrecht)."""

from __future__ import annotations

import json
import math
import re
import shutil
import subprocess

import pytest
import requests
from django.contrib.gis.geos import GEOSGeometry
from django.db import connection

from collaborations.geography.models import MunicipalityBoundary
from tests.ogc.conftest import RD, ROOT, api_data, ogc_data  # noqa: F401 - fixtures, reused

pytestmark = [
    pytest.mark.live,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(shutil.which("ogrinfo") is None, reason="GDAL (ogrinfo) is not installed"),
]
GZIP = {"Accept-Encoding": "gzip"}
COPIED = ("gemeenten", "provincies", "indeling-jeugdregios")
#: NetherlandsRDNewQuad: origin (top left) and cell size (m/px) of level 0, 256 px tiles
RD_ORIGIN = (-285401.92, 903401.92)
RD_CELL0 = 3440.64


@pytest.fixture
def site(live, ogc_data):  # noqa: F811 - the fixture imported above
    return live


def gdal(program: str, *args: str) -> str:
    result = subprocess.run(  # noqa: S603 - fixed program, URL of the test server
        [shutil.which(program), *args], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def get_json(site, path: str, **params) -> dict:
    response = requests.get(f"{site.url}{ROOT}{path}", params=params, headers=GZIP, timeout=30)
    assert response.status_code == 200, response.text
    return response.json()


def test_ogrinfo_lists_every_collection(site):
    listed = {c["id"] for c in get_json(site, "/collections")["collections"]}
    out = gdal("ogrinfo", "-ro", "-so", f"OAPIF:{site.url}{ROOT}")
    layers = set(re.findall(r"^\d+: ([\w-]+)", out, flags=re.MULTILINE))
    assert set(COPIED) <= listed
    assert layers == listed


@pytest.mark.parametrize("collection", COPIED)
def test_ogr2ogr_copies_number_matched(site, collection, tmp_path):
    matched = get_json(site, f"/collections/{collection}/items", limit=1)["numberMatched"]
    assert matched > 0
    target = tmp_path / f"{collection}.geojson"
    gdal(
        "ogr2ogr", "-f", "GeoJSON", str(target), f"OAPIF:{site.url}{ROOT}", collection,
        "-oo", "PAGE_SIZE=1000",
    )  # fmt: skip
    features = json.loads(target.read_text())["features"]
    assert len(features) == matched
    if collection == "gemeenten":  # a sample geometry, as GDAL copied it, equals the database
        sample = features[0]
        stored = (
            MunicipalityBoundary.objects.filter(municipality__code=sample["properties"]["code"])
            .order_by("-valid_from")
            .first()
            .geom
        )
        copied = GEOSGeometry(json.dumps(sample["geometry"]), srid=4326)
        assert copied.equals_exact(stored, tolerance=1e-7)


def _vertices(geometry: dict) -> list[tuple[float, float]]:
    coordinates = geometry["coordinates"]
    while not isinstance(coordinates[0][0], (int, float)):
        coordinates = [point for part in coordinates for point in part]
    return [tuple(point) for point in coordinates]


def test_items_in_rd_equal_postgis_transform(site):
    page = get_json(site, "/collections/gemeenten/items", crs=RD, limit=100)
    assert page["numberReturned"] == page["numberMatched"] > 0
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT m.code, ST_AsGeoJSON(ST_Transform(b.geom, 28992), 9)"
            " FROM collaborations_municipalityboundary b"
            " JOIN collaborations_municipality m ON m.id = b.municipality_id"
            " WHERE m.code = ANY(%s)",
            [[f["properties"]["code"] for f in page["features"]]],
        )
        expected = {code: json.loads(text) for code, text in cursor.fetchall()}
    for feature in page["features"]:
        ours = _vertices(feature["geometry"])
        theirs = _vertices(expected[feature["properties"]["code"]])
        assert len(ours) == len(theirs)
        assert max(math.dist(a, b) for a, b in zip(ours, theirs, strict=True)) <= 0.001


def _point_in(srid: int) -> tuple[float, float]:
    """The centre of cell (1, 0) of the test grid in ``srid`` (x, y)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT ST_X(p), ST_Y(p) FROM ST_Transform(ST_SetSRID(ST_Point(5.075, 52.025),"
            " 4326), %s) p",
            [srid],
        )
        return cursor.fetchone()


def _tile_paths() -> dict[str, str]:
    z = 10
    x, y = _point_in(3857)
    half = 20037508.342789244
    size = 2 * half / 2**z
    mercator = f"{z}/{int((half - y) // size)}/{int((x + half) // size)}"
    z_rd = 5
    x, y = _point_in(28992)
    size = RD_CELL0 / 2**z_rd * 256
    rd = f"{z_rd}/{int((RD_ORIGIN[1] - y) // size)}/{int((x - RD_ORIGIN[0]) // size)}"
    return {"WebMercatorQuad": mercator, "NetherlandsRDNewQuad": rd}


@pytest.mark.parametrize("tms", ["WebMercatorQuad", "NetherlandsRDNewQuad"])
def test_gdal_mvt_driver_reads_a_tile_of_each_tile_matrix_set(site, tms, tmp_path):
    path = f"{ROOT}/collections/gemeenten/tiles/{tms}/{_tile_paths()[tms]}"
    response = requests.get(f"{site.url}{path}", headers=GZIP, timeout=30)
    assert response.status_code == 200, path
    assert response.headers["Content-Type"] == "application/vnd.mapbox-vector-tile"
    tile = tmp_path / "tile.mvt"
    tile.write_bytes(response.content)
    out = gdal("ogrinfo", "-ro", "-al", "-so", f"MVT:{tile}")
    counts = [int(n) for n in re.findall(r"Feature Count: (\d+)", out)]
    assert counts and sum(counts) > 0, out
