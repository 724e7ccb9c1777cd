"""``datetime`` of the OGC API (Part 1 /req/core/fc-time-response): an instant is the
peildatum; an interval gives every version of a municipality in force at some day of it (id
``code-grensJaar``, ``geldigVanaf``/``geldigTot`` of the version), and the state on its last day
for the other collections. Data: the small atlas of tests/ogc/conftest.py, with Alfa's boundary
in two versions (the 2016 layer until 2022, the 2024 layer since)."""

from __future__ import annotations

import datetime

import pytest

from collaborations.geography.models import MunicipalityBoundary
from tests.factories import MunicipalityBoundaryFactory

pytestmark = pytest.mark.django_db
ITEMS = "/collections/gemeenten/items?limit=100&datetime="


@pytest.fixture
def versions(ogc_data):
    alfa = ogc_data.m["Alfa"]
    MunicipalityBoundary.objects.filter(municipality=alfa).update(
        valid_from=datetime.date(2022, 1, 1)
    )
    MunicipalityBoundaryFactory(
        municipality=alfa,
        year=2016,
        valid_from=datetime.date(2016, 1, 1),
        valid_to=datetime.date(2022, 1, 1),
    )
    return ogc_data


def _ids(ogc, value: str) -> list[str]:
    body = ogc(ITEMS + value).body
    assert body["numberMatched"] == body["numberReturned"] == len(body["features"])
    return [feature["id"] for feature in body["features"]]


def test_closed_interval_gives_every_version_in_force(ogc, versions):
    ids = _ids(ogc, "2016-01-01/2025-01-01")
    assert ids[:2] == ["GM9101-2016", "GM9101-2024"]  # by code, then version
    assert {"GM9105-2024", "GM9106-2024", "GM9107-2024", "GM9108-2024"} <= set(ids)
    body = ogc(ITEMS + "2016-01-01/2025-01-01").body
    first = body["features"][0]["properties"]
    assert (first["geldigVanaf"], first["geldigTot"], first["grensJaar"]) == (
        "2016-01-01",
        "2022-01-01",
        2016,
    )


def test_open_intervals(ogc, versions):
    before = set(_ids(ogc, "../2018-12-31"))
    assert {"GM9105-2024", "GM9106-2024"} <= before  # Echo and Foxtrot still existed
    assert not {"GM9107-2024", "GM9108-2024"} & before  # Golf and Hotel: since 2021
    since = set(_ids(ogc, "2021-01-01/.."))
    assert {"GM9107-2024", "GM9108-2024", "GM9101-2024"} <= since
    assert not {"GM9105-2024", "GM9106-2024"} & since  # Foxtrot ended on 2021-01-01
    assert set(_ids(ogc, "2021-01-01T00:00:00Z/..")) == since


def test_instant_keeps_one_version_per_municipality(ogc, versions):
    ids = _ids(ogc, "2018-06-01")
    assert "GM9101" in ids and "GM9105" in ids and "GM9107" not in ids


def test_interval_of_arrangements_is_the_state_on_its_last_day(ogc, versions):
    path = "/collections/samenwerkingsverbanden/items?limit=100"

    def ids(query: str) -> list[str]:
        return [f["id"] for f in ogc(path + query).body["features"]]

    assert ids("&datetime=../2019-06-01") == ids("&datetime=2019-06-01")
    today = ids("")
    assert "wonen" in today and "ended" not in today  # wonen started 2020; ended ended then
    assert ids("&datetime=2019-06-01/..") == today  # an open end: today


def test_item_on_a_day_and_a_version_in_an_interval(ogc, versions):
    assert ogc("/collections/gemeenten/items/GM9105").status_code == 404  # merged in 2019
    assert ogc("/collections/gemeenten/items/GM9105?datetime=2018-06-01").status_code == 200
    old = ogc("/collections/gemeenten/items/GM9101-2016?datetime=2016-01-01/..")
    assert old.status_code == 200
    assert old.body["properties"]["grensJaar"] == 2016


@pytest.mark.parametrize(
    "value",
    ["2025-01-01/2016-01-01", "2020-13-01/..", "2020-01-01/2021-01-01/2022-01-01", "gisteren"],
)
def test_malformed_datetime_is_a_400_naming_it(ogc, versions, value):
    response = ogc(ITEMS + value)
    assert response.status_code == 400
    assert response.body["invalidParams"][0]["name"] == "datetime"


def test_temporal_extent_is_open_when_a_version_has_no_start(ogc, versions):
    extent = ogc("/collections/gemeenten").body["extent"]
    assert extent["temporal"]["interval"] == [[None, None]]  # Bravo ... have no start
