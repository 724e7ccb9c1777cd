""" "What is here?" in a browser: a click on the map lists every arrangement that covers the
point, grouped by theme or legal form; choosing one highlights its footprint and members.

Scenario: tests/harness/scenario.py (six squares near Utrecht, seven arrangements)."""

from __future__ import annotations

import pytest

from tests.harness.atlas import open_atlas
from tests.harness.scenario import CELL_00, cell_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_what_is_here_lists_every_overlapping_arrangement(page, live, scenario):
    open_atlas(page, live, f"kaart={CELL_00}&lagen=gemeenten,provincies,gebieden")
    box = page.locator("#map").bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    panel = page.locator("#panel")
    panel.get_by_text("4 samenwerkingsverbanden op dit punt").wait_for()
    names = panel.locator("#here-list button[data-action=arrangement]").all_inner_texts()
    # grouped by theme: Netwerk Alles appears under both of its themes
    assert sorted(set(names)) == [
        "GR West",
        "Netwerk Alles",
        "Netwerk West",
        "Veiligheidsregio Test",
    ]
    groups = panel.locator("#here-list .group__title").all_inner_texts()
    assert any(g.startswith("Wonen") for g in groups) and any(g.startswith("Afval") for g in groups)
    assert "Vierkant 0-0" in panel.locator(".panel__where").inner_text()
    assert "punt=" in page.url and f"selectie=gm%3A{cell_code(0, 0)}" in page.url

    # grouped by legal form
    panel.get_by_role("button", name="Per rechtsvorm").click()
    groups = panel.locator("#here-list .group__title").all_inner_texts()
    assert sorted(g.split(" (")[0] for g in groups) == ["Netwerk", "Wgr"]
    assert "groep=rechtsvorm" in page.url

    # selecting one highlights its footprint and its members
    panel.get_by_role("button", name="GR West").first.click()
    panel.locator("h2", has_text="GR West").wait_for()
    page.wait_for_function(
        "() => document.querySelectorAll('.leaflet-selectie-pane path').length >= 2"
    )  # the footprint plus the "what is here?" marker
    members = panel.locator(".members").inner_text()
    assert "Vierkant 0-0" in members and "Vierkant 0-1" in members
    highlighted = page.locator(".leaflet-gemeenten-pane path[stroke='#ffb612']").count()
    assert highlighted == 2
    assert "selectie=sv%3A" in page.url
    # back to the list
    panel.get_by_role("button", name="Wat is hier?").click()
    panel.get_by_text("4 samenwerkingsverbanden op dit punt").wait_for()
    page.errors.assert_none()
