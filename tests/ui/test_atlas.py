"""The atlas in a browser: map layers, filters, "what is here?", panels, profiles, permalinks,
exports, the English switch, keyboard use and an accessibility scan (axe-core).

Dataset: tests/ui/conftest.py (six squares near Utrecht, seven arrangements)."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pytest

from .conftest import axe_violations, cell_code, open_atlas

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The centre of cell (0, 0), covered by GR West, Netwerk West, Netwerk Alles and the region.
CELL_00 = "11/52.025/5.025"


def query_of(page) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query)


def municipality_counts(page) -> dict[str, int]:
    """{municipality name: count} from the table view."""
    rows = page.locator("[data-table=gemeenten] tbody tr")
    rows.first.wait_for()
    counts = {}
    for i in range(rows.count()):
        cells = rows.nth(i).locator("th, td")
        counts[cells.nth(0).inner_text().strip()] = int(cells.nth(2).inner_text())
    return counts


def wait_for_counts(page, name: str, expected: int) -> dict[str, int]:
    page.wait_for_function(
        """([name, expected]) => [...document.querySelectorAll('[data-table=gemeenten] tbody tr')]
            .some(tr => tr.cells[0].innerText.trim() === name && Number(tr.cells[2].innerText) === expected)""",
        arg=[name, expected],
    )
    return municipality_counts(page)


def arrangement_names(page) -> list[str]:
    page.wait_for_selector("[data-table=samenwerkingsverbanden] table")
    return page.locator("[data-table=samenwerkingsverbanden] tbody th").all_inner_texts()


def wait_for_arrangements(page, expected: list[str]) -> None:
    page.wait_for_function(
        """(expected) => {
            const names = [...document.querySelectorAll('[data-table=samenwerkingsverbanden] tbody th')]
              .map(th => th.innerText.trim());
            return JSON.stringify(names) === JSON.stringify(expected);
        }""",
        arg=sorted(expected),
    )


# --- the map ---------------------------------------------------------------------------------
def test_map_loads_all_layers(page, live, atlas_data):
    tiles = []
    page.on(
        "response",
        lambda r: tiles.append(r.status) if "/tegels/samenwerkingsverbanden/" in r.url else None,
    )
    open_atlas(page, live, "lagen=gemeenten,provincies,gebieden,netwerk&drempel=1")
    assert page.locator(".leaflet-gemeenten-pane path").count() == 6
    assert page.locator(".leaflet-provincies-pane path").count() == 2
    # the overlappendeken: vector tiles on canvas, never one big GeoJSON
    assert page.locator(".leaflet-gebieden-pane canvas").count() >= 1
    assert 200 in tiles
    painted = page.evaluate(
        """() => [...document.querySelectorAll('.leaflet-gebieden-pane canvas')].some(c => {
            const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
            for (let i = 3; i < d.length; i += 4) if (d[i] > 0) return true;
            return false; })"""
    )
    assert painted, "the footprint tiles drew nothing"
    assert page.locator(".leaflet-netwerk-pane canvas").count() == 1
    legend = page.locator(".legend").inner_text()
    for text in ("Aantal samenwerkingsverbanden", "Provinciegrenzen", "Wgr", "Gedeelde"):
        assert text in legend
    # no base map on this machine: a notice, and the atlas works on
    page.wait_for_selector("text=Achtergrondkaart niet bereikbaar")
    # BRE: offered only when a run exists (none here): the layer is disabled with a note
    assert page.locator("#laag-bre").is_disabled()
    assert "nog geen BRE" in page.locator("#bre-note").inner_text()
    page.errors.assert_none()


def test_each_filter_changes_map_and_table(page, live, atlas_data):
    tile_queries = []
    page.on(
        "request",
        lambda r: (
            tile_queries.append(r.url) if "/tegels/samenwerkingsverbanden/" in r.url else None
        ),
    )
    # every arrangement counted (the switch "Tel ook de regio's van officiële indelingen"; the
    # default counts cooperations only: test_count_choropleth_counts_cooperations_by_default)
    open_atlas(page, live, "weergave=tabel&lagen=gemeenten,provincies,gebieden&telling=alles")
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


def legend_section(page) -> tuple[str, list[str]]:
    """(title, labels) of the legend's section of the municipalities."""
    section = page.locator(".legend h3").first
    return section.inner_text(), page.locator(".legend ul").first.locator("li").all_inner_texts()


