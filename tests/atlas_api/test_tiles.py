"""Vector tiles: /api/v1/tegels/{laag}/{z}/{x}/{y}.

Fixed geometries near Utrecht (tests/factories.square): six municipalities in a 3 x 2 block
(lon 5.00-5.15, lat 52.00-52.10); columns 0-1 in PV26, column 2 in PV27. Four published
arrangements (two Wgr, two network) and one draft. At zoom 8 the whole block lies in tile
8/131/84. The tiles are decoded with a minimal protobuf reader (no extra packages)."""

import math

import pytest
from django.core.cache import cache
from django.db import connection
from django.urls import include, path
from drf_spectacular.generators import SchemaGenerator

from collaborations.core.choices import LegalForm, LegalFormFamily, PublicationStatus
from collaborations.geography.services.lineage import lineage_rebuild
from collaborations.tiles.choices import ZOOM_BANDS, zoom_band
from collaborations.tiles.models import TileGeometry
from collaborations.tiles.services import tile_geometry_rebuild
from tests.factories import (
    ArrangementFactory,
    MembershipFactory,
    MunicipalityBoundaryFactory,
    MunicipalityFactory,
    ProvinceFactory,
    square,
)

urlpatterns = [path("api/v1/tegels/", include("atlas_api.tiles.urls"))]

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]

MVT = "application/vnd.mapbox-vector-tile"


# --- a minimal Mapbox Vector Tile reader -------------------------------------------------------
def _varint(buf: bytes, i: int) -> tuple[int, int]:
    result = shift = 0
    while True:
        byte = buf[i]
        i += 1
        result |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return result, i
        shift += 7


def _fields(buf: bytes):
    i = 0
    while i < len(buf):
        key, i = _varint(buf, i)
        number, wire = key >> 3, key & 7
        if wire == 0:
            value, i = _varint(buf, i)
        elif wire == 2:
            length, i = _varint(buf, i)
            value, i = buf[i : i + length], i + length
        elif wire == 1:
            value, i = buf[i : i + 8], i + 8
        else:
            value, i = buf[i : i + 4], i + 4
        yield number, value


def _value(buf: bytes):
    for number, value in _fields(buf):
        if number == 1:
            return value.decode()
        if number in (4, 5):
            return value
        if number == 6:
            return (value >> 1) ^ -(value & 1)
        if number == 7:
            return bool(value)
    return None


def _feature(buf: bytes, keys: list[str], values: list) -> dict:
    feature: dict = {"id": None, "properties": {}, "type": None}
    for number, value in _fields(buf):
        if number == 1:
            feature["id"] = value
        elif number == 2:
            tags, i = [], 0
            while i < len(value):
                tag, i = _varint(value, i)
                tags.append(tag)
            for k, v in zip(tags[::2], tags[1::2], strict=True):
                feature["properties"][keys[k]] = values[v]
        elif number == 3:
            feature["type"] = value
    return feature


def decode(tile: bytes) -> dict[str, list[dict]]:
    """{layer name: [{"id", "type", "properties"}]}"""
    layers = {}
    for number, layer in _fields(tile):
        assert number == 3
        name, keys, values, raw = None, [], [], []
        for field, value in _fields(layer):
            if field == 1:
                name = value.decode()
            elif field == 2:
                raw.append(value)
            elif field == 3:
                keys.append(value.decode())
            elif field == 4:
                values.append(_value(value))
        layers[name] = [_feature(f, keys, values) for f in raw]
    return layers


# --- fixtures ----------------------------------------------------------------------------------
def tile_of(lon: float, lat: float, z: int) -> tuple[int, int]:
    n = 2**z
    x = int((lon + 180) / 360 * n)
    y = int((1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n)
    return x, y


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def atlas():
    utrecht = ProvinceFactory(code="PV26", name="Utrecht")
    holland = ProvinceFactory(code="PV27", name="Noord-Holland")
    cells = {}
    for i in range(3):
        for j in range(2):
            municipality = MunicipalityFactory(
                code=f"GM8{i}{j}0",
                name=f"Vierkant {i}-{j}",
                province=utrecht if i < 2 else holland,
                geom=square(i, j),
            )
            MunicipalityBoundaryFactory(municipality=municipality, year=2024)
            cells[i, j] = municipality
    wgr = {"legal_form_family": LegalFormFamily.WGR, "legal_form": LegalForm.OPENBAAR_LICHAAM}
    arrangements = {
        "gr-west": ArrangementFactory(slug="gr-west", is_mandatory=True, **wgr),
        "gr-oost": ArrangementFactory(slug="gr-oost", **wgr),
        "netwerk-west": ArrangementFactory(slug="netwerk-west"),
        "netwerk-alles": ArrangementFactory(slug="netwerk-alles"),
        "concept": ArrangementFactory(slug="concept", publication_status=PublicationStatus.DRAFT),
    }
    members = {
        "gr-west": [(0, 0), (0, 1)],
        "gr-oost": [(2, 0), (2, 1)],
        "netwerk-west": [(0, 0), (1, 0)],
        "netwerk-alles": list(cells),
        "concept": [(1, 1), (2, 1)],
    }
    for slug, keys in members.items():
        for key in keys:
            MembershipFactory(arrangement=arrangements[slug], municipality=cells[key])
    lineage_rebuild()
    tile_geometry_rebuild()
    return {"cells": cells, "arrangements": arrangements}


Z8 = (8, *tile_of(5.07, 52.05, 8))


def url(layer: str, z: int, x: int, y: int, query: str = "") -> str:
    return f"/api/v1/tegels/{layer}/{z}/{x}/{y}" + (f"?{query}" if query else "")


def features(client, layer: str, tile=Z8, query: str = "") -> list[dict]:
    response = client.get(url(layer, *tile, query))
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == MVT
    layers = decode(response.content)
    assert list(layers) == [layer]
    return layers[layer]


def postgis_count(layer: str, z: int, x: int, y: int) -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM collaborations_tilegeometry WHERE layer = %s AND band = %s"
            " AND ST_Intersects(geom, ST_TileEnvelope(%s, %s, %s))",
            [layer, zoom_band(z).band, z, x, y],
        )
        return cursor.fetchone()[0]


