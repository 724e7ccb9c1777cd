"""The congruence endpoints through the live server (gunicorn) with real clients: requests
with compression (JSON and the CSV tables), GDAL's ogrinfo on the borders as a GeoJSON layer,
and the 400/422 problems. Dataset: tests/divisions/grid.py (answers computed by hand there)."""

from __future__ import annotations

import pytest

from tests.divisions.grid import ARI_A_B

from .grid_clients import PAIR, get, get_csv_rows, get_json_compressed, revalidate
from .test_gis_clients import OGRINFO, ogrinfo_count

pytestmark = [pytest.mark.live, pytest.mark.django_db(transaction=True)]


def test_the_comparison_and_its_tables_compressed(grid_site):
    base = f"{grid_site.url}/api/v1/congruentie"
    response, body = get_json_compressed(f"{base}?{PAIR}")
    assert body["maten"]["ari"] == pytest.approx(ARI_A_B, abs=1e-6)
    assert body["klassen"]["doorsnijdend"] == 2
    rows = get_csv_rows(f"{base}?{PAIR}&formaat=csv")
    assert {row["naam"]: row["klasse"] for row in rows} == {
        "VR-Oost": "doorsnijdend",
        "VR-West": "doorsnijdend",
    }
    assert len(get_csv_rows(f"{base}/matrix?formaat=csv")) == 6
    assert revalidate(f"{base}?{PAIR}", response) == 304


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