def test_count_choropleth_counts_cooperations_by_default(page, live, atlas_data):
    open_atlas(page, live, "weergave=tabel")
    # the region of the test's veiligheidsregio (all six squares) is not counted
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
    page.get_by_label("Tel ook de regio's van officiële indelingen").check()
    page.wait_for_function("() => new URLSearchParams(location.search).get('telling') === 'alles'")
    page.wait_for_function(
        "() => [...document.querySelectorAll('.legend li')].some(li => li.innerText.startsWith('4 ('))"
    )
    title, labels = legend_section(page)
    assert title == "Aantal samenwerkingsverbanden per gemeente"
    assert labels == ["0\u20133 (2 gemeenten)", "4 (4 gemeenten)"]
    href = page.locator("[data-export='gemeenten:csv']").get_attribute("href")
    assert "zonderIndeling" not in parse_qs(urlparse(href).query)
    # a division chosen in the filters is counted, whatever the switch says
    page.get_by_label("Tel ook de regio's van officiële indelingen").uncheck()
    page.select_option("#indeling", "test-veiligheidsregios")
    page.locator("#weergave-tabel").click()
    wait_for_counts(page, "Vierkant 2-0", 1)
    page.errors.assert_none()


def test_what_is_here_lists_every_overlapping_arrangement(page, live, atlas_data):
    open_atlas(page, live, f"kaart={CELL_00}&lagen=gemeenten,provincies,gebieden")
    box = page.locator("#map").bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    panel = page.locator("#panel")
    panel.get_by_text("4 samenwerkingsverbanden op dit punt").wait_for()
    names = panel.locator("#here-list button[data-action=arrangement]").all_inner_texts()
    # grouped by theme: Netwerk Alles appears under both of its themes
    assert sorted(set(names)) == [
        "GR West",
        "Netwerk Alles",
        "Netwerk West",
        "Veiligheidsregio Test",
    ]
    groups = panel.locator("#here-list .group__title").all_inner_texts()
    assert any(g.startswith("Wonen") for g in groups) and any(g.startswith("Afval") for g in groups)
    assert "Vierkant 0-0" in panel.locator(".panel__where").inner_text()
    assert "punt=" in page.url and f"selectie=gm%3A{cell_code(0, 0)}" in page.url

    # grouped by legal form
    panel.get_by_role("button", name="Per rechtsvorm").click()
    groups = panel.locator("#here-list .group__title").all_inner_texts()
    assert sorted(g.split(" (")[0] for g in groups) == ["Netwerk", "Wgr"]
    assert "groep=rechtsvorm" in page.url

    # selecting one highlights its footprint and its members
    panel.get_by_role("button", name="GR West").first.click()
    panel.locator("h2", has_text="GR West").wait_for()
    page.wait_for_function(
        "() => document.querySelectorAll('.leaflet-selectie-pane path').length >= 2"
    )  # the footprint plus the "what is here?" marker
    members = panel.locator(".members").inner_text()
    assert "Vierkant 0-0" in members and "Vierkant 0-1" in members
    highlighted = page.locator(".leaflet-gemeenten-pane path[stroke='#ffb612']").count()
    assert highlighted == 2
    assert "selectie=sv%3A" in page.url
    # back to the list
    panel.get_by_role("button", name="Wat is hier?").click()
    panel.get_by_text("4 samenwerkingsverbanden op dit punt").wait_for()
    page.errors.assert_none()


def test_municipality_panel(page, live, atlas_data):
    open_atlas(page, live)
    page.fill("#zoek", "Vierkant 1-")
    page.locator("#zoek-lijst [role=option]", has_text="Vierkant 1-1").click()
    panel = page.locator("#panel")
    panel.locator("h2", has_text="Vierkant 1-1").wait_for()
    section = panel.locator("#panel-gemeente")
    assert "Meest gedeeld met" in section.inner_text()
    partners = section.locator(".partners li").all_inner_texts()
    assert partners and partners[0].startswith("Vierkant 1-0")  # shares 3 arrangements
    assert "Veiligheidsregio Test" in section.locator(".regions").inner_text()
    assert section.get_by_role("link", name=re.compile("Profielpagina")).get_attribute("href") == (
        f"/gemeenten/{cell_code(1, 1)}"
    )
    names = panel.locator("button[data-action=arrangement]").all_inner_texts()
    assert set(names) == {
        "Netwerk Alles",
        "Stichting Midden",
        "Nieuw Verband",
        "Veiligheidsregio Test",
    }
    # a partner opens its own panel
    section.get_by_role("button", name="Vierkant 1-0").click()
    panel.locator("h2", has_text="Vierkant 1-0").wait_for()
    assert f"selectie=gm%3A{cell_code(1, 0)}" in page.url
    page.errors.assert_none()