# --- tests -------------------------------------------------------------------------------------
def test_the_block_lies_in_one_zoom_8_tile():
    assert tile_of(5.0, 52.0, 8) == tile_of(5.15, 52.1, 8) == Z8[1:]


def test_municipality_tile(client, atlas):
    found = features(client, "gemeenten")
    assert len(found) == 6 == postgis_count("gemeente", *Z8)
    by_code = {f["properties"]["code"]: f for f in found}
    first = by_code["GM8000"]
    assert first["properties"] == {"code": "GM8000", "naam": "Vierkant 0-0", "provincie": "PV26"}
    assert first["id"] == atlas["cells"][0, 0].pk
    assert first["type"] == 3  # POLYGON


def test_province_tile(client, atlas):
    found = features(client, "provincies")
    assert sorted(f["properties"]["code"] for f in found) == ["PV26", "PV27"]
    assert {f["properties"]["naam"] for f in found} == {"Utrecht", "Noord-Holland"}


def test_arrangement_tile_shows_published_arrangements_with_attributes(client, atlas):
    found = features(client, "samenwerkingsverbanden")
    by_slug = {f["properties"]["slug"]: f["properties"] for f in found}
    assert sorted(by_slug) == ["gr-oost", "gr-west", "netwerk-alles", "netwerk-west"]
    west = atlas["arrangements"]["gr-west"]
    assert by_slug["gr-west"] == {
        "id": west.pk,
        "slug": "gr-west",
        "naam": west.name,
        "rechtsvormFamilie": "wgr",
        "rechtsvorm": "openbaar-lichaam",
        "verplicht": True,
        "soort": "samenwerking",
    }  # no indeling (null), so no property
    assert "rechtsvorm" not in by_slug["netwerk-west"]  # unknown specific legal form
    assert postgis_count("samenwerkingsverband", *Z8) == 5  # the draft is in the table


def test_filters_restrict_arrangements(client, atlas):
    wgr = features(client, "samenwerkingsverbanden", query="rechtsvormFamilie=wgr")
    assert sorted(f["properties"]["slug"] for f in wgr) == ["gr-oost", "gr-west"]
    both = features(client, "samenwerkingsverbanden", query="gemeente=GM8000,GM8100")
    assert sorted(f["properties"]["slug"] for f in both) == ["netwerk-alles", "netwerk-west"]
    none = client.get(url("samenwerkingsverbanden", *Z8, "zoek=bestaatniet"))
    assert none.status_code == 204


def test_municipalities_follow_only_the_province_filter(client, atlas):
    found = features(client, "gemeenten", query="provincie=PV27&rechtsvormFamilie=wgr")
    assert sorted(f["properties"]["code"] for f in found) == ["GM8200", "GM8210"]
    provinces = features(client, "provincies", query="provincie=PV27")
    assert [f["properties"]["code"] for f in provinces] == ["PV27"]


def test_tile_only_holds_features_that_touch_it(client, atlas):
    z = 14
    x, y = tile_of(5.025, 52.025, z)  # the middle of cell (0, 0), away from its edges
    found = features(client, "gemeenten", tile=(z, x, y))
    assert [f["properties"]["code"] for f in found] == ["GM8000"]
    assert postgis_count("gemeente", z, x, y) == 1


def test_empty_tile_is_204_with_validators(client, atlas):
    response = client.get(url("gemeenten", 8, 0, 0))  # the Bering Strait
    assert response.status_code == 204
    assert response.content == b""
    assert response["ETag"].startswith('W/"')  # weak: names the data, not the bytes
    assert response["Cache-Control"] == "public, max-age=300"


