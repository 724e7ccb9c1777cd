"""The arrangement index of the map's search box and theme colours (/zoekindex, issue 16): not
in the map page's HTML but fetched as JSON, with an ETag per data version. The browser tests
of the search box (tests/browser/test_keyboard.py, test_panel.py) use it as the page does."""

from __future__ import annotations

import json

import pytest

from collaborations.core.services.versioning import data_version_bump
from tests.factories import ArrangementFactory, ThemeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def arrangements(db):
    # two published arrangements and a draft (names only: no geometry is needed)
    jeugd = ThemeFactory(slug="jeugd", name="Jeugd")
    west = ArrangementFactory(name="GR West", slug="gr-west", short_name="GRW", themes=[jeugd])
    oost = ArrangementFactory(name="Netwerk Oost", slug="netwerk-oost")
    ArrangementFactory(name="Concept", slug="concept", publication_status="concept")
    return west, oost


def test_the_map_page_carries_the_address_of_the_index_not_the_index(client, arrangements):
    html = client.get("/").content.decode()
    config = json.loads(html.split('id="atlas-config" type="application/json">')[1].split("<")[0])
    assert "arrangements" not in config
    assert config["arrangementIndex"].startswith("/zoekindex?versie=")
    assert "GR West" not in html


def test_the_index_as_json_with_an_etag_per_data_version(
    client, arrangements, django_assert_max_num_queries
):
    west, oost = arrangements
    response = client.get("/zoekindex")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Cache-Control"] == "public, max-age=3600, must-revalidate"
    assert json.loads(response.content) == [
        [west.pk, "gr-west", "GR West", "GRW", ["jeugd"]],
        [oost.pk, "netwerk-oost", "Netwerk Oost", "", []],
    ]
    etag = response["ETag"]
    # a current validator: 304 from the data version alone (one query), weak or strong
    for tag in (etag, f"W/{etag}"):
        with django_assert_max_num_queries(1):
            again = client.get("/zoekindex", HTTP_IF_NONE_MATCH=tag)
        assert again.status_code == 304
    data_version_bump()
    changed = client.get("/zoekindex", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag


def test_the_index_is_read_only(client, arrangements):
    assert client.post("/zoekindex").status_code == 405
