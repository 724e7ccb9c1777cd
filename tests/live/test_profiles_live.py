"""The municipality detail from its stored profile, as a real client sees it: through gunicorn
(the live-server harness) with gzip, the ETag and 304 work as before, and a write through the
services gives a new ETag and the new profile at once (issue 15; collaborations/profiles)."""

from __future__ import annotations

import pytest
import requests

from collaborations.arrangements.services.memberships import membership_add
from collaborations.profiles.models import MunicipalityDocument
from tests.atlas_api.conftest import api_data  # noqa: F401 - the API's small atlas, reused
from tests.factories import ArrangementFactory

pytestmark = [pytest.mark.live]

DETAIL = "/api/v1/gemeenten/GM9101"
GZIP = {"Accept-Encoding": "gzip"}


def get(url: str, **headers: str) -> requests.Response:
    return requests.get(url, headers={**GZIP, **headers}, timeout=10)


def test_stored_detail_keeps_etag_and_304_through_a_write(live, api_data):  # noqa: F811
    url = live.url + DETAIL
    first = get(url)
    assert first.status_code == 200, first.text[:300]
    assert first.headers["Content-Encoding"] == "gzip"
    assert MunicipalityDocument.objects.filter(municipality__code="GM9101").exists()
    etag = first.headers["ETag"]
    again = get(url, **{"If-None-Match": etag})
    assert again.status_code == 304
    assert again.headers["ETag"] == etag

    arrangement = ArrangementFactory(name="Live verband", slug="live-verband")
    membership_add(arrangement=arrangement, member=api_data.m["Alfa"])

    changed = get(url, **{"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed.headers["Content-Encoding"] == "gzip"
    assert changed.headers["ETag"] != etag
    body = changed.json()
    assert "Live verband" in [a["naam"] for a in body["samenwerkingsverbanden"]]
    assert {k: v for k, v in body.items() if k != "samenwerkingsverbanden"}.keys() == (
        first.json().keys() - {"samenwerkingsverbanden"}
    )
    settled = get(url, **{"If-None-Match": changed.headers["ETag"]})
    assert settled.status_code == 304
    assert settled.headers["ETag"] == changed.headers["ETag"]
