"""The patchwork's colouring (issue 16, display mode *Grenzen*): a graph colouring of the
filtered footprints in which neighbours (overlapping or sharing a border) never share a
colour, served at /api/v1/samenwerkingsverbanden/kleuren with the footprints inset. On the
small atlas of conftest.py: jeugd_west (Alfa+Bravo) borders jeugd_oost (Charlie+Delta) along
Bravo|Charlie, and Echo-overleg (Alfa + Delta) overlaps both."""

import json

import pytest
from django.contrib.gis.geos import GEOSGeometry
from django.core.cache import cache

from collaborations.arrangements.selectors.colouring import (
    DASHES,
    PALETTE,
    colour_style,
    colouring_dsatur,
)
from tests.factories import MunicipalityBoundaryFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/samenwerkingsverbanden/kleuren"


@pytest.fixture(autouse=True)
def _fresh_cache():
    """The colouring is cached per data version, which every test database starts at 0."""
    cache.clear()


@pytest.mark.django_db(False)
def test_dsatur_gives_neighbours_different_colours_and_is_deterministic():
    cycle = [(i, (i + 1) % 5) for i in range(5)]  # an odd cycle needs three colours
    wheel = [*cycle, *((5, i) for i in range(5))]  # its hub a fourth
    colours = colouring_dsatur(nodes=range(6), edges=wheel)
    assert all(colours[a] != colours[b] for a, b in wheel)
    assert max(colours.values()) + 1 == 4
    assert colours == colouring_dsatur(nodes=range(6), edges=list(reversed(wheel)))
    assert colouring_dsatur(nodes=[7], edges=[]) == {7: 0}


@pytest.mark.django_db(False)
def test_a_colour_used_again_is_dashed():
    assert colour_style(0) == (PALETTE[0], "")
    assert colour_style(len(PALETTE) + 1) == (PALETTE[1], DASHES[1])


@pytest.fixture
def boundaries(api_data):
    """Boundaries (their clean coverage is the shape itself) for the adjacency."""
    for municipality in api_data.m.values():
        MunicipalityBoundaryFactory(municipality=municipality, geom_coverage=municipality.geom)
    return api_data


def test_neighbours_and_overlapping_footprints_never_share_a_colour(client, boundaries):
    response = client.get(URL, {"thema": "jeugd", "geometrie": "false"})
    assert response.status_code == 200, response.content
    rows = {row["naam"]: row for row in response.json()["kleuren"]}
    west, oost = rows["Jeugdregio West"]["kleur"], rows["Jeugdregio Oost"]["kleur"]
    echo = rows["Echo-overleg"]["kleur"]
    assert len({west, oost, echo}) == 3
    assert all(row["kleurcode"] in PALETTE and row["streepjes"] is None for row in rows.values())


def test_the_outlines_are_the_footprints_inset(client, api_data):
    response = client.get(URL, {"thema": "jeugd", "zoom": 11}, HTTP_ACCEPT="application/geo+json")
    assert response.status_code == 200, response.content
    features = {f["properties"]["naam"]: f for f in response.json()["features"]}
    west = GEOSGeometry(json.dumps(features["Jeugdregio West"]["geometry"]), srid=4326)
    footprint = api_data.a["jeugd_west"].footprint
    assert footprint.contains(west)
    assert 0.9 * footprint.area < west.area < footprint.area


def test_bad_zoom_is_a_problem_naming_the_field(client, api_data):
    response = client.get(URL, {"zoom": 99})
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["name"] == "zoom"
