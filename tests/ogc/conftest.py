"""OGC API fixtures: the small atlas of tests/atlas_api/conftest.py (the fixed grid near
Utrecht: cells of 0.05 x 0.05 degrees, south-west corner (5.0 + 0.05*col, 52.0 + 0.05*row)),
with a boundary version per municipality (the gemeenten collection reads them) and the
pre-simplified tile geometry (the tiles read it)."""

from __future__ import annotations

import json

import pytest

from collaborations.tiles.services import tile_geometry_rebuild
from tests.atlas_api.conftest import ApiData, api_data  # noqa: F401 - the fixture, reused
from tests.factories import MunicipalityBoundaryFactory

ROOT = "/api/ogc/v1"
CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
RD = "http://www.opengis.net/def/crs/EPSG/0/28992"
ETRS89 = "http://www.opengis.net/def/crs/EPSG/0/4258"


@pytest.fixture
def ogc_data(api_data: ApiData) -> ApiData:  # noqa: F811 - the fixture imported above
    for municipality in api_data.m.values():
        MunicipalityBoundaryFactory(municipality=municipality)
    tile_geometry_rebuild()
    return api_data


@pytest.fixture
def ogc(client, ogc_data):
    """GET a path under the OGC root; ``.json()`` of the body (JSON or GeoJSON)."""

    def get(path: str, **headers):
        response = client.get(ROOT + path, **headers)
        response.body = json.loads(response.content) if "json" in response["Content-Type"] else None
        return response

    return get


def rels(document: dict) -> dict[str, list[dict]]:
    """The document's links by relation."""
    result: dict[str, list[dict]] = {}
    for link in document["links"]:
        result.setdefault(link["rel"], []).append(link)
    return result
