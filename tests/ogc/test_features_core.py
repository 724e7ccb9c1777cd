"""OGC API Features Part 1 (core, GeoJSON, HTML) and Part 2 (CRS): one case per requirement
(named by its id), on the small atlas of tests/ogc/conftest.py."""

from __future__ import annotations

import pytest

from .conftest import CRS84, ETRS89, RD, rels

pytestmark = pytest.mark.django_db


def test_req_core_root_success(ogc):
    response = ogc("")
    assert response.status_code == 200
    links = rels(response.body)
    assert {"self", "service-desc", "service-doc", "conformance", "data"} <= set(links)
    assert links["service-desc"][0]["type"] == "application/vnd.oai.openapi+json;version=3.0"


def test_req_core_conformance_success(ogc):
    body = ogc("/conformance").body
    assert "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core" in body["conformsTo"]
    assert "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs" in body["conformsTo"]


def test_req_core_fc_md_success_and_crs_list(ogc):
    body = ogc("/collections").body
    ids = [c["id"] for c in body["collections"]]
    assert ids[:3] == ["gemeenten", "provincies", "samenwerkingsverbanden"]
    assert "indeling-jeugdregios" in ids and "bre-clusters" in ids
    assert all("." not in i for i in ids)
    gemeenten = body["collections"][0]
    assert gemeenten["crs"] == [CRS84, RD, ETRS89]
    assert gemeenten["storageCrs"] == CRS84
    assert len(gemeenten["extent"]["spatial"]["bbox"][0]) == 4
    assert {"items", "describedby"} <= set(rels(gemeenten))


def test_req_core_fc_response_and_paging(ogc):
    response = ogc("/collections/gemeenten/items?limit=2")
    assert response["Content-Type"] == "application/geo+json"
    assert response["Content-Crs"] == f"<{CRS84}>"
    body = response.body
    assert body["type"] == "FeatureCollection"
    assert body["numberReturned"] == 2
    assert body["numberMatched"] == 6  # Alfa, Bravo, Charlie, Delta, Golf, Hotel (today)
    assert "next" in rels(body)
    nxt = ogc(rels(body)["next"][0]["href"].split("/api/ogc/v1")[1]).body
    assert "prev" in rels(nxt)


def test_req_core_fc_time_response(ogc):
    then = ogc("/collections/gemeenten/items?datetime=2018-06-01&limit=50").body
    codes = {f["id"] for f in then["features"]}
    assert "GM9105" in codes  # Echo existed in 2018
    now = {f["id"] for f in ogc("/collections/gemeenten/items?limit=50").body["features"]}
    assert "GM9105" not in now


def test_req_core_query_param_unknown_and_invalid(ogc):
    assert ogc("/collections/gemeenten/items?onbekend=1").status_code == 400
    response = ogc("/collections/gemeenten/items?limit=0")
    assert response.status_code == 400
    assert response.body["invalidParams"][0]["name"] == "limit"


def test_req_crs_crs_action_rd_and_axis_order(ogc):
    rd = ogc(f"/collections/gemeenten/items/GM9101?crs={RD}")
    assert rd["Content-Crs"] == f"<{RD}>"
    x, y = rd.body["geometry"]["coordinates"][0][0][0]
    assert 100_000 < x < 200_000 and 400_000 < y < 500_000
    lat, lon = ogc(f"/collections/gemeenten/items/GM9101?crs={ETRS89}").body["geometry"][
        "coordinates"
    ][0][0][0]
    assert 52 <= lat <= 52.1 and 5 <= lon <= 5.1


def test_req_crs_crs_valid_value(ogc):
    response = ogc("/collections/gemeenten/items?crs=http://www.opengis.net/def/crs/EPSG/0/9999")
    assert response.status_code == 400
    assert response.body["invalidParams"][0]["name"] == "crs"


def test_req_crs_fc_bbox_crs_action(ogc):
    # cell (0, 0) is about x 155-158 km, y 446-449 km in RD New
    body = ogc("/collections/gemeenten/items?bbox=4.99,51.99,5.01,52.01&limit=50").body
    assert {f["id"] for f in body["features"]} == {"GM9101"}
    latlon = ogc(
        f"/collections/gemeenten/items?bbox=51.99,4.99,52.01,5.01&bbox-crs={ETRS89}&limit=50"
    ).body
    assert {f["id"] for f in latlon["features"]} == {"GM9101"}


def test_req_core_sfc_md_and_item(ogc):
    item = ogc("/collections/samenwerkingsverbanden/items/afval")
    assert item.status_code == 200
    assert item.body["properties"]["rechtsvormFamilie"] == "wgr"
    assert ogc("/collections/samenwerkingsverbanden/items/bestaat-niet").status_code == 404
    assert ogc("/collections/bestaat-niet").status_code == 404


def test_req_html_content(ogc):
    response = ogc("/collections/gemeenten/items?f=html")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert b"small-map-config" in response.content


def test_queryables_and_schema(ogc):
    queryables = ogc("/collections/samenwerkingsverbanden/queryables").body
    assert {"thema", "rechtsvormFamilie", "verplicht", "indeling", "gemeente"} <= set(
        queryables["properties"]
    )
    schema = ogc("/collections/gemeenten/schema").body
    assert schema["properties"]["properties"]["properties"]["geldigVanaf"]["format"] == "date"


def test_tiles_both_tile_matrix_sets(ogc):
    rd = ogc("/tileMatrixSets/NetherlandsRDNewQuad").body
    level0 = rd["tileMatrices"][0]
    assert level0["cellSize"] == 3440.64 and level0["pointOfOrigin"] == [-285401.92, 903401.92]
    assert round(level0["scaleDenominator"]) == 12_288_000
    for path in (
        "/collections/gemeenten/tiles/WebMercatorQuad/10/336/525",
        "/collections/gemeenten/tiles/NetherlandsRDNewQuad/5/14/14",
    ):
        response = ogc(path)
        assert response.status_code in (200, 204), path
        assert response["Content-Type"] == "application/vnd.mapbox-vector-tile"
