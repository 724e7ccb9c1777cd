"""The endpoint behind "what is here?": GET /api/v1/locaties/samenwerkingsverbanden.

The scenario of the browser tests (tests/harness/scenario.py: squares near Utrecht), in a
plain transaction. The centre of cell (0, 0) is (5.025, 52.025)."""

from __future__ import annotations

import json

import pytest

from collaborations.arrangements.services.footprints import arrangement_footprints_recompute
from tests.factories import ArrangementFactory, MembershipFactory
from tests.harness import scenario
from tests.harness.scenario import cell_code

pytestmark = pytest.mark.django_db

URL = "/api/v1/locaties/samenwerkingsverbanden"
CELL_00 = {"lon": "5.025", "lat": "52.025"}
CELL_11 = {"lon": "5.075", "lat": "52.075"}


@pytest.fixture
def atlas():
    return scenario.build()


def test_every_arrangement_covering_the_point(client, atlas):
    response = client.get(URL, CELL_00)
    assert response.status_code == 200
    body = response.json()
    assert body["totaal"] == 4
    rows = body["samenwerkingsverbanden"]
    assert [r["naam"] for r in rows] == [
        "GR West",
        "Netwerk Alles",
        "Netwerk West",
        "Veiligheidsregio Test",
    ]
    west = rows[0]
    assert west["themas"] == ["afval"] and west["rechtsvormFamilie"] == "wgr"
    assert west["rechtsvorm"] == "openbaar-lichaam" and west["verplicht"] is True
    assert west["aantalLeden"] == 2 and west["gemeenten"] == [cell_code(0, 0), cell_code(0, 1)]
    assert rows[3]["indeling"] == "test-veiligheidsregios"
    assert "geometrie" not in west  # geometry only on request


def test_one_query_for_the_list(client, atlas, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):  # the data version (ETag) and the list
        assert client.get(URL, CELL_00).status_code == 200


def test_filters_apply(client, atlas):
    def names(**params):
        return [r["naam"] for r in client.get(URL, params).json()["samenwerkingsverbanden"]]

    assert names(**CELL_00, thema="afval") == ["GR West"]
    assert names(**CELL_00, rechtsvormFamilie="netwerk") == ["Netwerk Alles", "Netwerk West"]
    assert names(**CELL_00, zonderIndeling="true", verplicht="true") == ["GR West"]
    assert "Nieuw Verband" in names(**CELL_11)
    assert "Nieuw Verband" not in names(**CELL_11, peildatum="2015-01-01")
    assert names(lon="4.5", lat="52.5") == []


def test_geojson_with_geometry(client, atlas):
    response = client.get(URL, {**CELL_00, "geometrie": "true", "formaat": "geojson"})
    assert response.status_code == 200
    collection = json.loads(response.content)
    assert collection["type"] == "FeatureCollection"
    assert len(collection["features"]) == 4
    feature = collection["features"][0]
    assert feature["geometry"]["type"] == "MultiPolygon"
    assert feature["properties"]["naam"] == "GR West"


def test_csv(client, atlas):
    response = client.get(URL, {**CELL_00, "formaat": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "GR West" in response.content.decode()


@pytest.mark.parametrize(
    ("params", "names"),
    [
        ({}, {"lon", "lat"}),
        ({"lon": "x", "lat": "52"}, {"lon"}),
        ({"lon": "5", "lat": "95"}, {"lat"}),
        ({**CELL_00, "thema": "Geen Slug!"}, {"thema"}),
    ],
)
def test_invalid_parameters_are_named(client, atlas, params, names):
    response = client.get(URL, params)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/problem+json")
    assert {p["name"] for p in response.json()["invalidParams"]} == names


def test_documented_in_openapi(client):
    schema = client.get("/api/v1/openapi.json").json()
    operation = schema["paths"]["/locaties/samenwerkingsverbanden"]["get"]
    assert operation["operationId"] == "samenwerkingsverbandenOpLocatie"
    parameters = {p["name"]: p for p in operation["parameters"]}
    assert parameters["lon"]["required"] and parameters["lat"]["required"]
    assert {"thema", "peildatum", "rechtsvormFamilie"} <= set(parameters)
    assert "application/geo+json" in operation["responses"]["200"]["content"]


def test_one_cooperation_recorded_by_two_sources_is_listed_once(client, atlas):
    """A gemeenschappelijke regeling recorded by another source under the region's name with
    the same members (OpenGR's "Veiligheidsregio Utrecht" beside the region of the
    veiligheidsregio's) is named on the region, not listed twice; one with other members is
    another cooperation and stays."""
    twin = ArrangementFactory(name="Veiligheidsregio  test", slug="vr-test-opengr")
    for municipality in atlas.cells.values():
        MembershipFactory(arrangement=twin, municipality=municipality, role="deelnemer")
    partial = ArrangementFactory(name="Veiligheidsregio Test", slug="vr-test-deel")
    MembershipFactory(arrangement=partial, municipality=atlas.cells[0, 0], role="deelnemer")
    arrangement_footprints_recompute()
    rows = client.get(URL, CELL_00).json()["samenwerkingsverbanden"]
    by_slug = {r["slug"]: r for r in rows}
    assert "vr-test-opengr" not in by_slug
    assert by_slug["veiligheidsregio-test"]["ookGeregistreerdAls"] == ["vr-test-opengr"]
    assert by_slug["vr-test-deel"]["ookGeregistreerdAls"] == []
