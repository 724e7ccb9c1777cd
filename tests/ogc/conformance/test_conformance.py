"""OGC API Features conformance, one test per testable requirement: Part 1 (OGC 17-069r4,
Annex A: core, GeoJSON, HTML, OpenAPI 3.0), Part 2 (OGC 18-058r1, Annex A: CRS by reference)
and the ADR-GEO rules, over HTTP against the live server (gunicorn) with requests (gzip).

Each test is named after its requirement (``/req/core/fc-limit-response`` ->
``test_req_core_fc_limit_response``; ``/geo/default-crs`` -> ``test_geo_default_crs``), its
docstring starts with the requirement's id, and it is parametrised over the collections where
the requirement applies. The checks themselves are in ``checks.py`` (bench/bench_ogc.py runs
them against tipg and pygeoapi). ``test_every_requirement_is_tested`` keeps the list complete
against the Abstract Test Suites, so the mapping requirement -> test is auditable.

Data: the small atlas of tests/ogc/conftest.py (the grid near Utrecht: cells of 0.05 x 0.05
degrees from (5.0, 52.0)), made once for the module and committed (the live server reads it),
flushed afterwards."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from collaborations.arrangements.services.themes import themes_seed
from collaborations.tiles.services import tile_geometry_rebuild
from tests.atlas_api.conftest import ApiData, _arrangements, _municipalities
from tests.factories import MunicipalityBoundaryFactory
from tests.ogc.conftest import ROOT

from . import checks

# django_db makes pytest-django set up the test database even when this module runs alone
# (it sets up only the databases that collected tests ask for; without it the connection, the
# live server and the flush below would be the development database).
pytestmark = [pytest.mark.live, pytest.mark.django_db]

#: Collections with features in the test data (bre-clusters has none: no BRE run).
COLLECTIONS = ("gemeenten", "provincies", "samenwerkingsverbanden", "indeling-jeugdregios")
#: Cells (0, 0) and (1, 0): Alfa, Bravo, Utrecht, the afval and jeugd regions, ...
BBOX = (5.01, 52.01, 5.08, 52.04)

#: The testable requirements of the Abstract Test Suites (Part 1 Annex A, Part 2 Annex A) and
#: the ADR-GEO rules that apply to a read-only API.
ATS = {
    "core": [
        "/req/core/http",
        "/req/core/root-op",
        "/req/core/root-success",
        "/req/core/api-definition-op",
        "/req/core/api-definition-success",
        "/req/core/conformance-op",
        "/req/core/conformance-success",
        "/req/core/query-param-unknown",
        "/req/core/query-param-invalid",
        "/req/core/fc-md-op",
        "/req/core/fc-md-success",
        "/req/core/fc-md-links",
        "/req/core/fc-md-items",
        "/req/core/fc-md-items-links",
        "/req/core/fc-md-extent",
        "/req/core/sfc-md-op",
        "/req/core/sfc-md-success",
        "/req/core/fc-op",
        "/req/core/fc-bbox-definition",
        "/req/core/fc-bbox-response",
        "/req/core/fc-limit-definition",
        "/req/core/fc-limit-response",
        "/req/core/fc-time-definition",
        "/req/core/fc-time-response",
        "/req/core/fc-response",
        "/req/core/fc-links",
        "/req/core/fc-timeStamp",
        "/req/core/fc-numberMatched",
        "/req/core/fc-numberReturned",
        "/req/core/f-op",
        "/req/core/f-success",
        "/req/core/f-links",
    ],
    "geojson": ["/req/geojson/definition", "/req/geojson/content"],
    "html": ["/req/html/definition", "/req/html/content"],
    "oas30": [
        "/req/oas30/oas-definition-1",
        "/req/oas30/oas-definition-2",
        "/req/oas30/completeness",
        "/req/oas30/exceptions-codes",
        "/req/oas30/oas-impl",
    ],
    "crs": [
        "/req/crs/crs-uri",
        "/req/crs/fc-md-crs-list",
        "/req/crs/fc-md-storageCrs",
        "/req/crs/fc-md-storageCrs-valid-value",
        "/req/crs/fc-md-crs-list-global",
        "/req/crs/fc-bbox-crs-definition",
        "/req/crs/fc-bbox-crs-valid-value",
        "/req/crs/fc-bbox-crs-valid-defaultValue",
        "/req/crs/fc-bbox-crs-action",
        "/req/crs/fc-crs-definition",
        "/req/crs/fc-crs-valid-value",
        "/req/crs/fc-crs-default-value",
        "/req/crs/fc-crs-action",
        "/req/crs/ogc-crs-header",
        "/req/crs/ogc-crs-header-value",
        "/req/crs/geojson",
    ],
    "adr-geo": [
        "/geo/geojson-response",
        "/geo/bbox-query-parameter",
        "/geo/crs-list",
        "/geo/default-crs",
        "/geo/preferred-crs",
        "/geo/content-crs-response-header",
    ],
}


@pytest.fixture(scope="module")
def target(live_site, django_db_blocker):
    """The atlas under gunicorn with the small atlas committed once for the module."""
    test_name = settings.DATABASES["default"]["TEST"]["NAME"]
    assert connection.settings_dict["NAME"] == test_name, "not on the test database"
    assert live_site.env["DATABASE_URL"].endswith("/" + test_name)
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)  # only the small atlas
        themes_seed()
        data = ApiData()
        _municipalities(data)
        _arrangements(data)
        for municipality in data.m.values():
            MunicipalityBoundaryFactory(municipality=municipality)
        tile_geometry_rebuild()
    live_site.clear_cache()
    try:
        yield checks.Target(root=live_site.url + ROOT, collections=COLLECTIONS, bbox=BBOX)
    finally:
        live_site.clear_cache()
        with django_db_blocker.unblock():
            call_command("flush", interactive=False, verbosity=0)


def test_every_requirement_is_tested():
    """The checks cover exactly the requirements of the Abstract Test Suites listed above."""
    by_class: dict[str, list[str]] = {}
    for requirement in checks.REQUIREMENTS:
        by_class.setdefault(requirement.cls, []).append(requirement.uri)
    assert {cls: sorted(uris) for cls, uris in by_class.items()} == {
        cls: sorted(uris) for cls, uris in ATS.items()
    }


def _case(requirement: checks.Requirement):
    if requirement.per_collection:

        @pytest.mark.parametrize("collection", COLLECTIONS)
        def case(target, collection):
            requirement.check(target, collection)

    else:

        def case(target):
            requirement.check(target)

    case.__name__ = case.__qualname__ = requirement.name
    case.__doc__ = requirement.check.__doc__
    return case


for _requirement in checks.REQUIREMENTS:
    globals()[_requirement.name] = _case(_requirement)
