"""/api/v1/samenwerkingsverbanden and /api/v1/samenwerkingsverbanden/{id} on the small atlas
of tests/atlas_api/conftest.py (fixed grid geometries near Utrecht)."""

import io
import json

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from atlas_api.views.arrangements import LIST_COLUMNS
from collaborations.core.services.versioning import data_version_bump

pytestmark = pytest.mark.django_db

URL = "/api/v1/samenwerkingsverbanden"
TODAY_BY_NAME = [
    "Afvalschap Midden",
    "Echo-overleg",
    "Foxtrot-diensten",
    "Jeugdregio Oost",
    "Jeugdregio West",
    "Woonstichting Oost",
]


def names(client, query: str = "", **headers) -> list[str]:
    response = client.get(f"{URL}?geometrie=false&{query}", headers=headers)
    assert response.status_code == 200, response.content
    return [row["naam"] for row in response.json()["samenwerkingsverbanden"]]


def test_list_shape(client, api_data):
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Crs"] == "EPSG:4326"
    body = response.json()
    assert (body["totaal"], body["pagina"], body["paginaGrootte"]) == (6, 1, 50)
    assert [row["naam"] for row in body["samenwerkingsverbanden"]] == TODAY_BY_NAME
    afval = body["samenwerkingsverbanden"][0]
    assert list(afval) == [*LIST_COLUMNS, "geometrie"]
    expected = {
        "id": api_data.a["afval"].pk,
        "slug": "afval",
        "korteNaam": "AM",
        "rechtsvormFamilie": "wgr",
        "rechtsvorm": "openbaar-lichaam",
        "verplicht": True,
        "themas": ["afval"],
        "indeling": None,
        "regiocode": None,
        "aantalLeden": 3,
        "startdatum": "2010-01-01",
        "einddatum": None,
        "levensfase": None,
        "bron": "testbron",
    }
    assert {key: afval[key] for key in expected} == expected
    assert afval["geometrie"]["type"] in ("Polygon", "MultiPolygon")
    west = next(r for r in body["samenwerkingsverbanden"] if r["slug"] == "jeugd_west")
    assert (west["indeling"], west["regiocode"], west["themas"]) == (
        "jeugdregios",
        "JR01",
        ["jeugd"],
    )
    echo = next(r for r in body["samenwerkingsverbanden"] if r["slug"] == "echo")
    assert echo["themas"] == ["jeugd", "wonen"]


def test_members_are_counted_after_reorganisations(client, api_data):
    rows = client.get(f"{URL}?geometrie=false").json()["samenwerkingsverbanden"]
    counts = {row["slug"]: row["aantalLeden"] for row in rows}
    # echo: Alfa + Echo (now Delta); foxtrot: Charlie + Foxtrot (now Golf and Hotel).
    assert counts == {
        "afval": 3,
        "echo": 2,
        "foxtrot": 3,
        "jeugd_oost": 2,
        "jeugd_west": 2,
        "wonen": 2,
    }
    rows = client.get(f"{URL}?geometrie=false&peildatum=2018-06-01").json()
    counts = {row["slug"]: row["aantalLeden"] for row in rows["samenwerkingsverbanden"]}
    assert counts["foxtrot"] == 2 and counts["echo"] == 2


