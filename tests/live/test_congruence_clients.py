"""The congruence endpoints through the live server (gunicorn) with real clients: requests
with compression (JSON and the CSV tables), GDAL's ogrinfo on the borders as a GeoJSON layer,
and the 400/422 problems. Dataset: tests/divisions/grid.py (answers computed by hand there)."""

from __future__ import annotations

import csv
import io

import pytest
import requests

from tests.divisions.grid import ARI_A_B, build_grid

from .test_gis_clients import OGRINFO, ogrinfo_count

pytestmark = [pytest.mark.live, pytest.mark.django_db(transaction=True)]
PAIR = "a=veiligheidsregios&b=ggd-regios"


@pytest.fixture
def grid_site(live):
    build_grid()
    return live


def get(url: str) -> requests.Response:
    response = requests.get(url, headers={"Accept-Encoding": "gzip"}, timeout=30)
    return response


def test_the_comparison_and_its_tables_compressed(grid_site):
    base = f"{grid_site.url}/api/v1/congruentie"
    response = get(f"{base}?{PAIR}")
    assert response.status_code == 200
    assert response.headers["Content-Encoding"] == "gzip"
    body = response.json()
    assert body["maten"]["ari"] == pytest.approx(ARI_A_B, abs=1e-6)
    assert body["klassen"]["doorsnijdend"] == 2
    regions = get(f"{base}?{PAIR}&formaat=csv")
    assert regions.headers["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(regions.content.decode("utf-8-sig"))))
    assert {row["naam"]: row["klasse"] for row in rows} == {
        "VR-Oost": "doorsnijdend",
        "VR-West": "doorsnijdend",
    }
    matrix = get(f"{base}/matrix?formaat=csv")
    assert len(list(csv.DictReader(io.StringIO(matrix.content.decode("utf-8-sig"))))) == 6
    again = requests.get(
        f"{base}?{PAIR}", headers={"If-None-Match": response.headers["ETag"]}, timeout=30
    )
    assert again.status_code == 304


def test_problems_name_the_partition(grid_site):
    base = f"{grid_site.url}/api/v1/congruentie"
    malformed = get(f"{base}?a=Veiligheidsregios&b=ggd-regios")
    assert malformed.status_code == 400
    assert malformed.headers["Content-Type"] == "application/problem+json"
    assert [p["name"] for p in malformed.json()["invalidParams"]] == ["a"]
    unknown = get(f"{base}/grenzen?a=veiligheidsregios&b=bre:999")
    assert unknown.status_code == 422
    assert [p["name"] for p in unknown.json()["invalidParams"]] == ["b"]


@pytest.mark.skipif(OGRINFO is None, reason="GDAL (ogrinfo) is not installed")
def test_ogrinfo_opens_the_borders(grid_site):
    url = f"{grid_site.url}/api/v1/congruentie/grenzen?{PAIR}&formaat=geojson"
    assert ogrinfo_count(url) == 3  # gedeeld, alleenA, alleenB
