"""/api/v1/indelingen, /api/v1/indelingen/{slug} and /api/v1/indelingen/{slug}/regios on the
small atlas of conftest.py: division ``jeugdregios`` with JR01 (West: Alfa, Bravo; since 2015)
and JR02 (Oost: Charlie, Delta)."""

import datetime
import json

import pytest

from tests.atlas_api.conftest import block
from tests.factories import (
    ArrangementFactory,
    DivisionFactory,
    DivisionVersionFactory,
    MembershipFactory,
)

pytestmark = pytest.mark.django_db

URL = "/api/v1/indelingen"


@pytest.fixture
def old_edition(api_data):
    """Versions of ``jeugdregios``: 2014 with one region Midden (Alfa, Bravo, Charlie) that
    ended on 2015-01-01, and 2015, from which JR01 West exists; and a division of 2016 that
    still has one version only (``wmo-regios``)."""
    current = api_data.a["jeugd_west"].division
    DivisionVersionFactory(division=current, valid_from=datetime.date(2014, 1, 1))
    DivisionVersionFactory(division=current, valid_from=datetime.date(2015, 1, 1))
    region = ArrangementFactory(
        name="Jeugdregio Midden 2014",
        slug="jeugd-2014",
        division=current,
        region_code="JR09",
        start_date=datetime.date(2014, 1, 1),
        end_date=datetime.date(2015, 1, 1),
        footprint=block(0, 0, 2, 0),
    )
    for key in ("Alfa", "Bravo", "Charlie"):
        MembershipFactory(
            arrangement=region,
            municipality=api_data.m[key],
            valid_from=datetime.date(2014, 1, 1),
            valid_to=datetime.date(2015, 1, 1),
        )
    old = DivisionFactory(slug="wmo-regios", name="Wmo-regio's", domain="sociaal")
    DivisionVersionFactory(division=old, valid_from=datetime.date(2016, 1, 1))
    return old


def test_list(client, api_data, old_edition):
    response = client.get(URL)
    assert response.status_code == 200
    body = response.json()
    assert body["totaal"] == 2
    rows = {row["slug"]: row for row in body["indelingen"]}
    assert rows["jeugdregios"] == {
        "slug": "jeugdregios",
        "naam": "Jeugdregio's",
        "domein": "sociaal",
        "soort": "samenwerking",
        "land": "nl",
        "versie": "2015",
        "versieVanaf": "2015-01-01",
        "aantalVersies": 2,
        "bron": None,
        "aantalRegios": 2,  # the region of 2014 ended: not counted today
    }
    assert rows["wmo-regios"]["aantalRegios"] == 0
    assert rows["wmo-regios"]["versie"] == "2016"
    assert [row["slug"] for row in body["indelingen"]] == ["jeugdregios", "wmo-regios"]
    assert client.get(URL, headers={"Accept": "application/geo+json"}).status_code == 406
    header = client.get(f"{URL}?formaat=csv").content.decode("utf-8-sig").splitlines()[0]
    assert header == (
        "slug,naam,domein,soort,land,versie,versieVanaf,aantalVersies,bron,aantalRegios"
    )
    on_2014 = {
        row["slug"]: row for row in client.get(f"{URL}?peildatum=2014-06-01").json()["indelingen"]
    }
    assert (on_2014["jeugdregios"]["versie"], on_2014["jeugdregios"]["aantalRegios"]) == ("2014", 2)
    assert on_2014["wmo-regios"]["versie"] is None


def test_detail_with_regions_and_members(client, api_data):
    response = client.get(f"{URL}/jeugdregios")
    assert response.status_code == 200
    body = response.json()
    assert (body["slug"], body["aantalRegios"], body["omschrijving"]) == ("jeugdregios", 2, None)
    assert body["regios"] == [
        {
            "id": api_data.a["jeugd_oost"].pk,
            "slug": "jeugd_oost",
            "naam": "Jeugdregio Oost",
            "korteNaam": "Oost",
            "regiocode": "JR02",
            "aantalLeden": 2,
            "leden": ["GM9103", "GM9104"],
        },
        {
            "id": api_data.a["jeugd_west"].pk,
            "slug": "jeugd_west",
            "naam": "Jeugdregio West",
            "korteNaam": "West",
            "regiocode": "JR01",
            "aantalLeden": 2,
            "leden": ["GM9101", "GM9102"],
        },
    ]


