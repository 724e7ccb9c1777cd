"""The side-by-side page /vergelijken in a browser: two maps kept in step (pan and zoom), the
differences drawn on both, the table of differences by keyboard (a row outlines the
municipality on both maps and is announced), the phone layout, English, and axe-core.

Two datasets: the congruence tests' grid (tests/divisions/grid.py, answers by hand) through the
live test site, and the real data (the development database of DATABASE_URL, read only, under
its own gunicorn): the jeugdregio's of 2016 against those of 2025 list Wijdemeren among the
moved municipalities. The real-data tests are skipped where that database is not loaded."""

from __future__ import annotations

import os
from urllib.parse import parse_qs, urlparse

import pytest
import requests

from tests.divisions.grid import build_grid
from tests.harness.browser import PageErrors, axe_violations, only_site

pytestmark = [pytest.mark.browser]
GRID_QUERY = (
    "links=veiligheidsregios&peildatumLinks=2026-01-01&rechts=ggd-regios&peildatumRechts=2026-01-01"
)
PHONE = {"width": 390, "height": 844}


def open_compare(page, url: str, query: str = "") -> None:
    page.goto(f"{url}/vergelijken{('?' + query) if query else ''}")
    page.wait_for_selector("html[data-compare-ready]", timeout=30000)


def view(page, element_id: str) -> list[float]:
    """Where the first municipality lies in the map ``#element_id`` (x, y relative to the map,
    width, height in pixels): equal on two maps that show the same municipalities exactly when
    they have the same centre and zoom."""
    return page.evaluate(
        """(id) => {
            const map = document.getElementById(id).getBoundingClientRect();
            const box = document.querySelector(`#${id} .leaflet-gemeenten-pane path`)
                .getBoundingClientRect();
            return [box.x - map.x, box.y - map.y, box.width, box.height].map(Math.round);
        }""",
        element_id,
    )


# --- the grid, through the live test site ------------------------------------------------------
@pytest.fixture
def grid(transactional_db):
    return build_grid()


@pytest.mark.django_db(transaction=True)
def test_both_maps_show_the_differences_and_move_together(page, live, grid):
    open_compare(page, live.url, GRID_QUERY)
    for side in ("kaart-links", "kaart-rechts"):
        assert page.locator(f"#{side} .leaflet-gemeenten-pane path").count() == 6
        assert page.locator(f"#{side} .leaflet-netwerk-pane path").count() == 2  # A's, B's
    legend = page.locator("#kaart-legenda").inner_text()
    assert "verhuisd" in legend and "alleen grens links" in legend
    rows = page.locator("[data-table=verschillen] tbody tr")
    assert rows.all_inner_texts()[0].startswith("Gemeente 1-0")
    assert rows.count() == 2
    # pan and zoom one map: the other follows
    before = view(page, "kaart-rechts")
    assert view(page, "kaart-links") == before
    page.locator("#kaart-links").focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Equal")
    page.wait_for_timeout(800)
    after = view(page, "kaart-rechts")
    assert after != before and after[2] > before[2]  # moved and zoomed in
    assert view(page, "kaart-links") == after
    # and the other way round, with the mouse wheel on the right map
    page.locator("#kaart-rechts").hover()
    page.mouse.wheel(0, 300)
    page.wait_for_timeout(800)
    left, right = view(page, "kaart-links"), view(page, "kaart-rechts")
    assert right != after
    assert all(abs(x - y) <= 1 for x, y in zip(left, right, strict=True))  # rounding: 1 px
    page.errors.assert_none()


@pytest.mark.django_db(transaction=True)
def test_the_table_by_keyboard_outlines_the_municipality_on_both_maps(page, live, grid):
    open_compare(page, live.url, GRID_QUERY)
    first = page.locator("[data-table=verschillen] tbody tr").first
    first.focus()
    page.wait_for_function(
        "() => document.getElementById('kaart-status').textContent.includes('Gemeente 1-0')"
    )
    assert page.locator("#kaart-links path[stroke='#000000']").count() == 1
    assert page.locator("#kaart-rechts path[stroke='#000000']").count() == 1
    page.keyboard.press("ArrowDown")
    page.wait_for_function(
        "() => document.getElementById('kaart-status').textContent.includes('Gemeente 1-1')"
    )
    assert "is-selected" in page.locator("[data-table=verschillen] tbody tr").nth(1).get_attribute(
        "class"
    )
    assert page.locator("#kaart-rechts path[stroke='#000000']").count() == 1
    page.errors.assert_none()


@pytest.mark.django_db(transaction=True)
def test_the_form_and_the_permalink(page, live, grid):
    open_compare(page, live.url, GRID_QUERY)
    page.select_option("#id_rechts", "halve-indeling")
    page.get_by_role("button", name="Vergelijken").click()
    page.wait_for_selector("html[data-compare-ready]")
    query = parse_qs(urlparse(page.url).query)
    assert query["links"] == ["veiligheidsregios"] and query["rechts"] == ["halve-indeling"]
    assert "4 alleen links" in page.locator("#samenvatting").inner_text()
    page.errors.assert_none()


