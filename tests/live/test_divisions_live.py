"""Issue 13 through real clients against the live server (gunicorn): divisions through time
and footprints on a peildatum ("what is here?", GeoJSON read by GDAL), kinds and the country
filter, with requests accepting gzip.

A region of ``jeugdregios`` on the test grid near Utrecht: in 2016 West {cell 0} and Oost
{cells 1, 2}; from 2025 cell 1 moves to West (a new version through the generic path)."""

from __future__ import annotations

import datetime
import shutil
import subprocess

import pytest
import requests

from collaborations.arrangements.services.footprints import arrangement_footprints_recompute
from collaborations.divisions.services import (
    FamilySpec,
    MemberInput,
    RegionInput,
    VersionInput,
    division_version_apply,
    division_version_plan,
)
from collaborations.geography.services.lineage import lineage_rebuild
from tests.factories import MunicipalityBoundaryFactory, MunicipalityFactory, square

pytestmark = [pytest.mark.live, pytest.mark.django_db(transaction=True)]
OGRINFO = shutil.which("ogrinfo")
FAMILY = FamilySpec(slug="jeugdregios", name="Jeugdregio's", domain="sociaal")
CELL_1 = "lon=5.075&lat=52.025"  # the centre of cell (1, 0)


def _version(year: int, regions: dict[str, list[str]]) -> None:
    version = VersionInput(valid_from=datetime.date(year, 1, 1), label=str(year))
    inputs = [
        RegionInput(name=name, code=f"JR-{name}", members=tuple(MemberInput(c) for c in codes))
        for name, codes in regions.items()
    ]
    plan = division_version_plan(family=FAMILY, version=version, regions=inputs)
    division_version_apply(plan=plan)


@pytest.fixture
def atlas(live):
    for i in range(3):
        municipality = MunicipalityFactory(
            code=f"GM034{i}", name=f"Gemeente {i}", geom=square(i, 0)
        )
        MunicipalityBoundaryFactory(municipality=municipality)
    lineage_rebuild()
    _version(2016, {"West": ["GM0340"], "Oost": ["GM0341", "GM0342"]})
    _version(2025, {"West": ["GM0340", "GM0341"], "Oost": ["GM0342"]})
    arrangement_footprints_recompute()
    return live


def get(live, path: str) -> requests.Response:
    response = requests.get(f"{live.url}{path}", headers={"Accept-Encoding": "gzip"}, timeout=30)
    assert response.status_code < 500, response.text
    return response


def test_what_is_here_follows_the_versions(atlas):
    here = f"/api/v1/locaties/samenwerkingsverbanden?{CELL_1}&geometrie=true"
    then = get(atlas, f"{here}&peildatum=2020-06-01")
    assert then.headers["Content-Encoding"] == "gzip"
    assert [r["naam"] for r in then.json()["samenwerkingsverbanden"]] == ["Oost"]
    now = get(atlas, here).json()["samenwerkingsverbanden"]
    assert [(r["naam"], r["soort"], r["gemeenten"]) for r in now] == [
        ("West", "samenwerking", ["GM0340", "GM0341"])
    ]
    division = get(atlas, "/api/v1/indelingen/jeugdregios").json()
    moved = division["versies"][1]["verhuisd"]
    assert [(m["code"], m["van"], m["naar"]) for m in moved] == [("GM0341", ["Oost"], ["West"])]
    history = get(atlas, "/api/v1/gemeenten/GM0341?geometrie=false").json()["regioGeschiedenis"]
    assert [(r["naam"], r["vanaf"], r["tot"]) for r in history[0]["regios"]] == [
        ("Oost", "2016-01-01", "2025-01-01"),
        ("West", "2025-01-01", None),
    ]


def test_bad_country_and_kind_are_problems(atlas):
    for query, name in (("land=fr", "land"), ("soort=gemeentelijk", "soort")):
        response = get(atlas, f"/api/v1/samenwerkingsverbanden?{query}")
        assert response.status_code == 400
        assert response.headers["Content-Type"] == "application/problem+json"
        assert response.json()["invalidParams"][0]["name"] == name
    assert get(atlas, "/api/v1/gemeenten?land=be").json()["totaal"] == 0


@pytest.mark.skipif(OGRINFO is None, reason="GDAL's ogrinfo is not installed")
def test_gdal_reads_the_regions_of_a_peildatum(atlas):
    url = f"{atlas.url}/api/v1/indelingen/jeugdregios/regios?formaat=geojson&peildatum=2020-06-01"
    result = subprocess.run(  # noqa: S603 - fixed program, URL of the test server
        [OGRINFO, "-ro", "-al", "-so", f"GeoJSON:{url}"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert "Feature Count: 2" in result.stdout
    assert "Geometry: Multi Polygon" in result.stdout or "Polygon" in result.stdout
