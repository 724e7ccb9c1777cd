"""The display modes of the overlappendeken (issue 16 part 1): *Grenzen* (each arrangement's
outline in the colour of the server's graph colouring), *Overlap* (the count choropleth under
the outlines) and *Vlak* (the fills), with axe and the keyboard.

No browser test loads the real data (the live site serves the transactional test database),
so the browser part runs on the scenario (tests/harness/scenario.py) with the theme Jeugd
given to four arrangements that border and overlap each other (GR West, Stichting Midden,
Nieuw Verband, GR Oost); the colouring of the real jeugdregio's is checked through the API in
tests/divisions/test_realdata_divisions.py."""

from __future__ import annotations

import re
from itertools import combinations

import pytest
import requests

from collaborations.arrangements.models import Arrangement, Theme
from tests.harness.atlas import open_atlas
from tests.harness.browser import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
KLEUREN = "/api/v1/samenwerkingsverbanden/kleuren"
JEUGD = ("gr-west", "stichting-midden", "nieuw-verband", "gr-oost")
QUERY = "thema=jeugd&lagen=gemeenten,gebieden&kaart=9/52.03/5.05"


@pytest.fixture
def jeugd(live, scenario):
    """The scenario with four arrangements of the theme Jeugd: {slug: arrangement}."""
    theme = Theme.objects.get(slug="jeugd")
    ids = {scenario.arrangements[slug].pk: slug for slug in JEUGD}
    chosen = {ids[a.pk]: a for a in Arrangement.objects.filter(pk__in=ids)}  # with footprints
    for arrangement in chosen.values():
        arrangement.themes.add(theme)
    live.clear_cache()
    return chosen


def neighbours(arrangements) -> set[frozenset[int]]:
    """Pairs of arrangements whose footprints overlap (a shared interior) or share a border
    (a shared line), from their geometries (DE-9IM), independently of the server's SQL."""
    pairs = set()
    for a, b in combinations(arrangements, 2):
        relation = a.footprint.relate(b.footprint)
        if relation[0] == "2" or relation[4] == "1":
            pairs.add(frozenset((a.pk, b.pk)))
    return pairs


def rgb(hex_colour: str) -> str:
    """ "#0072B2" as the browser computes it: "rgb(0, 114, 178)"."""
    value = hex_colour.lstrip("#")
    return "rgb({}, {}, {})".format(*(int(value[i : i + 2], 16) for i in (0, 2, 4)))


def drawn_outlines(page) -> dict[int, tuple[str, str]]:
    """{arrangement id: (computed stroke colour, dash array)} of the drawn outlines."""
    page.wait_for_selector(".leaflet-grenzen-pane path[data-samenwerkingsverband]")
    return {
        int(key): tuple(value)
        for key, value in page.evaluate(
            """() => Object.fromEntries([...document.querySelectorAll(
                '.leaflet-grenzen-pane path[data-samenwerkingsverband]')].map(p => [
                p.dataset.samenwerkingsverband,
                [getComputedStyle(p).stroke, p.getAttribute('stroke-dasharray') || '']]))"""
        ).items()
    }


def test_grenzen_gives_every_region_its_own_colour_apart_from_its_neighbours(page, live, jeugd):
    colouring = requests.get(f"{live.url}{KLEUREN}?thema=jeugd&geometrie=false", timeout=30)
    colouring.raise_for_status()
    rows = {row["id"]: row for row in colouring.json()["kleuren"]}
    assert set(rows) == {a.pk for a in jeugd.values()}
    pairs = neighbours(list(jeugd.values()))
    assert len(pairs) >= 4  # the test means something: a chain that needs three colours
    style = {aid: (row["kleurcode"], row["streepjes"] or "") for aid, row in rows.items()}
    for pair in pairs:
        a, b = sorted(pair)
        assert style[a] != style[b], (a, b)
        assert rows[a]["kleur"] != rows[b]["kleur"]

    open_atlas(page, live, QUERY)  # the default mode is Grenzen
    assert page.locator("input[name=modus][value=grenzen]").is_checked()
    drawn = drawn_outlines(page)
    # each region its own drawn feature, in the server's palette colour
    assert set(drawn) == set(rows)
    for aid, (stroke, dash) in drawn.items():
        assert stroke == rgb(rows[aid]["kleurcode"]), aid
        assert re.sub(r"[ ,]+", " ", dash).strip() == (rows[aid]["streepjes"] or "")
    for pair in pairs:
        a, b = sorted(pair)
        assert drawn[a] != drawn[b], (a, b)
    # the legend lists the regions as buttons
    buttons = page.locator(".legend button.legend__item")
    assert buttons.count() == len(rows)
    assert axe_violations(page) == []
    page.errors.assert_none()


def test_overlap_classes_each_hold_a_tenth_of_the_municipalities(page, live, jeugd):
    open_atlas(page, live, QUERY + "&modus=overlap")
    drawn_outlines(page)  # the outlines over the choropleth
    page.wait_for_function(
        "() => [...document.querySelectorAll('.legend li')].some(li => /\\(\\d+ gemeenten?\\)/"
        ".test(li.innerText))",
        timeout=20000,
    )
    labels = page.locator(".legend li").all_inner_texts()
    sizes = [int(m.group(1)) for text in labels if (m := re.search(r"\((\d+) gemeenten?\)", text))]
    shown = page.locator(".leaflet-gemeenten-pane path").count()
    assert shown == 6 and sum(sizes) == shown
    assert len(sizes) >= 2
    assert all(size >= 0.1 * shown for size in sizes), labels
    assert axe_violations(page) == []
    page.errors.assert_none()


def test_vlak_is_accessible_and_the_mode_is_kept_in_the_permalink(page, live, jeugd):
    open_atlas(page, live, QUERY)
    page.locator("input[name=modus][value=vlak]").check()
    page.wait_for_function("() => new URLSearchParams(location.search).get('modus') === 'vlak'")
    page.wait_for_selector(".leaflet-gebieden-pane canvas")
    assert page.locator(".leaflet-grenzen-pane path").count() == 0
    assert axe_violations(page) == []
    page.errors.assert_none()


def test_the_legend_buttons_highlight_and_select_by_keyboard(page, live, jeugd):
    open_atlas(page, live, QUERY)
    drawn_outlines(page)
    target = jeugd["stichting-midden"]
    button = page.locator(f".legend button[data-target='{target.pk}']")
    path = page.locator(f".leaflet-grenzen-pane path[data-samenwerkingsverband='{target.pk}']")
    normal = float(path.get_attribute("stroke-width"))
    # Tab from the button before it: focus, not a mouse, highlights
    buttons = page.locator(".legend button.legend__item")
    index = [buttons.nth(i).get_attribute("data-target") for i in range(buttons.count())].index(
        str(target.pk)
    )
    if index:
        buttons.nth(index - 1).focus()
        page.keyboard.press("Tab")
    else:
        button.focus()
    assert page.evaluate("() => document.activeElement.dataset.target") == str(target.pk)
    page.wait_for_function(
        "([sel, w]) => Number(document.querySelector(sel).getAttribute('stroke-width')) > w",
        arg=[f".leaflet-grenzen-pane path[data-samenwerkingsverband='{target.pk}']", normal],
    )
    page.wait_for_function(
        "(name) => document.getElementById('atlas-status').innerText.includes(name)",
        arg=target.name,
    )
    # Enter selects it: the panel shows the arrangement
    page.keyboard.press("Enter")
    page.locator("#panel").get_by_text(target.name).first.wait_for()
    page.errors.assert_none()