def test_geojson_feature_collection(client, api_data):
    response = client.get(URL, headers={"Accept": "application/geo+json"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    body = json.loads(response.content)
    assert body["type"] == "FeatureCollection"
    assert (body["numberMatched"], body["numberReturned"]) == (6, 6)
    feature = body["features"][0]
    assert feature["type"] == "Feature"
    assert feature["id"] == api_data.a["afval"].pk
    assert feature["geometry"]["type"] in ("Polygon", "MultiPolygon")
    assert feature["properties"]["naam"] == "Afvalschap Midden"
    assert {link["rel"] for link in body["links"]} >= {"self", "first", "last"}


def test_geometry_options_and_rd_new(client, api_data):
    body = client.get(f"{URL}?geometrie=false").json()
    assert "geometrie" not in body["samenwerkingsverbanden"][0]
    response = client.get(
        f"{URL}?zoek=Afvalschap&geometrieDetail=volledig",
        headers={"Accept-Crs": "EPSG:28992"},
    )
    assert response["Content-Crs"] == "EPSG:28992"
    ring = response.json()["samenwerkingsverbanden"][0]["geometrie"]["coordinates"][0]
    ring = ring[0] if isinstance(ring[0][0], list) else ring
    assert all(100_000 < x < 200_000 and 400_000 < y < 500_000 for x, y in ring)
    assert client.get(f"{URL}?geometrieDetail=grof").status_code == 400


def test_csv_xlsx_and_geopackage(client, api_data, tmp_path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"{URL}?formaat=csv")
    assert response.status_code == 200
    assert not [q for q in queries if "ST_AsGeoJSON" in q["sql"]]  # tables show no geometry
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="samenwerkingsverbanden.csv"' in response["Content-Disposition"]
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0] == ",".join(LIST_COLUMNS)
    assert len(lines) == 7
    assert "Afvalschap Midden" in lines[1]
    xlsx = client.get(f"{URL}?formaat=xlsx")
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert [cell.value for cell in next(sheet.iter_rows())] == LIST_COLUMNS
    gpkg = client.get(f"{URL}?formaat=gpkg")
    assert gpkg.status_code == 200
    path = tmp_path / "s.gpkg"
    path.write_bytes(gpkg.content)
    import pyogrio

    info = pyogrio.read_info(path)
    assert info["features"] == 6
    assert "naam" in list(info["fields"])


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("thema=afval", ["Afvalschap Midden"]),
        ("thema=jeugd", ["Echo-overleg", "Jeugdregio Oost", "Jeugdregio West"]),
        ("domein=sociaal", ["Echo-overleg", "Jeugdregio Oost", "Jeugdregio West"]),
        ("rechtsvormFamilie=wgr", ["Afvalschap Midden", "Foxtrot-diensten"]),
        ("rechtsvorm=stichting", ["Woonstichting Oost"]),
        ("verplicht=true", ["Afvalschap Midden", "Jeugdregio Oost", "Jeugdregio West"]),
        ("verplicht=false", ["Echo-overleg", "Foxtrot-diensten", "Woonstichting Oost"]),
        ("indeling=jeugdregios", ["Jeugdregio Oost", "Jeugdregio West"]),
        ("zonderIndeling=true", ["Afvalschap Midden", "Echo-overleg", "Foxtrot-diensten", "Woonstichting Oost"]),
        ("provincie=PV27", ["Afvalschap Midden", "Foxtrot-diensten", "Jeugdregio Oost", "Woonstichting Oost"]),
        ("gemeente=GM9101,GM9102", ["Afvalschap Midden", "Jeugdregio West"]),
        ("gemeente=GM9101&gemeente=GM9103", ["Afvalschap Midden"]),
        ("gemeente=GM9104", ["Echo-overleg", "Jeugdregio Oost"]),
        ("gemeente=GM9107", ["Foxtrot-diensten"]),
        ("zoek=oost", ["Jeugdregio Oost", "Woonstichting Oost"]),
        ("zoek=AM", ["Afvalschap Midden"]),
        ("bbox=5.11,52.06,5.14,52.09", ["Foxtrot-diensten"]),
    ],
)  # fmt: skip
def test_filters(client, api_data, query, expected):
    assert names(client, query) == expected


def test_peildatum_follows_reorganisations(client, api_data):
    # On 2018-06-01 Echo still exists (absorbed by Delta in 2019), the ended arrangement is
    # alive and the housing foundation (2020) is not.
    assert names(client, "peildatum=2018-06-01") == [
        "Afvalschap Midden",
        "Echo-overleg",
        "Foxtrot-diensten",
        "Jeugdregio Oost",
        "Jeugdregio West",
        "Opgeheven verband",
    ]
    assert names(client, "peildatum=2018-06-01&gemeente=GM9105") == ["Echo-overleg"]
    assert names(client, "peildatum=2018-06-01&gemeente=GM9104") == ["Jeugdregio Oost"]
    assert names(client, "gemeente=GM9105") == []  # Echo no longer exists today
    assert names(client, "peildatum=2020-06-01&gemeente=GM9106") == ["Foxtrot-diensten"]


