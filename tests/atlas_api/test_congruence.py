"""The congruence endpoints (/api/v1/congruentie, /matrix, /grenzen) on the grid of
tests/divisions/grid.py (its docstring has the answers computed by hand)."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tests.divisions.grid import ARI_A_B, build_grid

pytestmark = pytest.mark.django_db

URL = "/api/v1/congruentie"


@pytest.fixture
def grid(db):
    return build_grid()


def _csv(response) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_two_divisions_compared(client, grid):
    response = client.get(URL, {"a": "veiligheidsregios", "b": "ggd-regios"})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["maten"]["ari"] == pytest.approx(ARI_A_B, abs=1e-6)
    assert set(body["maten"]) == {"ari", "nmi", "vi", "homogeniteit", "volledigheid"}
    assert [m["maat"] for m in body["uitleg"]] == list(body["maten"])
    assert body["uitleg"][3]["naam"] == "A past in B (homogeniteit)"
    assert body["a"] == {
        "verwijzing": "veiligheidsregios",
        "naam": "Veiligheidsregio's (2024)",
        "soort": "indeling",
        "aantalRegios": 2,
        "aantalGemeenten": 6,
        "inMeerdereRegios": 0,
    }
    assert body["aantalGemeenten"] == 6
    assert body["weggelaten"] == {"alleenInA": 0, "alleenInB": 0, "inGeen": 0}
    assert body["klassen"] == {"binnen": 0, "samenvallend": 0, "doorsnijdend": 2}
    west = next(r for r in body["regios"] if r["naam"] == "VR-West")
    assert west["klasse"] == "doorsnijdend"
    assert [(r["naam"], r["aantalGemeenten"]) for r in west["raakt"]] == [
        ("GGD-West", 2),
        ("GGD-Midden", 1),
    ]
    assert west["verkeerdeKant"] == [{"code": grid.code("m10"), "naam": "Gemeente 1-0"}]
    rows = {row["code"]: row for row in body["gemeenten"]}
    m10 = rows[grid.code("m10")]
    assert m10["regioANaam"] == "VR-West" and m10["regioBNaam"] == "GGD-Midden"
    assert m10["burenSamenInA"] == [grid.code("m00")]
    assert m10["burenSamenInB"] == [grid.code("m11")]
    assert rows[grid.code("m01")]["burenSamenInA"] == []


def test_a_division_against_the_provinces_and_a_bre_run(client, grid):
    body = client.get(URL, {"a": "ggd-regios", "b": "provincies"}).json()
    # GGD-Oost is Noord-Holland; the others lie in Utrecht
    assert body["klassen"] == {"binnen": 2, "samenvallend": 1, "doorsnijdend": 0}
    assert body["maten"]["homogeniteit"] == 1.0
    body = client.get(URL, {"a": "bre:standaard", "b": "overlap-indeling"}).json()
    assert body["maten"]["ari"] == 1.0
    assert body["b"]["inMeerdereRegios"] == 1
    assert body["a"]["soort"] == "bre"


def test_left_out_municipalities_are_reported(client, grid):
    body = client.get(URL, {"a": "veiligheidsregios", "b": "halve-indeling"}).json()
    assert body["aantalGemeenten"] == 2
    assert body["weggelaten"] == {"alleenInA": 4, "alleenInB": 0, "inGeen": 0}


def test_the_tables_as_csv(client, grid):
    response = client.get(URL, {"a": "veiligheidsregios", "b": "ggd-regios", "formaat": "csv"})
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="congruentie.csv"'
    rows = {row["naam"]: row for row in _csv(response)}
    assert rows["VR-West"]["raakt"] == "GGD-West (2); GGD-Midden (1)"
    assert rows["VR-West"]["verkeerdeKant"] == grid.code("m10")
    response = client.get(
        URL, {"a": "veiligheidsregios", "b": "ggd-regios", "formaat": "csv", "tabel": "gemeenten"}
    )
    rows = {row["code"]: row for row in _csv(response)}
    assert len(rows) == 6
    assert rows[grid.code("m11")]["burenSamenInA"] == grid.code("m21")


@pytest.mark.parametrize(
    ("query", "status", "names"),
    [
        ({"a": "veiligheidsregios"}, 400, ["b"]),
        ({"a": "Veiligheidsregios", "b": "ggd-regios"}, 400, ["a"]),
        ({"a": "bre:0", "b": "ggd-regios"}, 400, ["a"]),
        ({"a": "veiligheidsregios", "b": "ggd-regios", "tabel": "x"}, 400, ["tabel"]),
        ({"a": "veiligheidsregios", "b": "ggd-regios", "c": "1"}, 400, ["c"]),
        ({"a": "bestaat-niet", "b": "bre:99"}, 422, ["a", "b"]),
        (
            {"a": "veiligheidsregios", "b": "ggd-regios", "peildatum": "2025-02-30"},
            400,
            ["peildatum"],
        ),
    ],
)
def test_bad_partitions_are_problems_naming_the_parameter(client, grid, query, status, names):
    response = client.get(URL, query)
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    assert [p["name"] for p in response.json()["invalidParams"]] == names


def test_the_comparison_query_count_and_conditional_get(
    client, grid, django_assert_max_num_queries
):
    query = {"a": "veiligheidsregios", "b": "ggd-regios"}
    client.get(URL, query)  # adjacency cached
    with django_assert_max_num_queries(8):
        response = client.get(URL, query)
    again = client.get(URL, query, HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


def test_the_matrix(client, grid, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        response = client.get(f"{URL}/matrix")
    assert response.status_code == 200
    body = response.json()
    slugs = [d["slug"] for d in body["indelingen"]]
    assert slugs == ["ggd-regios", "halve-indeling", "overlap-indeling", "veiligheidsregios"]
    assert len(body["paren"]) == 6
    pair = next(
        p for p in body["paren"] if p["b"] == "veiligheidsregios" and p["a"] == "ggd-regios"
    )
    assert pair["ari"] == pytest.approx(ARI_A_B, abs=1e-6)
    assert pair["aantalGemeenten"] == 6
    table = _csv(client.get(f"{URL}/matrix", {"formaat": "csv"}))
    assert len(table) == 6 and set(table[0]) == {
        "a", "b", "aantalGemeenten", "ari", "nmi", "vi", "homogeniteit", "volledigheid",
    }  # fmt: skip


def test_the_borders_as_geojson(client, grid):
    response = client.get(
        f"{URL}/grenzen", {"a": "veiligheidsregios", "b": "ggd-regios", "formaat": "geojson"}
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    body = json.loads(response.content)
    classes = {f["id"]: f["properties"]["aantalParen"] for f in body["features"]}
    assert classes == {"gedeeld": 2, "alleenA": 1, "alleenB": 2}
    assert all(f["geometry"]["type"] in ("LineString", "MultiLineString") for f in body["features"])
    problem = client.get(f"{URL}/grenzen", {"a": "bestaat-niet", "b": "ggd-regios"})
    assert problem.status_code == 422


def test_the_borders_query_count(client, grid, django_assert_max_num_queries):
    query = {"a": "veiligheidsregios", "b": "ggd-regios"}
    with django_assert_max_num_queries(8):  # versions, two partitions, the border classes
        response = client.get(f"{URL}/grenzen", query)
    assert response.status_code == 200
    with django_assert_max_num_queries(7):  # the border classes cached
        client.get(f"{URL}/grenzen", {**query, "formaat": "geojson"})
