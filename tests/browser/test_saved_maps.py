"""Saved maps ("Mijn kaarten"): a user saves the atlas as it is, reopens it in the same state,
shares it, and an anonymous visitor opens the share link in that state."""

from __future__ import annotations

from urllib.parse import parse_qs

import pytest

from collaborations.maps.models import SavedMap
from tests.harness.atlas import open_atlas, query_of
from tests.harness.browser import axe_violations

pytestmark = [pytest.mark.browser]
STATE = "lagen=gemeenten,gebieden&thema=jeugd&weergave=tabel"


def test_save_reopen_and_share_a_map(open_page, live, scenario):
    user = scenario.users["gemeente"]
    page = open_page(user)
    open_atlas(page, live, STATE)
    page.click("#kaart-opslaan")
    page.wait_for_url("**/kaarten?toestand=*")
    assert axe_violations(page) == []
    page.fill("input[name=name]", "Jeugd in tabel")
    page.click("form[action='/kaarten'] button[type=submit]")
    page.wait_for_selector("text=Jeugd in tabel")
    assert parse_qs(SavedMap.objects.get(owner=user).state) == parse_qs(STATE)

    page.click("a:text('Jeugd in tabel')")
    page.wait_for_selector("html[data-atlas-ready]", timeout=20000)
    assert query_of(page) == parse_qs(STATE)
    assert page.locator("#weergave-tabel").get_attribute("aria-pressed") == "true"

    page.goto(f"{live.url}/kaarten")
    page.click("button:has-text('Delen')")
    link = page.locator("input.share-url").first.input_value()
    assert "/kaart/" in link

    visitor = open_page()
    visitor.goto(link)
    visitor.wait_for_selector("html[data-atlas-ready]", timeout=20000)
    assert query_of(visitor) == parse_qs(STATE)
    assert visitor.locator("#kaart-opslaan").count() == 0  # not logged in: no saving