@pytest.mark.django_db(transaction=True)
def test_phone_width_stacks_the_maps(open_page, live, grid):
    page = open_page(viewport=PHONE, is_mobile=True, has_touch=True)
    open_compare(page, live.url, GRID_QUERY)
    left = page.locator("#kaart-links").bounding_box()
    right = page.locator("#kaart-rechts").bounding_box()
    assert right["y"] >= left["y"] + left["height"]
    assert left["width"] <= PHONE["width"]
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    assert axe_violations(page) == []


@pytest.mark.django_db(transaction=True)
def test_english_and_accessibility(page, live, grid):
    open_compare(page, live.url, GRID_QUERY)
    assert axe_violations(page) == []
    page.locator("details.counterparts summary").click()
    page.locator("[data-table=verschillen] tbody tr").first.focus()
    assert axe_violations(page) == []
    page.get_by_role("button", name="English").click()
    page.wait_for_selector("html[lang=en][data-compare-ready]")
    assert page.get_by_role("button", name="Compare").count() == 1
    page.errors.assert_none()


# --- the real data, read from the development database -----------------------------------------
@pytest.fixture(scope="module")
def real_site(tmp_path_factory):
    from tests.harness.processes import Gunicorn, site_env, unique_queue

    database_url = os.environ.get("DATABASE_URL", "")
    if not database_url:
        pytest.skip("no DATABASE_URL with the real data")
    logs = tmp_path_factory.mktemp("real")
    env = site_env(
        database_url=database_url,
        cache_url=os.environ.get("CACHE_URL", "rediscache://127.0.0.1:6379/15"),
        broker_url=os.environ.get("CELERY_BROKER_URL", "redis://127.0.0.1:6379/15"),
        queue=unique_queue(),
    )
    server = Gunicorn(env, logs / "gunicorn.log")
    try:
        server.start()
    except RuntimeError as exc:  # no such database, or it cannot be served
        pytest.skip(f"the real-data site did not start: {str(exc)[:200]}")
    try:
        check = requests.get(
            f"{server.url}/api/v1/congruentie/verschillen?a=jeugdregios&b=jeugdregios"
            "&peildatumA=2016-01-01",
            timeout=60,
        )
        if check.status_code != 200:
            pytest.skip("the real data (jeugdregio's of 2016 and 2025) is not loaded")
        yield server
    finally:
        server.stop()


@pytest.fixture
def real_page(browser, real_site):
    context = browser.new_context(locale="nl-NL", viewport={"width": 1400, "height": 900})
    context.set_default_timeout(30000)
    only_site(context, real_site.url)
    page = context.new_page()
    page.errors = PageErrors()
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    yield page
    context.close()


@pytest.mark.realdata
def test_real_jeugdregios_2016_against_2025_list_wijdemeren(real_page, real_site):
    page = real_page
    open_compare(page, real_site.url)  # the defaults: jeugdregio's 2016 against today's
    assert page.locator("#id_links").input_value() == "jeugdregios"
    assert page.locator("#id_peildatumLinks").input_value() == "2016-01-01"
    row = page.locator("[data-table=verschillen] tbody tr[data-code=GM1696]")
    assert row.locator("th").inner_text() == "Wijdemeren"
    texts = row.locator("td").all_inner_texts()
    assert texts[:2] == ["Jeugdregio Utrecht West", "Jeugdregio Gooi en Vechtstreek"]
    assert texts[3] == "verhuisd"
    # 390 municipalities of 2016 on the left, 342 of today on the right
    assert page.locator("#kaart-links .leaflet-gemeenten-pane path").count() == 390
    assert page.locator("#kaart-rechts .leaflet-gemeenten-pane path").count() == 342
    row.focus()
    page.wait_for_function(
        "() => document.getElementById('kaart-status').textContent.includes('Wijdemeren')"
    )
    assert page.locator("#kaart-links path[stroke='#000000']").count() == 1
    assert page.locator("#kaart-rechts path[stroke='#000000']").count() == 1
    assert axe_violations(page) == []
    page.errors.assert_none()


@pytest.mark.realdata
def test_real_ggd_against_veiligheidsregios(real_page, real_site):
    page = real_page
    open_compare(
        page,
        real_site.url,
        "links=ggd-regios&peildatumLinks=2026-01-01&rechts=veiligheidsregios"
        "&peildatumRechts=2026-01-01",
    )
    names = page.locator("[data-table=verschillen] tbody th").all_inner_texts()
    assert "Tilburg" in names
    assert axe_violations(page) == []
    page.errors.assert_none()