def test_invalid_filter_is_a_400_problem_naming_the_parameter(client, atlas):
    response = client.get(url("samenwerkingsverbanden", *Z8, "rechtsvormFamilie=koninkrijk"))
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == 400
    assert [p["name"] for p in body["invalidParams"]] == ["rechtsvormFamilie"]


@pytest.mark.parametrize(
    ("layer", "z", "x", "y"),
    [
        ("wegen", 8, 131, 84),  # unknown layer
        ("gemeenten", 21, 0, 0),  # beyond the highest zoom
        ("gemeenten", 2, 4, 0),  # x >= 2^z
        ("gemeenten", 2, 0, 4),  # y >= 2^z
    ],
)
def test_unknown_layer_or_tile_is_a_404_problem(client, layer, z, x, y):
    response = client.get(url(layer, z, x, y))
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == 404


def test_etag_and_if_none_match(client, atlas):
    first = client.get(url("samenwerkingsverbanden", *Z8))
    etag = first["ETag"]
    assert first["Cache-Control"] == "public, max-age=300"
    again = client.get(url("samenwerkingsverbanden", *Z8), headers={"if-none-match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    strong = etag.removeprefix("W/")  # weak comparison: the opaque tag is what counts
    again = client.get(url("samenwerkingsverbanden", *Z8), headers={"if-none-match": strong})
    assert again.status_code == 304
    other = client.get(url("samenwerkingsverbanden", *Z8, "rechtsvormFamilie=wgr"))
    assert other["ETag"] != etag


def test_equivalent_queries_share_an_etag(client, atlas):
    a = client.get(url("samenwerkingsverbanden", *Z8, "thema=wonen,afval&verplicht=ja"))
    b = client.get(url("samenwerkingsverbanden", *Z8, "verplicht=true&thema=afval&thema=wonen"))
    assert a["ETag"] == b["ETag"]
    # Arrangement filters do not change the municipality layer.
    c = client.get(url("gemeenten", *Z8, "rechtsvormFamilie=wgr"))
    d = client.get(url("gemeenten", *Z8))
    assert c["ETag"] == d["ETag"]


def test_data_change_changes_the_etag_and_the_tile(client, atlas):
    before = client.get(url("samenwerkingsverbanden", *Z8, "rechtsvormFamilie=wgr"))
    extra = ArrangementFactory(
        slug="gr-nieuw", legal_form_family="wgr", legal_form=LegalForm.CENTRUMGEMEENTE
    )
    MembershipFactory(arrangement=extra, municipality=atlas["cells"][1, 1])
    tile_geometry_rebuild(arrangement_ids=[extra.pk])  # bumps the data version
    after = client.get(
        url("samenwerkingsverbanden", *Z8, "rechtsvormFamilie=wgr"),
        headers={"if-none-match": before["ETag"]},
    )
    assert after.status_code == 200
    assert after["ETag"] != before["ETag"]
    assert "gr-nieuw" in {
        f["properties"]["slug"] for f in decode(after.content)["samenwerkingsverbanden"]
    }


def test_query_count_is_constant(client, atlas, django_assert_num_queries):
    z = 12
    small = (z, *tile_of(5.01, 52.01, z))
    for tile in (Z8, small):
        for layer in ("gemeenten", "samenwerkingsverbanden"):
            with django_assert_num_queries(2):  # data version + the tile
                client.get(url(layer, *tile, "provincie=PV26,PV27"))
            with django_assert_num_queries(1):  # data version; the tile comes from the cache
                client.get(url(layer, *tile, "provincie=PV26,PV27"))


def test_zoom_bands_serve_different_detail(client, atlas):
    coarse = client.get(url("gemeenten", 6, *tile_of(5.07, 52.05, 6)))
    fine = client.get(url("gemeenten", 11, *tile_of(5.07, 52.05, 11)))
    assert coarse.status_code == fine.status_code == 200
    bands = TileGeometry.objects.filter(layer="gemeente").values("band").distinct()
    assert bands.count() == len(ZOOM_BANDS)


def test_openapi_documents_the_tile_operation(atlas):
    generator = SchemaGenerator(patterns=urlpatterns)
    schema = generator.get_schema(request=None, public=True)
    # SCHEMA_PATH_PREFIX may trim "/api/v1" from the documented path.
    (tiles,) = [p for p in schema["paths"] if p.endswith("/tegels/{laag}/{z}/{x}/{y}")]
    operation = schema["paths"][tiles]["get"]
    assert operation["operationId"] == "tegelOphalen"
    names = {p["name"] for p in operation["parameters"]}
    assert {"laag", "z", "x", "y", "rechtsvormFamilie", "provincie", "peildatum"} <= names
    assert MVT in operation["responses"]["200"]["content"]
    assert {"200", "204", "304", "400", "404"} <= set(operation["responses"])
