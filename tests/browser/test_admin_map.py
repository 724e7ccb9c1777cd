"""The admin's map of the current municipalities in a browser, without the base map (offline):
the layer draws all of them, the table lists them, and the page stays usable by keyboard.

Scenario: tests/harness/scenario.py (six current municipalities near Utrecht; ``beheerder`` is
the administrator); the test adds one merged away, which the map leaves out."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from tests.factories import MunicipalityFactory, square

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_map_draws_the_layer_without_base_map_tiles(open_page, live, scenario):
    MunicipalityFactory(
        code="GM0333",
        name="Maarssen",
        province=scenario.cells[0, 0].province,
        valid_to=datetime.date(2011, 1, 1),
        geom=square(0, 2),
    )  # merged away: not on the map of the current municipalities
    page = open_page(scenario.users["beheerder"])  # offline: the base map tiles fail
    page.goto(f"{live.url}{reverse('admin:collaborations_municipality_map')}")
    page.wait_for_selector('#gemeentekaart[data-features="6"]')

    assert page.locator("#gemeentekaart path.leaflet-interactive").count() == 6
    assert page.locator(".admin-map-table tbody tr").count() == 6
    page.keyboard.press("Tab")  # the page stays usable by keyboard
