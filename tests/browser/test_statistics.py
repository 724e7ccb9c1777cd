"""The statistics page in a browser: every chart with its table, and the filter without the
regions of official divisions.

Scenario: tests/harness/scenario.py (six squares near Utrecht, seven arrangements)."""

from __future__ import annotations

import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_statistics_page(page, live, scenario):
    page.goto(f"{live.url}/statistieken")
    assert page.locator("h1").inner_text() == "Statistieken van de regionale samenwerking"
    for chart in (
        "rechtsvormfamilie",
        "rechtsvorm",
        "thema",
        "leden",
        "themas-per-verband",
        "provincie",
    ):
        figure = page.locator(f"#grafiek-{chart}")
        assert figure.locator("svg").count() == 1
        assert figure.locator("table tbody tr").count() >= 1
    families = page.locator("#grafiek-rechtsvormfamilie tbody").inner_text()
    assert re.search(r"Wgr[^\n]*\t3", families)
    assert "7" in page.locator(".card").first.inner_text()
    page.get_by_label("Zonder de regio's van officiële indelingen").check()
    page.get_by_role("button", name="Toepassen").click()
    page.wait_for_url(re.compile("zonderIndeling=true"))
    assert "6" in page.locator(".card").first.inner_text()
