"""The count choropleth: it counts cooperations by default (not the regions of official
divisions), with natural-breaks classes and the number of municipalities per class in the
legend; a switch counts the divisions too and is kept in the URL.

Scenario: tests/harness/scenario.py (six squares near Utrecht, seven arrangements, one of them
the region of a division that covers every square)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest

from tests.harness.atlas import open_atlas, wait_for_counts

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SWITCH = "Tel ook de regio's van officiële indelingen"


def legend_section(page) -> tuple[str, list[str]]:
    """(title, labels) of the legend's section of the municipalities."""
    section = page.locator(".legend h3").first
    return section.inner_text(), page.locator(".legend ul").first.locator("li").all_inner_texts()


def test_count_choropleth_counts_cooperations_by_default(page, live, scenario):
    open_atlas(page, live, "weergave=tabel")
    # the region of the scenario's veiligheidsregio (all six squares) is not counted
    counts = wait_for_counts(page, "Vierkant 0-0", 3)
    assert counts == {
        "Vierkant 0-0": 3,
        "Vierkant 1-0": 3,
        "Vierkant 1-1": 3,
        "Vierkant 2-1": 3,
        "Vierkant 0-1": 2,
        "Vierkant 2-0": 2,
    }
    page.locator("#weergave-kaart").click()
    title, labels = legend_section(page)
    assert "zonder regio's van officiële indelingen" in title
    # natural breaks, each class with its number of municipalities
    assert labels == ["0\u20132 (2 gemeenten)", "3 (4 gemeenten)"]  # an en dash
    page.locator("summary", has_text="Downloaden").click()
    href = page.locator("[data-export='gemeenten:csv']").get_attribute("href")
    assert parse_qs(urlparse(href).query)["zonderIndeling"] == ["true"]
    # the switch counts the official divisions' regions too, and is kept in the URL
    page.get_by_label(SWITCH).check()
    page.wait_for_function(
        "() => new URLSearchParams(location.search).get('telling') === 'alles'", timeout=20000
    )
    page.wait_for_function(
        "() => [...document.querySelectorAll('.legend li')].some(li => li.innerText.startsWith('4 ('))",
        timeout=20000,
    )
    title, labels = legend_section(page)
    assert title == "Aantal samenwerkingsverbanden per gemeente"
    assert labels == ["0\u20133 (2 gemeenten)", "4 (4 gemeenten)"]
    href = page.locator("[data-export='gemeenten:csv']").get_attribute("href")
    assert "zonderIndeling" not in parse_qs(urlparse(href).query)
    # a division chosen in the filters is counted, whatever the switch says
    page.get_by_label(SWITCH).uncheck()
    page.select_option("#indeling", "test-veiligheidsregios")
    page.locator("#weergave-tabel").click()
    wait_for_counts(page, "Vierkant 2-0", 1)
    page.errors.assert_none()