# --- pages -------------------------------------------------------------------------------------
def test_profile_pages(page, live, atlas_data):
    page.goto(f"{live.url}/gemeenten/{cell_code(0, 0)}")
    assert page.locator("h1").inner_text() == "Gemeente Vierkant 0-0"
    table = page.locator("#verbanden ~ div table, section[aria-labelledby=verbanden] table")
    assert table.locator("tbody tr").count() == 4
    assert page.locator("#grafiek-per-thema svg rect").count() >= 4
    assert "Vierkant 1-0" in page.locator("section[aria-labelledby=partners]").inner_text()
    page.wait_for_selector("html[data-small-map-ready]")

    # an arrangement by slug redirects to its canonical id-slug URL
    region = atlas_data["arrangements"]["gr-west"]
    page.goto(f"{live.url}/samenwerkingsverbanden/gr-west")
    assert page.url.endswith(f"/samenwerkingsverbanden/{region.pk}-gr-west")
    assert page.locator("h1").inner_text() == "GR West"
    facts = page.locator(".facts").first.inner_text()
    assert "Openbaar lichaam" in facts and "Afval" in facts and "ja" in facts
    members = page.locator("section[aria-labelledby=leden] tbody tr")
    assert members.count() == 2
    assert "Deelnemer" in members.first.inner_text()
    assert "Beschrijving van GR West." in page.locator(".description").inner_text()
    assert page.locator("section[aria-labelledby=herkomst]").is_visible()
    page.wait_for_selector("html[data-small-map-ready]")
    # printable: the header and the buttons disappear in print
    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible()
    assert not page.get_by_role("button", name="Afdrukken").is_visible()
    page.emulate_media(media="screen")
    page.errors.assert_none()


def test_statistics_page(page, live, atlas_data):
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


# --- permalinks and exports ------------------------------------------------------------------------
def _state_of(page) -> dict:
    return page.evaluate(
        """() => ({
            themes: [...document.querySelectorAll('input[name=thema]:checked')].map(i => i.value),
            mandatory: document.querySelector('input[name=verplicht]:checked').value,
            date: document.querySelector('#peildatum-waarde').textContent,
            layers: [...document.querySelectorAll('input[name=laag]:checked')].map(i => i.value),
            style: document.querySelector('#stijl').value,
            threshold: document.querySelector('#drempel').value,
            panel: document.querySelector('#panel h2')?.textContent || '',
            table: !document.querySelector('#table-view').hidden,
        })"""
    )


def test_permalink_round_trip(page, browser, live, atlas_data):
    open_atlas(page, live, f"kaart={CELL_00}")
    page.get_by_label("Wonen", exact=True).check()
    page.get_by_label("Gebieden van samenwerkingsverbanden (overlappendeken)").check()
    page.select_option("#stijl", "thema")
    page.get_by_label("Netwerk van gedeelde samenwerkingsverbanden").check()
    page.focus("#drempel")
    page.keyboard.press("ArrowLeft")  # 5 -> 4
    page.focus("#peildatum")
    page.keyboard.press("ArrowLeft")  # today -> 1 January of this year
    page.keyboard.press("ArrowLeft")  # -> a year earlier
    box = page.locator("#map").bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.locator("#panel").get_by_role("button", name="Netwerk West").first.click()
    page.locator("#panel h2", has_text="Netwerk West").wait_for()
    page.wait_for_function(
        "() => new URLSearchParams(location.search).get('selectie')?.startsWith('sv:')"
    )
    before = _state_of(page)
    url = page.url
    query = query_of(page)
    assert query["thema"] == ["wonen"] and query["stijl"] == ["thema"] and query["drempel"] == ["4"]
    assert "gebieden" in query["lagen"][0] and "netwerk" in query["lagen"][0]

    other = browser.new_context(locale="nl-NL", viewport={"width": 1400, "height": 900})
    other.route(
        "**/*", lambda r: r.continue_() if r.request.url.startswith(live.url) else r.abort()
    )
    second = other.new_page()
    second.goto(url)
    second.wait_for_selector("html[data-atlas-ready]")
    second.locator("#panel h2", has_text="Netwerk West").wait_for()
    assert _state_of(second) == before
    assert parse_qs(urlparse(second.url).query) == query  # the URL is kept as it was
    other.close()


