"""Cross-cutting behaviour of API v1: headers, problem details, formats, CRS, conditional
GET, CORS, gzip, throttling. Uses the municipalities endpoints on a small fixture."""

import gzip
import io
import json

import pytest
from django.core.cache import cache

from collaborations.core.services.versioning import data_version_bump
from collaborations.geography.services.lineage import lineage_rebuild
from tests.factories import (
    MunicipalityBoundaryFactory,
    MunicipalityFactory,
    ProvinceFactory,
    square,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def municipalities():
    # Two adjacent cells of the test grid near Utrecht, in province PV26.
    province = ProvinceFactory(code="PV26", name="Utrecht", geom=square(0, 0, size=2))
    west = MunicipalityFactory(code="GM0344", name="Utrecht", province=province, geom=square(0, 0))
    east = MunicipalityFactory(
        code="GM0345", name="Veenendaal", province=province, geom=square(1, 0)
    )
    for municipality in (west, east):
        MunicipalityBoundaryFactory(municipality=municipality)
    lineage_rebuild()
    return west, east


def test_every_api_response_has_the_api_version_header(client, municipalities):
    for url in ("/api/v1/gemeenten", "/api/v1/gemeenten/GM0344", "/api/v1/bestaat-niet"):
        assert client.get(url)["API-Version"] == "1.0.0"


def test_unknown_url_is_a_problem(client):
    response = client.get("/api/v1/bestaat-niet")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == 404 and body["title"] and body["detail"]


def test_unknown_municipality_is_a_problem(client, municipalities):
    response = client.get("/api/v1/gemeenten/GM9999")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"


def test_invalid_parameters_are_named(client, municipalities):
    response = client.get("/api/v1/gemeenten?provincie=Utrecht&peildatum=gisteren&pagina=0")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    names = {p["name"] for p in response.json()["invalidParams"]}
    assert {"provincie", "peildatum"} <= names


def test_method_not_allowed_is_a_problem(client, municipalities):
    response = client.post("/api/v1/gemeenten", {}, content_type="application/json")
    assert response.status_code in (401, 403, 405)
    assert response["Content-Type"] == "application/problem+json"
    response = client.delete("/api/v1/gemeenten/GM0344")
    assert response.status_code in (401, 403, 405)
    assert response["Content-Type"] == "application/problem+json"


def test_unacceptable_format_and_crs_are_406(client, municipalities):
    response = client.get("/api/v1/gemeenten", HTTP_ACCEPT="application/xml")
    assert response.status_code == 406
    assert response["Content-Type"] == "application/problem+json"
    response = client.get("/api/v1/gemeenten", HTTP_ACCEPT_CRS="EPSG:3035")
    assert response.status_code == 406
    assert "EPSG:28992" in response.json()["detail"]


def test_geojson_is_rfc7946_and_rd_new_on_request(client, municipalities):
    response = client.get("/api/v1/gemeenten", HTTP_ACCEPT="application/geo+json")
    assert response["Content-Type"].startswith("application/geo+json")
    assert response["Content-Crs"] == "EPSG:4326"
    collection = json.loads(response.content)
    assert collection["type"] == "FeatureCollection"
    assert collection["numberMatched"] == 2
    feature = collection["features"][0]
    assert feature["type"] == "Feature" and feature["id"] == "GM0344"
    assert feature["geometry"]["type"] == "MultiPolygon"
    lon, lat = feature["geometry"]["coordinates"][0][0][0]
    assert 4.9 < lon < 5.2 and 51.9 < lat < 52.2
    rd = client.get(
        "/api/v1/gemeenten", HTTP_ACCEPT="application/geo+json", HTTP_ACCEPT_CRS="EPSG:28992"
    )
    assert rd["Content-Crs"] == "EPSG:28992"
    x, y = json.loads(rd.content)["features"][0]["geometry"]["coordinates"][0][0][0]
    assert 120_000 < x < 160_000 and 440_000 < y < 470_000  # RD New near Utrecht


def test_geometry_can_be_left_out_and_is_simplified_by_default(client, municipalities):
    without = client.get("/api/v1/gemeenten?geometrie=false").json()
    assert "geometrie" not in without["gemeenten"][0]
    simplified = client.get("/api/v1/gemeenten").json()["gemeenten"][0]["geometrie"]
    full = client.get("/api/v1/gemeenten?geometrieDetail=volledig").json()["gemeenten"][0][
        "geometrie"
    ]
    assert simplified["type"] == full["type"] == "MultiPolygon"


def test_csv_and_xlsx_exports(client, municipalities):
    response = client.get("/api/v1/gemeenten?formaat=csv")
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="gemeenten.csv"' in response["Content-Disposition"]
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("code,naam,provincie")
    assert len(lines) == 3
    xlsx = client.get(
        "/api/v1/gemeenten",
        HTTP_ACCEPT=("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    )
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet.cell(1, 1).value == "code" and sheet.max_row == 3


def test_csv_cells_are_neutralised_against_formula_injection():
    from atlas_api.renderers import safe_cell

    for dangerous in ("=1+1", "+31", "-2", "@SUM(A1)"):
        assert safe_cell(dangerous).startswith("'")
    assert safe_cell("Utrecht") == "Utrecht"


def test_geopackage_export(client, municipalities, tmp_path):
    response = client.get("/api/v1/gemeenten?formaat=gpkg")
    assert response["Content-Type"] == "application/geopackage+sqlite3"
    path = tmp_path / "g.gpkg"
    path.write_bytes(response.content)
    import pyogrio

    info = pyogrio.read_info(path)
    assert info["features"] == 2 and "code" in list(info["fields"])


def test_etag_and_304(client, municipalities):
    first = client.get("/api/v1/gemeenten")
    etag = first["ETag"]
    assert etag and first["Last-Modified"] if "Last-Modified" in first else etag
    second = client.get("/api/v1/gemeenten", HTTP_IF_NONE_MATCH=etag)
    assert second.status_code == 304
    assert second.content == b""
    assert second["API-Version"] == "1.0.0"
    data_version_bump()
    third = client.get("/api/v1/gemeenten", HTTP_IF_NONE_MATCH=etag)
    assert third.status_code == 200
    assert client.get("/api/v1/gemeenten?formaat=csv")["ETag"] != etag


def test_conditional_get_runs_one_query(client, municipalities, django_assert_num_queries):
    etag = client.get("/api/v1/gemeenten")["ETag"]
    with django_assert_num_queries(1):  # only the data version
        assert client.get("/api/v1/gemeenten", HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_cors_for_public_reads_only(client, municipalities):
    response = client.get("/api/v1/gemeenten", HTTP_ORIGIN="https://example.org")
    assert response["Access-Control-Allow-Origin"] == "*"
    preflight = client.options(
        "/api/v1/gemeenten",
        HTTP_ORIGIN="https://example.org",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
    )
    assert preflight.status_code == 204
    write_preflight = client.options(
        "/api/v1/gemeenten",
        HTTP_ORIGIN="https://evil.example",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
    )
    assert write_preflight.get("Access-Control-Allow-Origin") != "*"


def test_gzip(client, municipalities):
    response = client.get("/api/v1/gemeenten?geometrieDetail=volledig", HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip"
    assert json.loads(gzip.decompress(response.content))["totaal"] == 2


def test_pagination_links_and_totals(client, municipalities):
    response = client.get("/api/v1/gemeenten?paginaGrootte=1&geometrie=false")
    body = response.json()
    assert body["totaal"] == 2 and body["pagina"] == 1 and len(body["gemeenten"]) == 1
    assert "pagina=2" in body["_links"]["next"] and body["_links"]["prev"] is None
    assert response["X-Total-Count"] == "2"
    assert 'rel="next"' in response["Link"]
    last = client.get(body["_links"]["next"]).json()
    assert last["_links"]["next"] is None and last["gemeenten"][0]["code"] == "GM0345"


def test_list_query_count_does_not_grow_with_page_size(
    client, municipalities, django_assert_max_num_queries
):
    for n in range(3):
        MunicipalityFactory(code=f"GM09{n:02d}", province=municipalities[0].province)
    # the counts per municipality are cached per data version: fill that cache first (the
    # test used to find it filled by earlier tests; every test now starts with an empty cache)
    client.get("/api/v1/gemeenten?paginaGrootte=1")
    with django_assert_max_num_queries(4) as small:
        client.get("/api/v1/gemeenten?paginaGrootte=1")
    with django_assert_max_num_queries(4) as large:
        client.get("/api/v1/gemeenten?paginaGrootte=500")
    assert len(small.captured_queries) == len(large.captured_queries)


def test_throttling_gives_429_with_retry_after(client, settings, municipalities, monkeypatch):
    from rest_framework.settings import api_settings
    from rest_framework.throttling import AnonRateThrottle

    cache.clear()
    rates = {**api_settings.DEFAULT_THROTTLE_RATES, "anon": "2/min"}
    # monkeypatch removes the class attribute afterwards (an assignment back would leave
    # AnonRateThrottle with rates of its own that later tests' patches no longer reach)
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", rates)
    try:
        codes = [client.get("/api/v1/provincies").status_code for _ in range(3)]
        response = client.get("/api/v1/provincies")
    finally:
        cache.clear()
    assert codes[:2] == [200, 200] and codes[2] == 429
    assert response.status_code == 429
    assert response["Content-Type"] == "application/problem+json"
    assert int(response["Retry-After"]) > 0


def test_geopackage_without_geometry(client, municipalities, tmp_path):
    response = client.get("/api/v1/gemeenten?formaat=gpkg&geometrie=false")
    assert response.status_code == 200
    path = tmp_path / "t.gpkg"
    path.write_bytes(response.content)
    import pyogrio

    assert pyogrio.read_info(path)["features"] == 2


def test_tables_and_geopackage_of_one_municipality(
    client, municipalities, django_assert_max_num_queries
):
    response = client.get("/api/v1/gemeenten/GM0344?formaat=gpkg")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geopackage+sqlite3"
    csv = client.get("/api/v1/gemeenten?formaat=csv").content.decode("utf-8-sig")
    assert "MultiPolygon" not in csv  # tables carry no geometry


def test_municipality_geometry_follows_the_peildatum(client, municipalities):
    import datetime

    from tests.factories import MunicipalityBoundaryFactory

    # West had a smaller boundary (half a cell) before 2020 in an older layer.
    west = municipalities[0]
    west.boundaries.update(valid_from=datetime.date(2020, 1, 1))
    from django.contrib.gis.geos import MultiPolygon, Polygon

    half = MultiPolygon(Polygon.from_bbox((5.0, 52.0, 5.025, 52.05)), srid=4326)
    MunicipalityBoundaryFactory(
        municipality=west, year=2016, valid_from=None, valid_to=datetime.date(2020, 1, 1), geom=half
    )
    old = client.get("/api/v1/gemeenten?peildatum=2018-01-01&geometrieDetail=volledig").json()
    now = client.get("/api/v1/gemeenten?geometrieDetail=volledig").json()
    ring_old = old["gemeenten"][0]["geometrie"]["coordinates"][0][0]
    ring_now = now["gemeenten"][0]["geometrie"]["coordinates"][0][0]
    assert max(x for x, _ in ring_old) == pytest.approx(5.025)
    assert max(x for x, _ in ring_now) == pytest.approx(5.05)


def test_a_request_reads_the_data_version_once_and_sees_its_own_bump(client):
    """The data version is read once per request (collaborations/core/selectors.py) however
    many layers ask for it, and a bump inside the request is seen at once; outside a request
    (jobs, commands) every call reads the table."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from collaborations.core.selectors import (
        data_version,
        data_version_memo,
        data_version_state,
    )
    from collaborations.core.services.versioning import data_version_bump

    def version_reads(queries) -> int:
        return sum('"collaborations_dataversion"' in q["sql"] for q in queries)

    data_version_bump()  # the row exists
    with CaptureQueriesContext(connection) as outside:
        data_version(), data_version_state(), data_version()
    assert version_reads(outside.captured_queries) == 3
    with data_version_memo():  # as regioatlas.middleware wraps every request
        with CaptureQueriesContext(connection) as inside:
            before = data_version()
            assert data_version_state()[0] == before.split("-")[0]
            data_version_bump()
            after = data_version()
            assert data_version() == after != before
        assert version_reads(inside.captured_queries) == 2 + 1  # two reads, one UPDATE
    with CaptureQueriesContext(connection) as tile:
        assert client.get("/api/v1/tegels/gemeenten/7/65/42").status_code in (200, 204)
    assert version_reads(tile.captured_queries) == 1
