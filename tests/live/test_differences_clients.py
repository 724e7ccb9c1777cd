"""The differences endpoint (/api/v1/congruentie/verschillen) through the live server
(gunicorn) with requests and compression: JSON, the CSV table, a conditional GET, the
OpenAPI operation and the 400/422 problems. Dataset: tests/divisions/grid.py."""

from __future__ import annotations

import pytest

from .grid_clients import PAIR, get, get_csv_rows, get_json_compressed, revalidate

pytestmark = [pytest.mark.live, pytest.mark.django_db(transaction=True)]


def test_the_differences_and_their_table_compressed(grid_site):
    base = f"{grid_site.url}/api/v1/congruentie/verschillen"
    response, body = get_json_compressed(f"{base}?{PAIR}")
    assert body["aantallen"] == {"verhuisd": 2, "alleenInA": 0, "alleenInB": 0}
    assert {m["code"]: m["regioBNaam"] for m in body["gemeenten"]} == {
        "GM7010": "GGD-Midden",
        "GM7011": "GGD-Midden",
    }
    assert [(g["klasse"], g["aantalParen"]) for g in body["grenzen"]] == [
        ("alleenA", 1),
        ("alleenB", 2),
    ]
    assert body["grenzen"][0]["geometrie"]["type"] in ("LineString", "MultiLineString")
    rows = get_csv_rows(f"{base}?{PAIR}&formaat=csv")
    assert [(r["code"], r["soort"], r["verwachtRegioBNaam"]) for r in rows] == [
        ("GM7010", "verhuisd", "GGD-West"),
        ("GM7011", "verhuisd", "GGD-Oost"),
    ]
    assert revalidate(f"{base}?{PAIR}", response) == 304


def test_two_peildata(grid_site):
    url = (
        f"{grid_site.url}/api/v1/congruentie/verschillen?a=veiligheidsregios"
        "&b=veiligheidsregios&peildatumA=2020-01-01"
    )
    body = get(url).json()
    assert body["peildatumA"] == "2020-01-01"
    assert body["a"]["naam"] == "Veiligheidsregio's (2016)"
    assert body["b"]["naam"] == "Veiligheidsregio's (2024)"
    assert [t["tegenhangerNaam"] for t in body["tegenhangers"]] == ["VR-Oost"]
    assert body["aantallen"]["verhuisd"] == 3


@pytest.mark.parametrize(
    ("query", "status", "names"),
    [
        ("a=Veiligheidsregios&b=ggd-regios", 400, ["a"]),
        (f"{PAIR}&peildatumA=2016-02-30", 400, ["peildatumA"]),
        (f"{PAIR}&peildatumB=morgen", 400, ["peildatumB"]),
        (f"{PAIR}&peildatum=2020-01-01", 400, ["peildatum"]),
        ("a=veiligheidsregios", 400, ["b"]),
        ("a=veiligheidsregios&b=bre:999", 422, ["b"]),
        ("a=bestaat-niet&b=bre:999", 422, ["a", "b"]),
    ],
)
def test_problems_name_the_parameter(grid_site, query, status, names):
    response = get(f"{grid_site.url}/api/v1/congruentie/verschillen?{query}")
    assert response.status_code == status
    assert response.headers["Content-Type"] == "application/problem+json"
    assert sorted(p["name"] for p in response.json()["invalidParams"]) == names


def test_the_operation_is_documented(grid_site):
    document = get(f"{grid_site.url}/api/v1/openapi.json").json()
    operation = document["paths"]["/congruentie/verschillen"]["get"]
    assert operation["operationId"] == "congruentieVerschillenOphalen"
    assert {p["name"] for p in operation["parameters"]} >= {"a", "b", "peildatumA", "peildatumB"}