def test_invalid_parameters_are_named(client, api_data):
    response = client.get(
        f"{URL}?sorteer=grootte&thema=Afval!&peildatum=gisteren&bbox=1,2&verplicht=misschien"
    )
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == 400 and body["title"] and body["detail"]
    named = {p["name"] for p in body["invalidParams"]}
    assert named == {"sorteer", "thema", "peildatum", "bbox", "verplicht"}
    for query in ("pagina=0", "paginaGrootte=501", "rechtsvorm=gemeente", "gemeente=0363"):
        response = client.get(f"{URL}?{query}")
        assert response.status_code == 400, query
        assert response.json()["invalidParams"][0]["name"] == query.split("=")[0]


@pytest.mark.parametrize(
    ("ordering", "expected"),
    [
        ("naam", TODAY_BY_NAME),
        ("-naam", TODAY_BY_NAME[::-1]),
        (
            "-aantalLeden",
            [
                "Afvalschap Midden",
                "Foxtrot-diensten",
                "Echo-overleg",
                "Jeugdregio Oost",
                "Jeugdregio West",
                "Woonstichting Oost",
            ],
        ),
        (
            "aantalLeden",
            [
                "Echo-overleg",
                "Jeugdregio Oost",
                "Jeugdregio West",
                "Woonstichting Oost",
                "Afvalschap Midden",
                "Foxtrot-diensten",
            ],
        ),
        (
            "startdatum",
            [
                "Afvalschap Midden",
                "Jeugdregio West",
                "Woonstichting Oost",
                "Echo-overleg",
                "Foxtrot-diensten",
                "Jeugdregio Oost",
            ],
        ),
        (
            "-startdatum",
            [
                "Woonstichting Oost",
                "Jeugdregio West",
                "Afvalschap Midden",
                "Echo-overleg",
                "Foxtrot-diensten",
                "Jeugdregio Oost",
            ],
        ),
    ],
)
def test_ordering(client, api_data, ordering, expected):
    assert names(client, f"sorteer={ordering}") == expected


def test_pagination_links_and_totals(client, api_data):
    response = client.get(f"{URL}?geometrie=false&paginaGrootte=2&pagina=2")
    body = response.json()
    assert (body["totaal"], body["pagina"], body["paginaGrootte"]) == (6, 2, 2)
    assert [row["naam"] for row in body["samenwerkingsverbanden"]] == TODAY_BY_NAME[2:4]
    links = body["_links"]
    assert "pagina=1" in links["prev"] and "pagina=3" in links["next"]
    assert "pagina=3" in links["last"] and "paginaGrootte=2" in links["self"]
    assert response["X-Total-Count"] == "6"
    assert 'rel="next"' in response["Link"]
    last = client.get(links["last"]).json()
    assert last["_links"]["next"] is None
    assert [row["naam"] for row in last["samenwerkingsverbanden"]] == TODAY_BY_NAME[4:]


def test_query_count_does_not_grow_with_page_size(client, api_data, django_assert_num_queries):
    cache.clear()
    with CaptureQueriesContext(connection) as small:
        assert client.get(f"{URL}?paginaGrootte=2").status_code == 200
    # version, count, page (themes and member counts are subqueries of the page query)
    assert len(small) == 3
    cache.clear()
    with django_assert_num_queries(3):
        client.get(f"{URL}?paginaGrootte=20")
    cache.clear()
    with django_assert_num_queries(3):
        client.get(f"{URL}?paginaGrootte=2&sorteer=-aantalLeden")


def test_count_is_kept_per_data_version(client, api_data, django_assert_num_queries):
    """The total of a list is counted once per data version and filters: another page or
    page size of the same list is version and page only; a data change counts again."""
    cache.clear()
    first = client.get(f"{URL}?paginaGrootte=2").json()
    with django_assert_num_queries(2):
        second = client.get(f"{URL}?paginaGrootte=3&pagina=2").json()
    assert second["totaal"] == first["totaal"]
    with django_assert_num_queries(3):  # other filters: another count
        client.get(f"{URL}?paginaGrootte=2&thema=afval")
    data_version_bump()
    with django_assert_num_queries(3):
        client.get(f"{URL}?paginaGrootte=2")


