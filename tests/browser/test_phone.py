"""The atlas on a phone (390 x 844 CSS pixels, touch): the map fills the width, the filters fold
away above it and open from their summary, the table view and the panel work, nothing scrolls
sideways, and the page passes axe-core.

Scenario: tests/harness/scenario.py (six squares near Utrecht, seven arrangements)."""

from __future__ import annotations

import pytest

from tests.harness.atlas import open_atlas
from tests.harness.browser import axe_violations
from tests.harness.scenario import CELL_00, cell_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(open_page):
    return open_page(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)


def _no_sideways_scroll(page) -> bool:
    return page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")


def test_phone_map_filters_and_table(phone, live, scenario):
    page = phone
    open_atlas(page, live)
    assert _no_sideways_scroll(page)
    # the map spans the screen and draws the municipalities
    box = page.locator("#map").bounding_box()
    assert box["width"] >= PHONE["width"] - 40 and box["height"] >= 250
    assert page.locator(".leaflet-gemeenten-pane path").count() == 6
    # the filters are folded away above the map, and open from their summary
    details = page.locator("#sidebar-details")
    assert details.get_attribute("open") is None
    assert not page.get_by_label("Afval", exact=True).is_visible()
    page.locator(".sidebar-details__summary").tap()
    afval = page.get_by_label("Afval", exact=True)
    afval.scroll_into_view_if_needed()
    afval.tap()
    page.wait_for_function("() => new URLSearchParams(location.search).get('thema') === 'afval'")
    assert _no_sideways_scroll(page)
    # the table view: the same data, usable by touch
    toggle = page.locator("#weergave-tabel")
    toggle.scroll_into_view_if_needed()
    toggle.tap()
    rows = page.locator("[data-table=gemeenten] tbody tr")
    rows.first.wait_for()
    assert rows.count() == 6
    page.wait_for_function(
        """() => [...document.querySelectorAll('[data-table=samenwerkingsverbanden] tbody th')]
            .map(th => th.innerText.trim()).join() === 'GR West'"""
    )
    first = page.locator("[data-table=gemeenten] tbody button").first
    name = first.inner_text()
    first.tap()
    panel = page.locator("#panel")
    panel.locator("h2", has_text=name).wait_for()
    assert panel.is_visible()
    assert _no_sideways_scroll(page)
    assert axe_violations(page) == []
    page.errors.assert_none()


def test_phone_what_is_here(phone, live, scenario):
    page = phone
    open_atlas(page, live, f"kaart={CELL_00}")
    box = page.locator("#map").bounding_box()
    page.touchscreen.tap(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    panel = page.locator("#panel")
    panel.get_by_text("4 samenwerkingsverbanden op dit punt").wait_for()
    assert f"selectie=gm%3A{cell_code(0, 0)}" in page.url
    panel.locator("h2").scroll_into_view_if_needed()
    assert panel.locator("h2").is_visible()
    panel.get_by_role("button", name="GR West").first.tap()
    panel.locator("h2", has_text="GR West").wait_for()
    assert _no_sideways_scroll(page)
    assert axe_violations(page) == []
    page.errors.assert_none()
