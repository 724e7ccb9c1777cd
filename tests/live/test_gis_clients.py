"""Real clients against the live server (gunicorn): GDAL's ogrinfo, the engine inside QGIS,
opens the lists as GeoJSON layers; a client that accepts gzip and sends a body above the
limit gets a 413 problem, not a 500."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest
import requests

from collaborations.arrangements.services.footprints import arrangement_footprints_recompute
from collaborations.geography.services.lineage import lineage_rebuild
from tests.factories import (
    ArrangementFactory,
    MembershipFactory,
    MunicipalityBoundaryFactory,
    MunicipalityFactory,
    ProvinceFactory,
    square,
)
from tests.harness.accounts import api_token

pytestmark = [pytest.mark.live, pytest.mark.django_db(transaction=True)]
OGRINFO = shutil.which("ogrinfo")
GDAL_ACCEPT = "text/plain, application/json"


@pytest.fixture
def atlas(live):
    """Three cells of the test grid near Utrecht in province PV26; two arrangements (a Wgr of
    the western two, a network of the eastern two), with their footprints."""
    province = ProvinceFactory(code="PV26", name="Utrecht", geom=square(0, 0, size=3))
    cells = [
        MunicipalityFactory(
            code=f"GM03{44 + i}", name=f"Gemeente {i}", province=province, geom=square(i, 0)
        )
        for i in range(3)
    ]
    for municipality in cells:
        MunicipalityBoundaryFactory(municipality=municipality)
    for name, family, members in (
        ("Regio West", "wgr", cells[:2]),
        ("Netwerk Oost", "netwerk", cells[1:]),
    ):
        arrangement = ArrangementFactory(name=name, legal_form_family=family)
        for municipality in members:
            MembershipFactory(arrangement=arrangement, municipality=municipality)
    lineage_rebuild()
    arrangement_footprints_recompute()
    return live


def ogrinfo_count(url: str) -> int:
    """The feature count GDAL reports for the GeoJSON at ``url`` (it sends its own Accept)."""
    result = subprocess.run(  # noqa: S603 - fixed program, URL of the test server
        [OGRINFO, "-ro", "-al", "-so", f"GeoJSON:{url}"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    match = re.search(r"Feature Count: (\d+)", result.stdout)
    assert match, result.stdout
    return int(match[1])


@pytest.mark.skipif(OGRINFO is None, reason="GDAL (ogrinfo) is not installed")
@pytest.mark.parametrize(
    "query",
    [
        "samenwerkingsverbanden?formaat=geojson&paginaGrootte=500",
        "gemeenten?formaat=geojson&paginaGrootte=500",
        "provincies?formaat=geojson",
        "samenwerkingsverbanden?formaat=geojson&paginaGrootte=1&rechtsvormFamilie=wgr",
    ],
)
def test_ogrinfo_opens_the_lists_as_layers(atlas, query):
    url = f"{atlas.url}/api/v1/{query}"
    expected = requests.get(url, headers={"Accept-Encoding": "gzip"}, timeout=30).json()
    assert expected["numberReturned"] > 0
    assert ogrinfo_count(url) == expected["numberReturned"]


def test_gdal_accept_header_with_formaat_gets_geojson(atlas):
    response = requests.get(
        f"{atlas.url}/api/v1/gemeenten?formaat=geojson",
        headers={"Accept": GDAL_ACCEPT, "Accept-Encoding": "gzip"},
        timeout=30,
    )
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/geo+json"
    assert response.json()["type"] == "FeatureCollection"
    assert response.json()["numberReturned"] == 3


def test_a_typo_is_a_400_not_everything(atlas):
    response = requests.get(
        f"{atlas.url}/api/v1/samenwerkingsverbanden",
        params={"naam": "Veiligheidsregio Utrecht"},
        headers={"Accept-Encoding": "gzip"},
        timeout=30,
    )
    assert response.status_code == 400
    assert response.headers["Content-Type"] == "application/problem+json"
    assert response.json()["invalidParams"][0]["name"] == "naam"


def test_a_six_megabyte_body_is_a_413_problem(live, django_user_model):
    user = django_user_model.objects.create_user(username="schrijver")
    token = api_token(user)
    body = json.dumps({"naam": "x" * 6_000_000, "reden": "groot"})
    response = requests.post(
        f"{live.url}/api/v1/registraties",
        data=body,
        headers={
            "Authorization": f"Token {token}",
            "Content-Type": "application/json",
            "Accept-Encoding": "gzip",
        },
        timeout=60,
    )
    assert response.status_code == 413
    assert response.headers["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == 413
    page = requests.post(
        f"{live.url}/account/inloggen", data={"username": "x" * 6_000_000}, timeout=60
    )
    assert page.status_code == 413
    assert page.headers["Content-Type"].startswith("text/html")
