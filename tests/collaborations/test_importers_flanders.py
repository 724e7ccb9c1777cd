"""Flanders (issue 13, item 6): the loader of the Flemish and Brussels municipalities and the
referentieregio's, and the API switched by ``land``. Small files written by the tests: three
municipalities (squares on the test grid near Utrecht: made up, not Belgium), Aalst and Erpe-Mere
in REFREG11 Denderregio, Brussel (21004) in none, and the table's two pseudo-codes."""

from __future__ import annotations

import datetime
import json

import pytest

from collaborations.arrangements.models import Arrangement, Membership
from collaborations.divisions.models import Division
from collaborations.geography.models import Municipality, MunicipalityBoundary
from collaborations.sources.base import ImportError_
from collaborations.sources.flanders import load_flanders
from tests.factories import MunicipalityFactory, square

pytestmark = pytest.mark.django_db
TABLE = (
    "niscode,gemeentenaam,refreg_code,refreg_naam\n"
    "41002,Aalst,REFREG11,Denderregio\n"
    "41082,Erpe-Mere,REFREG11,Denderregio\n"
    "99991,Niet te lokaliseren - Vlaanderen,REFREG91,Niet te lokaliseren - Vlaanderen\n"
    "99999,Buiten Vlaanderen en Brussel,REFREG99,Buiten Vlaanderen en Brussel\n"
)


def feature(properties: dict, col: int) -> dict:
    return {
        "type": "Feature",
        "properties": properties,
        "geometry": json.loads(square(col, 3).json),
    }


@pytest.fixture
def flanders(settings, tmp_path):
    settings.REGIOATLAS_DATA_DIR = tmp_path
    folder = tmp_path / "be" / "vlaanderen"
    folder.mkdir(parents=True)
    municipalities = [
        feature({"niscode": "41002", "naam": "Aalst"}, 0),
        feature({"niscode": "41082", "naam": "Erpe-Mere"}, 1),
        feature({"niscode": "21004", "naam": "Brussel"}, 2),
    ]
    layer = [
        feature({"refreg_code": "REFREG11", "refreg_naam": "Denderregio", "aantal_gemeenten": 2}, 0)
    ]
    for name, features in (("gemeente.geojson", municipalities), ("refreg.geojson", layer)):
        (folder / name).write_text(
            json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8"
        )
    (folder / "gemeente_referentieregio.csv").write_text(TABLE, encoding="utf-8")
    MunicipalityFactory(code="GM0344", name="Utrecht", geom=square(0, 0))
    return folder


def test_the_municipalities_and_referentieregios_load(flanders):
    report = load_flanders()

    aalst = Municipality.objects.get(code="BE41002")
    assert (aalst.name, aalst.country, aalst.valid_from, aalst.province) == (
        "Aalst",
        "be",
        datetime.date(2025, 1, 1),
        None,
    )
    assert MunicipalityBoundary.objects.get(municipality=aalst).year == 2025
    assert Municipality.objects.filter(country="be").count() == 3  # with Brussel
    assert report.counts["Brussels municipalities"] == 1
    division = Division.objects.get(slug="referentieregios")
    assert (division.country, division.kind) == ("be", "rijksindeling")
    assert division.versions.get().valid_from == datetime.date(2025, 1, 1)
    dender = Arrangement.objects.get(division=division)
    assert (dender.name, dender.region_code) == ("Referentieregio Denderregio", "REFREG11")
    members = Membership.objects.filter(arrangement=dender).values_list(
        "municipality__code", flat=True
    )
    assert sorted(members) == ["BE41002", "BE41082"]
    # the pseudo-codes are reported, never loaded
    assert not Municipality.objects.filter(code__in=["BE99991", "BE99999"]).exists()
    pseudo = [note for note in report.notes if "pseudo-code" in note]
    assert len(pseudo) == 2 and "99991" in pseudo[0] and "99999" in pseudo[1]
    assert not [note for note in report.notes if "cross-check" in note]


def test_a_second_load_changes_nothing(flanders):
    first = load_flanders()
    second = load_flanders()
    assert first.created > 0
    assert (second.created, second.updated) == (0, 0)


def test_a_disagreeing_layer_is_noted_and_a_bad_code_stops_the_load(flanders):
    layer = flanders / "refreg.geojson"
    layer.write_text(layer.read_text().replace('"aantal_gemeenten": 2', '"aantal_gemeenten": 3'))
    report = load_flanders()
    assert any("cross-check: REFREG11" in note for note in report.notes)
    table = flanders / "gemeente_referentieregio.csv"
    table.write_text(TABLE.replace("41082,", "4108,"), encoding="utf-8")
    with pytest.raises(ImportError_, match=r"gemeente_referentieregio\.csv, line 3"):
        load_flanders()


def test_the_api_switches_country_with_land(flanders, client):
    load_flanders()
    nl = client.get("/api/v1/gemeenten?geometrie=false").json()
    assert [row["code"] for row in nl["gemeenten"]] == ["GM0344"]  # nl is the default
    be = client.get("/api/v1/gemeenten?land=be&geometrie=false").json()
    assert [row["code"] for row in be["gemeenten"]] == ["BE41002", "BE21004", "BE41082"]
    assert [row["aantalSamenwerkingsverbanden"] for row in be["gemeenten"]] == [1, 0, 1]
    divisions = client.get("/api/v1/indelingen?land=be").json()["indelingen"]
    assert [(d["slug"], d["land"], d["aantalRegios"]) for d in divisions] == [
        ("referentieregios", "be", 1)
    ]
    assert client.get("/api/v1/indelingen").json()["totaal"] == 0
    regions = client.get("/api/v1/indelingen/referentieregios/regios?geometrie=false").json()
    assert regions["regios"][0]["leden"] == ["BE41002", "BE41082"]
    aalst = client.get("/api/v1/gemeenten/BE41002?geometrie=false").json()
    assert (aalst["land"], [r["regio"] for r in aalst["officieleRegios"]]) == (
        "be",
        ["Denderregio"],
    )
    bad = client.get("/api/v1/gemeenten?land=de")
    assert bad.status_code == 400 and bad.json()["invalidParams"][0]["name"] == "land"
    assert client.get("/api/v1/gemeenten/BE4100").status_code == 400


def test_the_page_of_a_flemish_municipality(flanders, client):
    load_flanders()
    page = client.get("/gemeenten/BE41002").content.decode()
    assert "NIS-code" in page and "41002" in page
    assert "Referentieregio Denderregio" in page