# --- detail ------------------------------------------------------------------------------------
def test_detail_shape(client, api_data):
    afval = api_data.a["afval"]
    response = client.get(f"{URL}/{afval.pk}")
    assert response.status_code == 200
    body = response.json()
    assert body["id"] == afval.pk and body["naam"] == "Afvalschap Midden"
    assert body["themas"] == [{"slug": "afval", "naam": "Afval", "domein": "fysiek"}]
    assert body["bron"] == {
        "code": "testbron",
        "naam": "Testbron",
        "uitgever": "BZK",
        "url": "https://example.org/bron",
        "licentie": "CC BY 4.0",
        "jaar": 2024,
    }
    expected = {
        "omschrijving": "Afval ophalen.",
        "website": "https://afval.example.org",
        "cbsGrCode": "GR0001",
        "kvkNummer": None,
        "publicatiestatus": "gepubliceerd",
        "herkomst": "Uit de testbron.",
        "aantalLeden": 3,
        "startdatum": "2010-01-01",
        "indeling": None,
    }
    assert {key: body[key] for key in expected} == expected
    assert [m["code"] for m in body["leden"]] == ["GM9101", "GM9102", "GM9103"]
    assert body["leden"][0] == {
        "soort": "gemeente",
        "code": "GM9101",
        "naam": "Alfa",
        "organisatieSoort": None,
        "rol": "deelnemer",
        "lidVanaf": None,
        "lidTot": None,
        "naamInBron": "Alfa",
        "opPeildatum": True,
    }
    assert [m["code"] for m in body["ledenOpPeildatum"]] == ["GM9101", "GM9102", "GM9103"]
    assert body["geometrie"]["type"] in ("Polygon", "MultiPolygon")


def test_detail_geometry_is_full_by_default(client, api_data):
    pk = api_data.a["afval"].pk
    assert client.get(f"{URL}/{pk}").json()["geometrie"]["coordinates"]
    feature = json.loads(
        client.get(f"{URL}/{pk}", headers={"Accept": "application/geo+json"}).content
    )
    assert feature["type"] == "Feature" and feature["id"] == pk
    assert feature["geometry"]["type"] in ("Polygon", "MultiPolygon")
    assert feature["properties"]["slug"] == "afval"
    rd = client.get(f"{URL}/{pk}", headers={"Accept-Crs": "EPSG:28992"})
    assert rd["Content-Crs"] == "EPSG:28992"


def test_detail_members_of_a_split_and_a_merged_municipality(client, api_data):
    body = client.get(f"{URL}/{api_data.a['foxtrot'].pk}?geometrie=false").json()
    on_day = {m["code"]: m for m in body["ledenOpPeildatum"]}
    assert list(on_day) == ["GM9103", "GM9107", "GM9108"]  # Charlie, Golf, Hotel (by name)
    assert on_day["GM9107"]["namens"] == [{"code": "GM9106", "naam": "Foxtrot", "aandeel": 0.6}]
    assert on_day["GM9108"]["namens"][0]["aandeel"] == 0.4
    assert on_day["GM9103"]["namens"] == [{"code": "GM9103", "naam": "Charlie", "aandeel": 1.0}]
    assert body["aantalLeden"] == 3
    before = client.get(f"{URL}/{api_data.a['foxtrot'].pk}?peildatum=2020-01-01").json()
    assert [m["code"] for m in before["ledenOpPeildatum"]] == ["GM9103", "GM9106"]
    assert before["peildatum"] == "2020-01-01"
    echo = client.get(f"{URL}/{api_data.a['echo'].pk}").json()
    assert [m["code"] for m in echo["leden"]] == ["GM9101", "GM9105"]  # as recorded
    delta = next(m for m in echo["ledenOpPeildatum"] if m["code"] == "GM9104")
    assert delta["namens"] == [{"code": "GM9105", "naam": "Echo", "aandeel": 1.0}]


def test_detail_lists_provinces_and_organisations(client, api_data):
    body = client.get(f"{URL}/{api_data.a['wonen'].pk}?geometrie=false").json()
    kinds = [(m["soort"], m["code"], m["naam"]) for m in body["leden"]]
    assert kinds == [
        ("gemeente", "GM9102", "Bravo"),
        ("gemeente", "GM9103", "Charlie"),
        ("provincie", "PV27", "Noord-Holland"),
        ("organisatie", None, "Waterschap Test"),
    ]
    assert body["leden"][2]["rol"] == "centrumgemeente"
    assert body["leden"][3]["organisatieSoort"] == "waterschap"
    assert body["aantalLeden"] == 2  # municipalities only


