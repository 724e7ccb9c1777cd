"""Honest kinds (issue 13, item 2): cooperations, divisions of the Rijk and statistical
divisions told apart in the API (`soort`, field and filter), the pages and the tiles. On the
small atlas of conftest.py plus a police region (a division of the Rijk) and a COROP region
(statistical), both of Alfa and Bravo, recorded with the legal-form family "netwerk"."""

import pytest

from collaborations.core.choices import DivisionKind, LegalFormFamily
from tests.atlas_api.conftest import block
from tests.factories import ArrangementFactory, DivisionFactory, MembershipFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/samenwerkingsverbanden"


@pytest.fixture
def kinds(api_data):
    regions = {}
    for slug, kind, name in (
        ("politie-eenheden", DivisionKind.RIJKSINDELING, "Politie-eenheid Midden"),
        ("corop-gebieden", DivisionKind.STATISTISCH, "COROP-gebied Midden"),
    ):
        division = DivisionFactory(slug=slug, name=slug, kind=kind)
        region = ArrangementFactory(
            name=name,
            slug=slug + "-midden",
            division=division,
            legal_form_family=LegalFormFamily.NETWERK,
            footprint=block(0, 0, 1, 0),
        )
        for key in ("Alfa", "Bravo"):
            MembershipFactory(arrangement=region, municipality=api_data.m[key])
        regions[kind] = region
    return regions


def names(response) -> list[str]:
    assert response.status_code == 200, response.content
    return sorted(row["naam"] for row in response.json()["samenwerkingsverbanden"])


def test_every_arrangement_says_its_kind(client, api_data, kinds):
    rows = client.get(f"{URL}?geometrie=false&paginaGrootte=100").json()["samenwerkingsverbanden"]
    by_name = {row["naam"]: row["soort"] for row in rows}
    assert by_name["Politie-eenheid Midden"] == "rijksindeling"
    assert by_name["COROP-gebied Midden"] == "statistisch"
    assert by_name["Jeugdregio West"] == "samenwerking"  # a region of a cooperation division
    assert by_name["Afvalschap Midden"] == "samenwerking"  # no division at all
    detail = client.get(f"{URL}/{kinds['rijksindeling'].pk}?geometrie=false").json()
    assert detail["soort"] == "rijksindeling"
    header = client.get(f"{URL}?formaat=csv").content.decode("utf-8-sig").splitlines()[0]
    assert ",soort,indeling," in header


def test_the_soort_filter(client, api_data, kinds):
    assert names(client.get(f"{URL}?soort=rijksindeling&geometrie=false")) == [
        "Politie-eenheid Midden"
    ]
    official = names(client.get(f"{URL}?soort=rijksindeling,statistisch&geometrie=false"))
    assert official == ["COROP-gebied Midden", "Politie-eenheid Midden"]
    cooperation = names(client.get(f"{URL}?soort=samenwerking&geometrie=false"))
    assert "Politie-eenheid Midden" not in cooperation
    assert {"Afvalschap Midden", "Jeugdregio West"} <= set(cooperation)
    assert cooperation == names(client.get(f"{URL}?alleenSamenwerking=true&geometrie=false"))


def test_a_bad_soort_is_a_problem_naming_it(client, api_data):
    response = client.get(f"{URL}?soort=gemeentelijk")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["invalidParams"][0]["name"] == "soort"


def test_what_is_here_and_the_municipality_say_the_kind(client, api_data, kinds):
    here = client.get(
        "/api/v1/locaties/samenwerkingsverbanden?lon=5.02&lat=52.02&soort=statistisch"
    )
    assert [(r["naam"], r["soort"]) for r in here.json()["samenwerkingsverbanden"]] == [
        ("COROP-gebied Midden", "statistisch")
    ]
    body = client.get("/api/v1/gemeenten/GM9101?geometrie=false").json()
    by_name = {item["naam"]: item["soort"] for item in body["samenwerkingsverbanden"]}
    assert by_name["Politie-eenheid Midden"] == "rijksindeling"
    assert client.get("/api/v1/indelingen").json()["indelingen"][1]["soort"] in DivisionKind.values


def test_pages_badge_regions_by_their_kind(client, api_data, kinds):
    page = client.get("/gemeenten/GM9101").content.decode()
    assert '<span class="badge badge--rijksindeling">Indeling van het Rijk</span>' in page
    assert '<span class="badge badge--statistisch">Statistische indeling</span>' in page
    region = kinds["rijksindeling"]
    page = client.get(f"/samenwerkingsverbanden/{region.pk}-{region.slug}").content.decode()
    assert '<span class="badge badge--rijksindeling">Indeling van het Rijk</span>' in page
    assert "Rechtsvormfamilie" not in page
    atlas = client.get("/").content.decode()
    assert 'name="soort" value="rijksindeling"' in atlas
