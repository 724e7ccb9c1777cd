"""The map page's critical path in a browser (issue 16): its ``<link rel="modulepreload">``
list (atlas_web/templatetags/modules.py) is exactly the set of modules the page loads for the
default view, so no module waits for the one that imports it; Leaflet.VectorGrid is loaded
only when footprints are drawn as vector tiles; each first API request goes out once, sent by
start.js before the controllers ask for it.

Scenario: tests/harness/scenario.py (six squares near Utrecht)."""

from __future__ import annotations

import pytest

from tests.harness.atlas import open_atlas

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCRIPTS = """() => performance.getEntriesByType('resource')
  .map((e) => new URL(e.name).pathname).filter((path) => path.endsWith('.js'))"""
PRELOADS = """() => [...document.querySelectorAll('link[rel=modulepreload]')]
  .map((link) => new URL(link.href).pathname)"""
API = """() => performance.getEntriesByType('resource').map((e) => new URL(e.name))
  .filter((url) => url.pathname.startsWith('/api/')).map((url) => url.pathname + url.search)"""


def test_the_preloads_are_the_modules_of_the_default_view(page, live, scenario):
    open_atlas(page, live)
    preloads = page.evaluate(PRELOADS)
    assert len(preloads) == len(set(preloads))
    assert "/static/atlas/start.js" in preloads and "/static/atlas/main.js" in preloads
    assert set(page.evaluate(SCRIPTS)) == set(preloads)
    assert not any("vectorgrid" in path.lower() for path in preloads)
    assert page.errors == []


def test_vector_grid_is_loaded_when_footprints_are_filled(page, live, scenario):
    open_atlas(page, live, "lagen=gemeenten,provincies,gebieden&modus=vlak")
    loaded = page.evaluate(SCRIPTS)
    assert any(path.endswith("Leaflet.VectorGrid.bundled.min.js") for path in loaded)
    assert page.locator(".leaflet-gebieden-pane canvas").count() >= 1
    assert page.errors == []


def test_each_first_api_request_goes_out_once(page, live, scenario):
    open_atlas(page, live, "lagen=gemeenten,provincies,netwerk&drempel=1")
    requests = page.evaluate(API)
    assert len(requests) == len(set(requests)), requests
    for resource in ("/api/v1/gemeenten?", "/api/v1/provincies?", "/api/v1/bre-analyses?"):
        assert any(path.startswith(resource) for path in requests), resource
    assert any(path.startswith("/api/v1/netwerk?") for path in requests)
