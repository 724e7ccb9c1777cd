"""/api/v1/netwerk on the small atlas of conftest.py."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.atlas_api.conftest import shared_count

pytestmark = pytest.mark.django_db

URL = "/api/v1/netwerk"


def pairs(client, query: str = "") -> dict[str, int]:
    response = client.get(f"{URL}?geometrie=false&{query}")
    assert response.status_code == 200, response.content
    return {row["id"]: row["gedeeld"] for row in response.json()["netwerk"]}


def test_shape_and_shared_count_of_neighbours(client, api_data):
    response = client.get(URL)
    assert response.status_code == 200
    body = response.json()
    assert body["paginaGrootte"] == 1000 and body["pagina"] == 1
    first = body["netwerk"][0]
    assert list(first) == ["id", "bron", "bronNaam", "doel", "doelNaam", "gedeeld", "geometrie"]
    assert (first["bron"], first["bronNaam"], first["doel"], first["doelNaam"]) == (
        "GM9101",
        "Alfa",
        "GM9102",
        "Bravo",
    )
    # Alfa and Bravo are neighbours (cells 0,0 and 1,0): count independently.
    assert first["gedeeld"] == shared_count(api_data.m["Alfa"], api_data.m["Bravo"]) == 2
    assert first["geometrie"]["type"] == "LineString"


def test_every_pair_today(client, api_data):
    assert pairs(client) == {
        "GM9101-GM9102": 2,  # afval, jeugd_west (not the draft, not the ended one)
        "GM9102-GM9103": 2,  # afval, wonen
        "GM9101-GM9103": 1,  # afval
        "GM9101-GM9104": 1,  # echo: Echo is represented by Delta since 2019
        "GM9103-GM9104": 1,  # jeugd_oost
        "GM9103-GM9107": 1,  # foxtrot: Foxtrot was split into Golf and Hotel
        "GM9103-GM9108": 1,
        "GM9107-GM9108": 1,
    }
    rows = client.get(f"{URL}?geometrie=false").json()["netwerk"]
    assert [row["gedeeld"] for row in rows] == sorted(
        (row["gedeeld"] for row in rows), reverse=True
    )


def test_minimum_ids_and_filters(client, api_data):
    assert pairs(client, "minimaalGedeeld=2") == {"GM9101-GM9102": 2, "GM9102-GM9103": 2}
    rows = client.get(f"{URL}?minimaalGedeeld=2&metIds=true&geometrie=false").json()["netwerk"]
    expected = sorted([api_data.a["afval"].pk, api_data.a["jeugd_west"].pk])
    assert rows[0]["samenwerkingsverbanden"] == expected
    assert pairs(client, "thema=afval") == {
        "GM9101-GM9102": 1,
        "GM9101-GM9103": 1,
        "GM9102-GM9103": 1,
    }
    assert pairs(client, "rechtsvormFamilie=wgr&minimaalGedeeld=1") == {
        "GM9101-GM9102": 1,
        "GM9101-GM9103": 1,
        "GM9102-GM9103": 1,
        "GM9103-GM9107": 1,
        "GM9103-GM9108": 1,
        "GM9107-GM9108": 1,
    }
    assert pairs(client, "indeling=jeugdregios") == {"GM9101-GM9102": 1, "GM9103-GM9104": 1}
    wgr = shared_count(api_data.m["Alfa"], api_data.m["Bravo"], legal_form_family="wgr")
    assert pairs(client, "rechtsvormFamilie=wgr")["GM9101-GM9102"] == wgr


def test_gemeente_limits_the_pairs_not_the_arrangements(client, api_data):
    # Delta's pairs, counting every arrangement (not only those shared by Delta and others)
    assert pairs(client, "gemeente=GM9104") == {"GM9101-GM9104": 1, "GM9103-GM9104": 1}
    assert pairs(client, "gemeente=GM9101,GM9107") == {
        "GM9101-GM9102": 2,
        "GM9101-GM9103": 1,
        "GM9101-GM9104": 1,
        "GM9103-GM9107": 1,
        "GM9107-GM9108": 1,
    }


def test_peildatum(client, api_data):
    assert pairs(client, "peildatum=2018-06-01") == {
        "GM9101-GM9102": 3,  # afval, jeugd_west and the ended one
        "GM9101-GM9103": 1,
        "GM9102-GM9103": 1,
        "GM9101-GM9105": 1,  # echo, with Echo itself
        "GM9103-GM9104": 1,
        "GM9103-GM9106": 1,  # foxtrot, before the split
    }


def test_geojson_lines_between_points_inside_the_municipalities(client, api_data):
    response = client.get(URL, headers={"Accept": "application/geo+json"})
    assert response["Content-Type"] == "application/geo+json"
    body = json.loads(response.content)
    assert body["type"] == "FeatureCollection" and body["numberMatched"] == 8
    feature = body["features"][0]
    assert feature["id"] == "GM9101-GM9102"
    assert feature["geometry"]["type"] == "LineString"
    (x1, y1), (x2, y2) = feature["geometry"]["coordinates"]
    assert 5.0 < x1 < 5.05 and 52.0 < y1 < 52.05  # inside Alfa (cell 0,0)
    assert 5.05 < x2 < 5.1 and 52.0 < y2 < 52.05  # inside Bravo (cell 1,0)
    assert feature["properties"]["gedeeld"] == 2


def test_rd_new_transforms_the_points(client, api_data):
    response = client.get(URL, headers={"Accept-Crs": "EPSG:28992"})
    assert response["Content-Crs"] == "EPSG:28992"
    for row in response.json()["netwerk"]:
        for x, y in row["geometrie"]["coordinates"]:
            assert 120_000 < x < 160_000 and 430_000 < y < 470_000
            assert isinstance(x, int) and isinstance(y, int)  # metres


def test_csv_header(client, api_data):
    lines = client.get(f"{URL}?formaat=csv&metIds=true").content.decode("utf-8-sig").splitlines()
    assert lines[0] == "id,bron,bronNaam,doel,doelNaam,gedeeld,samenwerkingsverbanden"
    assert len(lines) == 9
    plain = client.get(f"{URL}?formaat=csv").content.decode("utf-8-sig").splitlines()
    assert plain[0] == "id,bron,bronNaam,doel,doelNaam,gedeeld"


@pytest.mark.parametrize(
    "query",
    [
        "minimaalGedeeld=0",
        "minimaalGedeeld=1001",
        "minimaalGedeeld=veel",
        "metIds=misschien",
        "paginaGrootte=10001",
        "pagina=0",
        "thema=Afval!",
        "onbekend=1",
    ],
)
def test_invalid_parameters(client, api_data, query):
    response = client.get(f"{URL}?{query}")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["invalidParams"][0]["name"] == query.split("=")[0]


def test_unknown_municipality_is_a_422_naming_it(client, api_data):
    """A well-formed code of no municipality: the request matches the document, the data
    refuses it (422, see docs/api.md)."""
    response = client.get(f"{URL}?gemeente=GM0001")
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["invalidParams"][0]["name"] == "gemeente"


def test_pagination(client, api_data):
    response = client.get(f"{URL}?geometrie=false&paginaGrootte=3&pagina=2")
    body = response.json()
    assert (body["totaal"], body["pagina"], body["paginaGrootte"]) == (8, 2, 3)
    assert len(body["netwerk"]) == 3
    assert "pagina=1" in body["_links"]["prev"] and "pagina=3" in body["_links"]["next"]
    assert "pagina=3" in body["_links"]["last"]
    assert response["X-Total-Count"] == "8"
    last = client.get(body["_links"]["last"]).json()
    assert len(last["netwerk"]) == 2 and last["_links"]["next"] is None


def test_query_count_is_constant(client, api_data, django_assert_num_queries):
    with CaptureQueriesContext(connection) as queries:
        client.get(f"{URL}?paginaGrootte=2")
    assert len(queries) == 3  # version, edges, points
    with django_assert_num_queries(3):
        client.get(f"{URL}?paginaGrootte=20&metIds=true")
    with django_assert_num_queries(4):  # + the municipalities named by gemeente
        client.get(f"{URL}?gemeente=GM9101")


def test_openapi(api_data):
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    operation = schema["paths"]["/netwerk"]["get"]
    assert operation["operationId"] == "netwerkOphalen"
    names = {p["name"] for p in operation["parameters"]}
    assert {"minimaalGedeeld", "metIds", "gemeente", "pagina", "paginaGrootte"} <= names
    assert "application/geo+json" in operation["responses"]["200"]["content"]
