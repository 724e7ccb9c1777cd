"""The permalink in a browser: every part of the atlas's state (filters, layers, style,
threshold, date, the selection) goes into the URL and comes back from it in a new browser.

Scenario: tests/harness/scenario.py (six squares near Utrecht, seven arrangements)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest

from tests.harness.atlas import open_atlas, query_of
from tests.harness.scenario import CELL_00

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _state_of(page) -> dict:
    return page.evaluate(
        """() => ({
            themes: [...document.querySelectorAll('input[name=thema]:checked')].map(i => i.value),
            mandatory: document.querySelector('input[name=verplicht]:checked').value,
            date: document.querySelector('#peildatum-waarde').textContent,
            layers: [...document.querySelectorAll('input[name=laag]:checked')].map(i => i.value),
            style: document.querySelector('#stijl').value,
            threshold: document.querySelector('#drempel').value,
            panel: document.querySelector('#panel h2')?.textContent || '',
            table: !document.querySelector('#table-view').hidden,
        })"""
    )


def test_permalink_round_trip(page, open_page, live, scenario):
    open_atlas(page, live, f"kaart={CELL_00}")
    page.get_by_label("Wonen", exact=True).check()
    page.get_by_label("Gebieden van samenwerkingsverbanden (overlappendeken)").check()
    page.select_option("#stijl", "thema")
    page.get_by_label("Netwerk van gedeelde samenwerkingsverbanden").check()
    page.focus("#drempel")
    page.keyboard.press("ArrowLeft")  # 5 -> 4
    page.focus("#peildatum")
    page.keyboard.press("ArrowLeft")  # today -> 1 January of this year
    page.keyboard.press("ArrowLeft")  # -> a year earlier
    box = page.locator("#map").bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.locator("#panel").get_by_role("button", name="Netwerk West").first.click()
    page.locator("#panel h2", has_text="Netwerk West").wait_for()
    page.wait_for_function(
        "() => new URLSearchParams(location.search).get('selectie')?.startsWith('sv:')"
    )
    before = _state_of(page)
    url = page.url
    query = query_of(page)
    assert query["thema"] == ["wonen"] and query["stijl"] == ["thema"] and query["drempel"] == ["4"]
    assert "gebieden" in query["lagen"][0] and "netwerk" in query["lagen"][0]

    second = open_page()  # a new browser context: nothing shared but the URL
    second.goto(url)
    second.wait_for_selector("html[data-atlas-ready]", timeout=20000)
    second.locator("#panel h2", has_text="Netwerk West").wait_for()
    assert _state_of(second) == before
    assert parse_qs(urlparse(second.url).query) == query  # the URL is kept as it was
