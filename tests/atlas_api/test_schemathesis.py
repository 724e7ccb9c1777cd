"""Property-based tests of the API against its own OpenAPI document (schemathesis): no server
errors, and every response conforms to the documented status codes, media types, headers and
schemas."""

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

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

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


@pytest.fixture
def keep_connection():
    """As Django's test client does: the WSGI app must not close the test transaction's
    connection at the end of a request."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def dataset(db, keep_connection):
    # Three cells of the test grid near Utrecht; two arrangements.
    province = ProvinceFactory(code="PV26", name="Utrecht", geom=square(0, 0, size=3))
    cells = [
        MunicipalityFactory(
            code=f"GM03{44 + i}", name=f"Gemeente {i}", province=province, geom=square(i, 0)
        )
        for i in range(3)
    ]
    for municipality in cells:
        MunicipalityBoundaryFactory(municipality=municipality)
    for name in ("Regio West", "Regio Oost"):
        arrangement = ArrangementFactory(name=name, legal_form_family="wgr")
        for municipality in cells[:2] if name == "Regio West" else cells[1:]:
            MembershipFactory(arrangement=arrangement, municipality=municipality)
    lineage_rebuild()
    arrangement_footprints_recompute()


@schema.parametrize()
@settings(max_examples=25, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@pytest.mark.django_db
def test_api_conforms_to_its_document(case, dataset):
    if case.method.upper() != "GET":
        return  # writes are covered by their own tests
    response = case.call(headers={"Accept-Encoding": "identity"})
    case.validate_response(response, checks=CHECKS)
