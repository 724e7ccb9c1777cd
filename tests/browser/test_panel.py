"""The municipality panel in a browser: found through the search box, its partners (most shared
first), its regions and arrangements; a partner opens its own panel.

Scenario: tests/harness/scenario.py (six squares near Utrecht, seven arrangements)."""

from __future__ import annotations

import re

import pytest

from tests.harness.atlas import open_atlas
from tests.harness.scenario import cell_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_municipality_panel(page, live, scenario):
    open_atlas(page, live)
    page.fill("#zoek", "Vierkant 1-")
    page.locator("#zoek-lijst [role=option]", has_text="Vierkant 1-1").click()
    panel = page.locator("#panel")
    panel.locator("h2", has_text="Vierkant 1-1").wait_for()
    section = panel.locator("#panel-gemeente")
    assert "Meest gedeeld met" in section.inner_text()
    partners = section.locator(".partners li").all_inner_texts()
    assert partners and partners[0].startswith("Vierkant 1-0")  # shares 3 arrangements
    assert "Veiligheidsregio Test" in section.locator(".regions").inner_text()
    assert section.get_by_role("link", name=re.compile("Profielpagina")).get_attribute("href") == (
        f"/gemeenten/{cell_code(1, 1)}"
    )
    names = panel.locator("button[data-action=arrangement]").all_inner_texts()
    assert set(names) == {
        "Netwerk Alles",
        "Stichting Midden",
        "Nieuw Verband",
        "Veiligheidsregio Test",
    }
    # a partner opens its own panel
    section.get_by_role("button", name="Vierkant 1-0").click()
    panel.locator("h2", has_text="Vierkant 1-0").wait_for()
    assert f"selectie=gm%3A{cell_code(1, 0)}" in page.url
    page.errors.assert_none()
