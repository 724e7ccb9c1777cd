"""The country is a filter (`land`), not a fork: the municipality layer, its table and the
permalink follow it, and the map moves to the country (issue 13, item 6).

Scenario: tests/harness/scenario.py, plus one Flemish municipality."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from collaborations.geography.services.lineage import lineage_rebuild
from tests.factories import MunicipalityBoundaryFactory, MunicipalityFactory, square
from tests.harness.atlas import municipality_counts, open_atlas, query_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_switching_to_flanders(page, live, scenario):
    aalst = MunicipalityFactory(code="BE41002", name="Aalst", country="be", geom=square(4, 3))
    MunicipalityBoundaryFactory(municipality=aalst, year=2025)
    lineage_rebuild()
    cache.clear()
    open_atlas(page, live, "weergave=tabel&lagen=gemeenten")
    assert len(municipality_counts(page)) == 6
    page.select_option("#land", "be")
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-table=gemeenten] tbody th')]"
        ".map(th => th.innerText.trim()).join() === 'Aalst'"
    )
    assert query_of(page)["land"] == ["be"]
    page.select_option("#land", "nl")
    page.wait_for_function(
        "() => document.querySelectorAll('[data-table=gemeenten] tbody tr').length === 6"
    )
    assert "land" not in query_of(page)
    page.errors.assert_none()
