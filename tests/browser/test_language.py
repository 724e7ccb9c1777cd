"""The language switch in a browser: the atlas and the statistics page in English and back
in Dutch.

Scenario: tests/harness/scenario.py (six squares near Utrecht, seven arrangements)."""

from __future__ import annotations

import pytest

from tests.harness.atlas import open_atlas

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_english_switch(page, live, scenario):
    open_atlas(page, live)
    assert page.locator("html").get_attribute("lang") == "nl"
    page.get_by_role("button", name="English").click()
    page.wait_for_selector("html[lang=en][data-atlas-ready]")
    assert page.locator("#layers-title").inner_text() == "Map layers"
    assert page.get_by_label("Housing", exact=True).count() == 1
    assert page.get_by_role("button", name="Table").count() == 1
    page.focus("#map")
    page.keyboard.press("Enter")
    page.locator("#panel h2", has_text="What is here?").wait_for()
    page.get_by_role("link", name="Statistics").click()
    assert page.locator("h1").inner_text() == "Statistics of regional cooperation"
    page.get_by_role("button", name="Nederlands").click()
    page.wait_for_selector("html[lang=nl]")
    assert page.locator("h1").inner_text() == "Statistieken van de regionale samenwerking"
