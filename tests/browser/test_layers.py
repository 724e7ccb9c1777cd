"""The atlas's map layers in a browser: municipalities, provinces, the footprints as vector
tiles on canvas, the network, the legend; no base map (offline) and no BRE run yet.

Scenario: tests/harness/scenario.py (six squares near Utrecht, seven arrangements)."""

from __future__ import annotations

import pytest

from tests.harness.atlas import open_atlas

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_map_loads_all_layers(page, live, scenario):
    tiles = []
    page.on(
        "response",
        lambda r: tiles.append(r.status) if "/tegels/samenwerkingsverbanden/" in r.url else None,
    )
    open_atlas(page, live, "lagen=gemeenten,provincies,gebieden,netwerk&drempel=1&modus=vlak")
    assert page.locator(".leaflet-gemeenten-pane path").count() == 6
    assert page.locator(".leaflet-provincies-pane path").count() == 2
    # the overlappendeken: vector tiles on canvas, never one big GeoJSON
    assert page.locator(".leaflet-gebieden-pane canvas").count() >= 1
    assert 200 in tiles
    painted = page.evaluate(
        """() => [...document.querySelectorAll('.leaflet-gebieden-pane canvas')].some(c => {
            const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
            for (let i = 3; i < d.length; i += 4) if (d[i] > 0) return true;
            return false; })"""
    )
    assert painted, "the footprint tiles drew nothing"
    assert page.locator(".leaflet-netwerk-pane canvas").count() == 1
    legend = page.locator(".legend").inner_text()
    for text in ("Aantal samenwerkingsverbanden", "Provinciegrenzen", "Wgr", "Gedeelde"):
        assert text in legend
    # no base map on this machine: a notice, and the atlas works on
    page.wait_for_selector("text=Achtergrondkaart niet bereikbaar")
    # BRE: offered only when a run exists (none here): the layer is disabled with a note
    assert page.locator("#laag-bre").is_disabled()
    assert "nog geen BRE" in page.locator("#bre-note").inner_text()
    page.errors.assert_none()