def test_export_links_carry_the_filters(page, live, atlas_data):
    open_atlas(page, live, "thema=afval&verplicht=true")
    page.locator("summary", has_text="Downloaden").click()
    links = {
        link.get_attribute("data-export"): link.get_attribute("href")
        for link in page.locator("[data-export]").all()
    }
    assert set(links) >= {
        "samenwerkingsverbanden:csv",
        "samenwerkingsverbanden:xlsx",
        "samenwerkingsverbanden:geojson",
        "gemeenten:csv",
        "netwerk:csv",
    }
    for key, href in links.items():
        query = parse_qs(urlparse(href).query)
        assert query["thema"] == ["afval"] and query["verplicht"] == ["true"], key
        assert query["formaat"] == [key.split(":")[1]]
    response = page.request.get(live.url + links["samenwerkingsverbanden:csv"])
    assert response.status == 200
    assert "GR West" in response.text() and "Netwerk West" not in response.text()
    geojson = page.request.get(live.url + links["gemeenten:geojson"]).json()
    assert len(geojson["features"]) == 6
    # the map view as a PNG, drawn from the map's own layers
    with page.expect_download() as download:
        page.get_by_role("button", name="Kaart als PNG").click()
    png = download.value
    assert png.suggested_filename.endswith(".png")
    data = open(png.path(), "rb").read()  # noqa: SIM115 - a temporary file of Playwright
    assert data.startswith(b"\x89PNG") and len(data) > 5000
    # print of the map view
    page.emulate_media(media="print")
    assert not page.locator(".atlas__sidebar").is_visible()
    assert page.locator("#map").is_visible()


# --- language, keyboard, accessibility ---------------------------------------------------------------
def test_english_switch(page, live, atlas_data):
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


def _focused(page) -> str:
    return page.evaluate(
        "() => { const e = document.activeElement; return (e.id || e.name || e.textContent || e.tagName).trim(); }"
    )


def _focus_is_visible(page) -> bool:
    return page.evaluate(
        "() => getComputedStyle(document.activeElement).outlineStyle !== 'none'"
        " || getComputedStyle(document.activeElement).boxShadow !== 'none'"
    )


def test_keyboard_only(page, live, atlas_data):
    open_atlas(page, live, f"kaart={CELL_00}&weergave=tabel")
    page.keyboard.press("Tab")
    assert _focused(page) == "Naar de inhoud"
    assert _focus_is_visible(page)
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert _focused(page) == "zoek"
    # search with the keyboard: arrows choose a suggestion, Enter opens it
    page.keyboard.type("Vierkant 2-0")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    assert page.get_attribute("#zoek", "aria-activedescendant") == "zoek-optie-1"
    page.keyboard.press("Enter")
    page.locator("#panel h2", has_text="Vierkant 2-0").wait_for()
    assert _focused(page) == "Vierkant 2-0"  # focus moved to the panel's title
    # back to the filters: the date slider, then the themes
    page.focus("#zoek")
    page.keyboard.press("Tab")
    assert _focused(page) == "peildatum"
    page.keyboard.press("Tab")
    assert _focused(page).startswith("Thema's")
    page.keyboard.press("Tab")
    assert _focused(page) == "thema"
    assert _focus_is_visible(page)
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
    assert _focused(page) == "map"
    page.keyboard.press("Enter")
    page.locator("#panel").get_by_text("4 samenwerkingsverbanden op dit punt").wait_for()
    # into the list of results and select one with Enter
    page.locator("#here-list button[data-action=arrangement]").first.focus()
    page.keyboard.press("Enter")
    page.wait_for_function(
        "() => new URLSearchParams(location.search).get('selectie')?.startsWith('sv:')"
    )
    page.keyboard.press("Tab")
    assert _focus_is_visible(page)
    page.errors.assert_none()


