"""Saved maps in a real browser through gunicorn: a user saves the atlas as it is, reopens it
in the same state, shares it, and an anonymous visitor opens the share link in that state."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth import get_user_model

from collaborations.arrangements.models import Theme
from collaborations.arrangements.services.footprints import arrangement_footprints_recompute
from collaborations.geography.services.lineage import lineage_rebuild
from collaborations.maps.models import SavedMap
from collaborations.tiles.services import tile_geometry_rebuild
from tests.factories import (
    ArrangementFactory,
    MembershipFactory,
    MunicipalityBoundaryFactory,
    MunicipalityFactory,
    ProvinceFactory,
    square,
)
from tests.harness.browser import axe_violations, only_site

pytestmark = [pytest.mark.browser, pytest.mark.live]
PASSWORD = "Kaarten-geheim-123"
STATE = "lagen=gemeenten,gebieden&thema=jeugd&weergave=tabel"


@pytest.fixture
def atlas(live):
    """Two grid cells near Utrecht (tests/factories.square: 0.05 degree squares from 5.0E
    52.0N) and one jeugd arrangement of both, with footprints and tile geometry."""
    province = ProvinceFactory(code="PV26", name="Utrecht", geom=square(0, 0, size=2))
    cells = [
        MunicipalityFactory(
            code=f"GM97{i:02d}", name=f"Kaartdorp {i}", province=province, geom=square(i, 0)
        )
        for i in range(2)
    ]
    for cell in cells:
        MunicipalityBoundaryFactory(municipality=cell, year=2024)
    arrangement = ArrangementFactory(name="Jeugdregio Kaart")
    arrangement.themes.set([Theme.objects.get(slug="jeugd")])
    for cell in cells:
        MembershipFactory(arrangement=arrangement, municipality=cell)
    lineage_rebuild()
    arrangement_footprints_recompute()
    tile_geometry_rebuild()
    user = get_user_model().objects.create_user("kaartmaker", password=PASSWORD)
    return live, user


def query(url: str) -> dict:
    return parse_qs(urlsplit(url).query)


def test_save_reopen_and_share_a_map(browser, atlas):
    live, user = atlas
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15000)
    only_site(context, live.url)
    page = context.new_page()
    page.goto(f"{live.url}/account/inloggen")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.goto(f"{live.url}/?{STATE}")
    page.wait_for_selector("html[data-atlas-ready]", timeout=20000)
    page.click("#kaart-opslaan")
    page.wait_for_url("**/kaarten?toestand=*")
    assert axe_violations(page) == []
    page.fill("input[name=name]", "Jeugd in tabel")
    page.click("form[action='/kaarten'] button[type=submit]")
    page.wait_for_selector("text=Jeugd in tabel")
    saved = SavedMap.objects.get(owner=user)
    assert query("/?" + saved.state) == query("/?" + STATE)

    page.click("a:text('Jeugd in tabel')")
    page.wait_for_selector("html[data-atlas-ready]", timeout=20000)
    assert query(page.url) == query("/?" + STATE)
    assert page.locator("#weergave-tabel").get_attribute("aria-pressed") == "true"

    page.goto(f"{live.url}/kaarten")
    page.click("button:has-text('Delen')")
    link = page.locator("input.share-url").first.input_value()
    assert "/kaart/" in link
    context.close()

    visitor = browser.new_context(locale="nl-NL")
    only_site(visitor, live.url)
    anonymous = visitor.new_page()
    anonymous.goto(link)
    anonymous.wait_for_selector("html[data-atlas-ready]", timeout=20000)
    assert query(anonymous.url) == query("/?" + STATE)
    assert anonymous.locator("#kaart-opslaan").count() == 0  # not logged in: no saving
    visitor.close()


def test_printed_map_states_its_peildatum_layers_filters_and_sources(browser, atlas):
    live, _user = atlas
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    only_site(context, live.url)
    page = context.new_page()
    page.goto(f"{live.url}/?lagen=gemeenten,gebieden&stijl=thema&thema=jeugd&peildatum=2025-06-01")
    page.wait_for_selector("html[data-atlas-ready]", timeout=20000)
    assert not page.locator("#map-context").is_visible()  # on screen the page says it already
    page.emulate_media(media="print")
    lines = page.locator("#map-context p").all_inner_texts()
    assert lines[0] == "Peildatum: 2025-06-01"
    assert "Gebieden per thema" in lines[1]
    assert lines[2] == "Filters: Thema's: Jeugd"
    assert lines[3].startswith("Bronnen: CBS / PDOK")
    assert page.locator("#map-context").is_visible()
    context.close()
