"""A printed map states its context: the peildatum, the layers and how areas are drawn, the
active filters in words and the sources (the PNG's caption is made by the same function,
data/context.js, tested by node)."""

from __future__ import annotations

import pytest

from tests.harness.atlas import open_atlas

pytestmark = [pytest.mark.browser]


def test_printed_map_states_its_peildatum_layers_filters_and_sources(page, live, scenario):
    open_atlas(page, live, "lagen=gemeenten,gebieden&stijl=thema&thema=jeugd&peildatum=2025-06-01")
    assert not page.locator("#map-context").is_visible()  # on screen the page says it already
    page.emulate_media(media="print")
    lines = page.locator("#map-context p").all_inner_texts()
    assert lines[0] == "Peildatum: 2025-06-01"
    assert "Gebieden per thema" in lines[1]
    assert lines[2] == "Filters: Thema's: Jeugd"
    assert lines[3].startswith("Bronnen: CBS / PDOK")
    assert page.locator("#map-context").is_visible()