def test_peildatum(client, api_data):
    body = client.get(f"{URL}/jeugdregios?peildatum=2014-06-01").json()
    assert body["peildatum"] == "2014-06-01"
    assert [region["regiocode"] for region in body["regios"]] == ["JR02"]  # West began in 2015
    assert client.get(f"{URL}/jeugdregios?peildatum=ooit").status_code == 400


def test_regions_as_geojson(client, api_data):
    response = client.get(f"{URL}/jeugdregios/regios", headers={"Accept": "application/geo+json"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    body = json.loads(response.content)
    assert body["type"] == "FeatureCollection"
    assert body["numberMatched"] == body["numberReturned"] == 2
    oost, west = body["features"]
    assert oost["id"] == api_data.a["jeugd_oost"].pk
    assert oost["geometry"]["type"] == "MultiPolygon"  # two separate blocks
    assert west["geometry"]["type"] in ("Polygon", "MultiPolygon")
    assert west["properties"]["leden"] == ["GM9101", "GM9102"]


def test_regions_json_csv_and_rd_new(client, api_data):
    body = client.get(f"{URL}/jeugdregios/regios").json()
    assert [region["regiocode"] for region in body["regios"]] == ["JR02", "JR01"]
    assert "geometrie" in body["regios"][0]
    assert (
        "geometrie"
        not in client.get(f"{URL}/jeugdregios/regios?geometrie=false").json()["regios"][0]
    )
    response = client.get(f"{URL}/jeugdregios/regios", headers={"Accept-Crs": "EPSG:28992"})
    assert response["Content-Crs"] == "EPSG:28992"
    lines = client.get(f"{URL}/jeugdregios/regios?formaat=csv").content.decode("utf-8-sig")
    assert lines.splitlines()[0] == "id,slug,naam,korteNaam,regiocode,aantalLeden,leden"
    assert "GM9101; GM9102" in lines


def test_an_earlier_version_on_its_peildatum(client, api_data, old_edition):
    """A peildatum in the version of 2014 shows its regions, not today's; today never shows the
    region that ended."""
    body = client.get(f"{URL}/jeugdregios/regios?geometrie=false&peildatum=2014-06-01").json()
    assert [region["naam"] for region in body["regios"]] == [
        "Jeugdregio Midden 2014",
        "Jeugdregio Oost",
    ]
    assert body["regios"][0]["leden"] == ["GM9101", "GM9102", "GM9103"]
    today = client.get(f"{URL}/jeugdregios/regios?geometrie=false").json()
    assert "Jeugdregio Midden 2014" not in [region["naam"] for region in today["regios"]]
    detail = client.get(f"{URL}/jeugdregios").json()
    assert [(v["versie"], v["geldigVanaf"]) for v in detail["versies"]] == [
        ("2014", "2014-01-01"),
        ("2015", "2015-01-01"),
    ]


def test_not_found_and_invalid(client, api_data):
    for url in (f"{URL}/bestaat-niet", f"{URL}/bestaat-niet/regios"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert response["Content-Type"] == "application/problem+json"
    response = client.get(f"{URL}/Jeugd!/regios")
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["name"] == "slug"


def test_query_counts(client, api_data, old_edition, django_assert_num_queries):
    with django_assert_num_queries(2):  # version, divisions with counts
        client.get(URL)
    with django_assert_num_queries(6):  # version, division, its row, versions, regions, members
        client.get(f"{URL}/jeugdregios")
    with django_assert_num_queries(4):  # version, division, regions, members
        client.get(f"{URL}/jeugdregios/regios")


def test_openapi(api_data):
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    paths = schema["paths"]
    assert paths["/indelingen"]["get"]["operationId"] == "indelingenZoeken"
    assert paths["/indelingen/{slug}"]["get"]["operationId"] == "indelingOphalen"
    regions = paths["/indelingen/{slug}/regios"]["get"]
    assert regions["operationId"] == "indelingRegiosZoeken"
    assert "application/geo+json" in regions["responses"]["200"]["content"]
    assert "404" in regions["responses"]
