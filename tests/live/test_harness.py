"""The live-server harness itself: gunicorn serves the test database over real HTTP."""

import pytest
import requests

from tests.factories import MunicipalityFactory

pytestmark = pytest.mark.live


def test_gunicorn_serves_committed_data_with_compression(live):
    MunicipalityFactory(code="GM0999", name="Proefgemeente")
    response = requests.get(
        f"{live.url}/api/v1/gemeenten?geometrie=false",
        headers={"Accept-Encoding": "gzip"},
        timeout=10,
    )
    assert response.status_code == 200
    assert response.headers["Content-Encoding"] == "gzip"
    assert [row["code"] for row in response.json()["gemeenten"]] == ["GM0999"]


def test_health_is_cheap_and_public(live):
    response = requests.get(f"{live.url}/health", timeout=5)
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
