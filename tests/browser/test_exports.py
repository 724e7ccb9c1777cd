"""Downloads in a browser: the export links carry the filters (CSV, XLSX, GeoJSON), the map as
a PNG, and the print view of the map.

Scenario: tests/harness/scenario.py (six squares near Utrecht, seven arrangements)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest

from tests.harness.atlas import open_atlas

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_export_links_carry_the_filters(page, live, scenario):
    open_atlas(page, live, "thema=afval&verplicht=true")
    page.locator("summary", has_text="Downloaden").click()
    links = {
        link.get_attribute("data-export"): link.get_attribute("href")
        for link in page.locator("[data-export]").all()
    }
    assert set(links) >= {
        "samenwerkingsverbanden:csv",
        "samenwerkingsverbanden:xlsx",
        "samenwerkingsverbanden:geojson",
        "gemeenten:csv",
        "netwerk:csv",
    }
    for key, href in links.items():
        query = parse_qs(urlparse(href).query)
        assert query["thema"] == ["afval"] and query["verplicht"] == ["true"], key
        assert query["formaat"] == [key.split(":")[1]]
    response = page.request.get(live.url + links["samenwerkingsverbanden:csv"])
    assert response.status == 200
    assert "GR West" in response.text() and "Netwerk West" not in response.text()
    geojson = page.request.get(live.url + links["gemeenten:geojson"]).json()
    assert len(geojson["features"]) == 6
    # the map view as a PNG, drawn from the map's own layers
    with page.expect_download() as download:
        page.get_by_role("button", name="Kaart als PNG").click()
    png = download.value
    assert png.suggested_filename.endswith(".png")
    data = open(png.path(), "rb").read()  # noqa: SIM115 - a temporary file of Playwright
    assert data.startswith(b"\x89PNG") and len(data) > 5000
    # print of the map view
    page.emulate_media(media="print")
    assert not page.locator(".atlas__sidebar").is_visible()
    assert page.locator("#map").is_visible()
