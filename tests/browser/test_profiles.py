"""The profile pages of a municipality and an arrangement in a browser: their tables, charts
and small maps, the canonical URL, and the print view.

Scenario: tests/harness/scenario.py (six squares near Utrecht, seven arrangements)."""

from __future__ import annotations

import pytest

from tests.harness.scenario import cell_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_profile_pages(page, live, scenario):
    page.goto(f"{live.url}/gemeenten/{cell_code(0, 0)}")
    assert page.locator("h1").inner_text() == "Gemeente Vierkant 0-0"
    table = page.locator("#verbanden ~ div table, section[aria-labelledby=verbanden] table")
    assert table.locator("tbody tr").count() == 4
    assert page.locator("#grafiek-per-thema svg rect").count() >= 4
    assert "Vierkant 1-0" in page.locator("section[aria-labelledby=partners]").inner_text()
    page.wait_for_selector("html[data-small-map-ready]")

    # an arrangement by slug redirects to its canonical id-slug URL
    region = scenario.arrangements["gr-west"]
    page.goto(f"{live.url}/samenwerkingsverbanden/gr-west")
    assert page.url.endswith(f"/samenwerkingsverbanden/{region.pk}-gr-west")
    assert page.locator("h1").inner_text() == "GR West"
    facts = page.locator(".facts").first.inner_text()
    assert "Openbaar lichaam" in facts and "Afval" in facts and "ja" in facts
    members = page.locator("section[aria-labelledby=leden] tbody tr")
    assert members.count() == 2
    assert "Deelnemer" in members.first.inner_text()
    assert "Beschrijving van GR West." in page.locator(".description").inner_text()
    assert page.locator("section[aria-labelledby=herkomst]").is_visible()
    page.wait_for_selector("html[data-small-map-ready]")
    # printable: the header and the buttons disappear in print
    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible()
    assert not page.get_by_role("button", name="Afdrukken").is_visible()
    page.emulate_media(media="screen")
    page.errors.assert_none()