def test_accessibility_scan(page, live, atlas_data):
    open_atlas(page, live, f"kaart={CELL_00}&lagen=gemeenten,provincies,gebieden")
    box = page.locator("#map").bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.locator("#panel").get_by_text("4 samenwerkingsverbanden op dit punt").wait_for()
    assert axe_violations(page) == []
    page.locator("#weergave-tabel").click()
    page.wait_for_selector("[data-table=samenwerkingsverbanden] table")
    assert axe_violations(page) == []
    page.goto(f"{live.url}/gemeenten/{cell_code(0, 0)}")
    assert axe_violations(page) == []
    arrangement = atlas_data["arrangements"]["netwerk-alles"]
    page.goto(f"{live.url}/samenwerkingsverbanden/{arrangement.pk}-{arrangement.slug}")
    assert axe_violations(page) == []
    page.goto(f"{live.url}/statistieken")
    assert axe_violations(page) == []


def test_bre_layer_from_a_run(page, live, atlas_data):
    """The BRE layer as soon as a run exists. The bre-analyses endpoints are answered by the test
    (their contract as atlas_api/views/bre.py sends it: a list of runs with a status and a
    default one, clusters as GeoJSON with nummer, label and stabiliteitGemiddeld, and cluster,
    clusterLabel + stabiliteit per municipality; only finished runs are offered)."""

    def polygon(cols):
        """The cells of ``cols`` (both rows), as in tests/factories.square."""
        rings = []
        for col in cols:
            x0, x1 = 5.0 + 0.05 * col, 5.05 + 0.05 * col
            rings.append([[[x0, 52.0], [x1, 52.0], [x1, 52.1], [x0, 52.1], [x0, 52.0]]])
        return {"type": "MultiPolygon", "coordinates": rings}

    runs = {
        "totaal": 2,
        "bre-analyses": [
            {"id": 8, "status": "bezig", "standaard": False},
            {"id": 7, "status": "klaar", "standaard": True, "aantalClusters": 2},
        ],
    }
    clusters = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "id": 1,
                "geometry": polygon([0, 1]),
                "properties": {
                    "nummer": 1,
                    "label": "West",
                    "stabiliteitGemiddeld": 0.95,
                    "aantalGemeenten": 4,
                },
            },
            {
                "type": "Feature",
                "id": 2,
                "geometry": polygon([2]),
                "properties": {
                    "nummer": 2,
                    "label": "Oost",
                    "stabiliteitGemiddeld": 0.55,
                    "aantalGemeenten": 2,
                },
            },
        ],
    }
    members = {
        "gemeenten": [
            {
                "code": cell_code(col, row),
                "cluster": 1 if col < 2 else 2,
                "clusterLabel": "West" if col < 2 else "Oost",
                "stabiliteit": 0.9,
            }
            for col in range(3)
            for row in range(2)
        ]
    }
    page.route("**/api/v1/bre-analyses?*", lambda r: r.fulfill(json=runs))
    page.route("**/api/v1/bre-analyses/7/clusters*", lambda r: r.fulfill(json=clusters))
    page.route("**/api/v1/bre-analyses/7/gemeenten*", lambda r: r.fulfill(json=members))
    open_atlas(page, live, f"kaart={CELL_00}&lagen=gemeenten,bre&weergave=tabel")
    assert page.locator("#laag-bre").is_enabled()
    assert page.locator("#run").input_value() == "7"
    table = page.locator("[data-table=bre]")
    table.locator("tbody tr").nth(1).wait_for()
    assert "West" in table.inner_text() and "Oost" in table.inner_text()
    page.locator("#weergave-kaart").click()
    assert page.locator(".leaflet-bre-pane path").count() == 2
    assert page.locator(".leaflet-bre-pane path[stroke-dasharray]").count() == 1  # unstable
    assert "BRE" in page.locator(".legend").inner_text()
    page.fill("#zoek", "Vierkant 2-1")
    page.get_by_role("option", name="Vierkant 2-1 gemeente").click()
    page.locator("#panel-gemeente", has_text="Cluster Oost").wait_for()
    page.errors.assert_none()
