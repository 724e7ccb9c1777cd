"""The atlas with the keyboard only: the skip link, the search box with its suggestions, the
filters, the table's rows and "what is here?" from the map, with the focus always visible.

Scenario: tests/harness/scenario.py (six squares near Utrecht, seven arrangements)."""

from __future__ import annotations

import pytest

from tests.harness.atlas import open_atlas
from tests.harness.browser import focus_is_visible, focused
from tests.harness.scenario import CELL_00

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_keyboard_only(page, live, scenario):
    open_atlas(page, live, f"kaart={CELL_00}&weergave=tabel")
    page.keyboard.press("Tab")
    assert focused(page) == "Naar de inhoud"
    assert focus_is_visible(page)
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert focused(page) == "zoek"
    # search with the keyboard: arrows choose a suggestion, Enter opens it
    page.keyboard.type("Vierkant 2-0")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    assert page.get_attribute("#zoek", "aria-activedescendant") == "zoek-optie-1"
    page.keyboard.press("Enter")
    page.locator("#panel h2", has_text="Vierkant 2-0").wait_for()
    assert focused(page) == "Vierkant 2-0"  # focus moved to the panel's title
    # back to the filters: the date slider, then the themes
    page.focus("#zoek")
    page.keyboard.press("Tab")
    assert focused(page) == "peildatum"
    page.keyboard.press("Tab")
    assert focused(page).startswith("Thema's")
    page.keyboard.press("Tab")
    assert focused(page) == "thema"
    assert focus_is_visible(page)
    page.keyboard.press("Space")
    page.wait_for_function("() => new URLSearchParams(location.search).has('thema')")
    page.keyboard.press("Space")
    page.wait_for_function("() => !new URLSearchParams(location.search).has('thema')")
    # the table view's rows are buttons: Enter selects
    button = page.locator("[data-table=gemeenten] tbody button").first
    button.focus()
    name = button.inner_text()
    page.keyboard.press("Enter")
    page.locator("#panel h2", has_text=name).wait_for()
    # the map: Tab from the toolbar into the map, Enter asks "what is here?" at its centre
    page.focus("#weergave-kaart")
    page.keyboard.press("Enter")
    page.focus("#png")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.id") == "insluiten"
    page.keyboard.press("Tab")
    assert focused(page) == "map"
    page.keyboard.press("Enter")
    page.locator("#panel").get_by_text("4 samenwerkingsverbanden op dit punt").wait_for()
    # into the list of results and select one with Enter
    page.locator("#here-list button[data-action=arrangement]").first.focus()
    page.keyboard.press("Enter")
    page.wait_for_function(
        "() => new URLSearchParams(location.search).get('selectie')?.startsWith('sv:')"
    )
    page.keyboard.press("Tab")
    assert focus_is_visible(page)
    page.errors.assert_none()