def test_detail_not_found_and_invalid_id(client, api_data):
    response = client.get(f"{URL}/999999999")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == 404
    response = client.get(f"{URL}/afval")
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["name"] == "id"
    response = client.get(f"{URL}/{api_data.a['afval'].pk}?peildatum=morgen")
    assert response.json()["invalidParams"][0]["name"] == "peildatum"


def test_unpublished_is_hidden_from_anonymous_users(client, staff_client, api_data):
    pk = api_data.a["draft"].pk
    from django.test import Client

    assert Client().get(f"{URL}/{pk}").status_code == 404
    response = staff_client.get(f"{URL}/{pk}")
    assert response.status_code == 200
    assert response.json()["publicatiestatus"] == "concept"
    assert "private" in response["Cache-Control"]
    assert "Cookie" in response["Vary"]
    assert "Concept-verband" not in names(staff_client)  # lists show published data only


def test_ended_arrangement_keeps_its_page(client, api_data):
    body = client.get(f"{URL}/{api_data.a['ended'].pk}?geometrie=false").json()
    assert body["einddatum"] == "2020-01-01"
    assert (body["bestaatOpPeildatum"], body["ledenOpPeildatum"], body["aantalLeden"]) == (
        False,
        [],
        0,
    )
    assert not any(m["opPeildatum"] for m in body["leden"])
    before = client.get(f"{URL}/{api_data.a['ended'].pk}?peildatum=2019-12-31").json()
    assert before["bestaatOpPeildatum"] is True
    assert [m["code"] for m in before["ledenOpPeildatum"]] == ["GM9101", "GM9102"]


def test_detail_query_count(client, api_data, django_assert_num_queries):
    # version, arrangement, themes, members as recorded, members on the day
    with django_assert_num_queries(5):
        client.get(f"{URL}/{api_data.a['wonen'].pk}")


def test_openapi_documents_the_operations(api_data):
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    listing = schema["paths"]["/samenwerkingsverbanden"]["get"]
    assert listing["operationId"] == "samenwerkingsverbandenZoeken"
    params = {p["name"] for p in listing["parameters"]}
    assert {"thema", "gemeente", "sorteer", "pagina", "geometrieDetail", "Accept-Crs"} <= params
    assert {"application/json", "application/geo+json", "text/csv"} <= set(
        listing["responses"]["200"]["content"]
    )
    detail = schema["paths"]["/samenwerkingsverbanden/{id}"]["get"]
    assert detail["operationId"] == "samenwerkingsverbandOphalen"
    assert "404" in detail["responses"]
    component = schema["components"]["schemas"]
    item = next(v for k, v in component.items() if k.startswith("ArrangementDetail"))
    assert item["properties"]["startdatum"]["format"] == "date"


def test_lists_use_the_presimplified_tile_geometry(client, api_data):
    from collaborations.tiles.choices import TileLayer
    from collaborations.tiles.models import TILE_SRID, TileGeometry
    from tests.factories import square

    afval = api_data.a["afval"]
    tile = square(0, 0)  # deliberately not the footprint (cells 0-2): shows which one is used
    tile.transform(TILE_SRID)
    TileGeometry.objects.create(
        layer=TileLayer.SAMENWERKINGSVERBAND, object_id=afval.pk, band=2, geom=tile
    )

    def max_x(geometry) -> float:
        return max(x for x, _ in _points(geometry["coordinates"]))

    listed = client.get(f"{URL}?zoek=Afvalschap").json()["samenwerkingsverbanden"][0]
    assert max_x(listed["geometrie"]) == pytest.approx(5.05, abs=1e-4)
    full = client.get(f"{URL}?zoek=Afvalschap&geometrieDetail=volledig").json()
    assert max_x(full["samenwerkingsverbanden"][0]["geometrie"]) == pytest.approx(5.15)
    detail = client.get(f"{URL}/{afval.pk}").json()
    assert max_x(detail["geometrie"]) == pytest.approx(5.15)


def _points(coordinates):
    if isinstance(coordinates[0], int | float):
        yield coordinates
        return
    for part in coordinates:
        yield from _points(part)
