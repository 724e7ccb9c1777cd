"""The atlas's filters in a browser: theme, legal form family, mandatory, division, province,
date and text search, each changing the map (tile requests), the table and the URL.

Scenario: tests/harness/scenario.py (six squares near Utrecht, seven arrangements)."""

from __future__ import annotations

import pytest

from tests.harness.atlas import (
    arrangement_names,
    municipality_counts,
    open_atlas,
    query_of,
    wait_for_arrangements,
    wait_for_counts,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_each_filter_changes_map_and_table(page, live, scenario):
    tile_queries = []
    page.on(
        "request",
        lambda r: (
            tile_queries.append(r.url) if "/tegels/samenwerkingsverbanden/" in r.url else None
        ),
    )
    # every arrangement counted (the switch "Tel ook de regio's van officiële indelingen"; the
    # default counts cooperations only: tests/browser/test_choropleth.py); the display mode Vlak
    # draws the vector tiles, whose requests carry the filters
    open_atlas(
        page, live, "weergave=tabel&lagen=gemeenten,provincies,gebieden&telling=alles&modus=vlak"
    )
    counts = municipality_counts(page)
    assert counts == {
        "Vierkant 0-0": 4,
        "Vierkant 1-0": 4,
        "Vierkant 1-1": 4,
        "Vierkant 2-1": 4,
        "Vierkant 0-1": 3,
        "Vierkant 2-0": 3,
    }
    assert len(arrangement_names(page)) == 7

    # theme
    page.get_by_label("Afval", exact=True).check()
    counts = wait_for_counts(page, "Vierkant 1-0", 0)
    assert counts["Vierkant 0-0"] == 1
    wait_for_arrangements(page, ["GR West"])
    assert query_of(page)["thema"] == ["afval"]
    page.wait_for_function("() => true")
    assert any("thema=afval" in url for url in tile_queries)
    page.get_by_label("Afval", exact=True).uncheck()
    wait_for_counts(page, "Vierkant 1-0", 4)

    # legal form family
    page.locator("summary", has_text="Rechtsvorm").click()
    page.get_by_label("Privaatrechtelijk", exact=False).first.check()
    counts = wait_for_counts(page, "Vierkant 0-0", 0)
    assert counts["Vierkant 1-1"] == 1
    wait_for_arrangements(page, ["Stichting Midden"])
    assert any("rechtsvormFamilie=privaatrechtelijk" in url for url in tile_queries)
    page.get_by_label("Privaatrechtelijk", exact=False).first.uncheck()

    # mandatory
    page.get_by_label("Verplicht", exact=True).check()
    wait_for_counts(page, "Vierkant 0-0", 2)
    wait_for_arrangements(page, ["GR Oost", "GR West", "Veiligheidsregio Test"])
    assert query_of(page)["verplicht"] == ["true"]
    page.get_by_label("Alle", exact=True).check()

    # division
    page.select_option("#indeling", "test-veiligheidsregios")
    wait_for_counts(page, "Vierkant 0-0", 1)
    wait_for_arrangements(page, ["Veiligheidsregio Test"])
    page.select_option("#indeling", "__geen__")
    wait_for_counts(page, "Vierkant 0-0", 3)
    assert query_of(page)["zonderIndeling"] == ["true"]
    page.select_option("#indeling", "")

    # kind: this atlas has no statistical division; then nothing is left
    page.get_by_label("Statistische indelingen").check()
    wait_for_counts(page, "Vierkant 0-0", 0)
    assert query_of(page)["soort"] == ["statistisch"]
    assert any("soort=statistisch" in url for url in tile_queries)
    page.get_by_label("Statistische indelingen").uncheck()
    wait_for_counts(page, "Vierkant 0-0", 4)

    # province: the map and the table show only its municipalities
    page.select_option("#provincie", "PV27")
    page.wait_for_function(
        "() => document.querySelectorAll('[data-table=gemeenten] tbody tr').length === 2"
    )
    assert set(municipality_counts(page)) == {"Vierkant 2-0", "Vierkant 2-1"}
    page.wait_for_function(
        "() => document.querySelectorAll('.leaflet-gemeenten-pane path').length === 2"
    )
    page.select_option("#provincie", "")

    # date: on 1 January 2015 "Nieuw Verband" (since 2020) did not exist yet
    page.focus("#peildatum")
    page.keyboard.press("Home")
    wait_for_counts(page, "Vierkant 1-1", 3)
    assert query_of(page)["peildatum"] == ["2015-01-01"]
    assert "2015" in page.locator("#peildatum-waarde").inner_text()
    assert "Nieuw Verband" not in arrangement_names(page)
    page.keyboard.press("End")
    wait_for_counts(page, "Vierkant 1-1", 4)

    # text search (Enter in the search box filters arrangements by name)
    page.fill("#zoek", "Stichting")
    page.press("#zoek", "Enter")
    wait_for_arrangements(page, ["Stichting Midden"])
    assert query_of(page)["zoek"] == ["Stichting"]
    assert any("zoek=Stichting" in url for url in tile_queries)
    page.errors.assert_none()
