"""The congruence page in a browser through the live server: the default comparison (the
veiligheidsregio's against the division that fits them best), the map of shared and crossing
borders from the API, the tables, choosing another pair, the permalink, the heatmap by
keyboard, the downloads, English, and an accessibility scan (axe-core).

Dataset: the congruence tests' grid (tests/divisions/grid.py: six squares near Utrecht, four
divisions in force, a BRE run), not the browser scenario: comparing partitions needs several
divisions, and the grid's docstring computes the expected answers by hand."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest

from tests.divisions.grid import build_grid
from tests.harness.browser import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def grid(transactional_db):
    return build_grid()


def open_congruence(page, live, query: str = "") -> None:
    page.goto(f"{live.url}/congruentie{('?' + query) if query else ''}")
    page.wait_for_selector("html[data-congruence-ready]", timeout=20000)


def measure(page, key: str) -> str:
    return page.locator(f"[data-table=maten] tr[data-maat={key}] td.num").inner_text()


def test_the_default_comparison_with_its_map_and_tables(page, live, grid):
    open_congruence(page, live)
    assert page.locator("#id_a").input_value() == "veiligheidsregios"
    # B: the best fit among divisions sharing at least half of A's municipalities (the half
    # division fits trivially and is passed over)
    assert page.locator("#id_b").input_value() == "overlap-indeling"
    assert page.locator("h2#maten-titel").inner_text() == (
        "Veiligheidsregio's (2024) tegen Overlappende indeling (2024)"
    )
    assert measure(page, "ari") == "0,324"  # 1.2 / 3.7, docs of tests/divisions/grid.py
    assert page.locator("[data-table=maten] tbody tr").count() == 5
    # the map: six municipalities, the border classes as lines, and a legend that names them
    assert page.locator(".leaflet-gemeenten-pane path").count() == 6
    assert page.locator(".leaflet-grenzen-pane path").count() >= 1
    legend = page.locator("#kaart-legenda").inner_text()
    assert "doorsnijdend" in legend and "grens van A en B" in legend
    # the ranking of A against every division, the closest first
    ranking = page.locator("[data-table=ranglijst] tbody th").all_inner_texts()
    assert ranking == [
        "Halve indeling (2024)",
        "Overlappende indeling (2024)",
        "GGD-regio's (2024)",
    ]
    assert page.locator("[data-table=heatmap] tbody tr").count() == 4
    page.errors.assert_none()


def test_choosing_a_pair_and_the_permalink(page, live, grid):
    open_congruence(page, live)
    page.select_option("#id_b", "ggd-regios")
    page.get_by_role("button", name="Vergelijken").click()
    page.wait_for_selector("html[data-congruence-ready]")
    query = parse_qs(urlparse(page.url).query)
    assert query["a"] == ["veiligheidsregios"] and query["b"] == ["ggd-regios"]
    assert measure(page, "ari") == "0,242"  # 0.8 / 3.3
    rows = page.locator("[data-table=regios] tbody tr")
    assert rows.count() == 2
    west = page.locator("[data-table=regios] tbody tr", has_text="VR-West")
    assert "doorsnijdend" in west.inner_text()
    assert "GGD-West (2); GGD-Midden (1)" in west.inner_text()
    assert "Gemeente 1-0" in west.inner_text()  # on the wrong side
    # per municipality: the neighbours A and B treat differently
    page.locator("details.separations summary").click()
    rows = page.locator("[data-table=buren] tbody tr")
    m10 = rows.filter(has=page.locator("th", has_text="Gemeente 1-0"))
    assert m10.locator("td").all_inner_texts() == ["Gemeente 0-0", "Gemeente 1-1"]
    assert rows.count() == 4  # m00, m10, m11 and m21
    # the map shows the three border classes
    legend = page.locator("#kaart-legenda").inner_text()
    for text in ("grens van A en B", "alleen grens van A", "alleen grens van B"):
        assert text in legend
    # the permalink opens the same comparison in a new page
    url = page.url
    other = page.context.new_page()
    other.goto(url)
    other.wait_for_selector("html[data-congruence-ready]")
    assert other.locator("#id_b").input_value() == "ggd-regios"
    assert other.locator("[data-table=maten] tr[data-maat=ari] td.num").inner_text() == "0,242"
    other.close()
    page.errors.assert_none()


def test_a_bre_run_and_the_provinces_are_partitions_too(page, live, grid):
    open_congruence(page, live, "a=bre%3Astandaard&b=provincies")
    assert page.locator("#id_a").input_value() == "bre:standaard"
    assert "BRE-clusters (standaardanalyse)" in page.locator("h2#maten-titel").inner_text()
    assert page.locator("[data-table=regios] tbody tr").count() == 2
    page.errors.assert_none()


def test_the_heatmap_by_keyboard(page, live, grid):
    open_congruence(page, live, "a=ggd-regios&b=veiligheidsregios")
    current = page.locator("[data-table=heatmap] a[aria-current]")
    assert current.get_attribute("tabindex") == "0"
    assert page.locator("[data-table=heatmap] a[tabindex='0']").count() == 1
    current.focus()
    page.keyboard.press("ArrowLeft")
    focused = page.evaluate("() => document.activeElement.getAttribute('href')")
    assert "b=overlap-indeling" in focused and "a=ggd-regios" in focused
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Home")
    focused = page.evaluate("() => document.activeElement.getAttribute('href')")
    assert "a=halve-indeling" in focused and "b=ggd-regios" in focused
    page.keyboard.press("Enter")
    page.wait_for_selector("html[data-congruence-ready]")
    assert parse_qs(urlparse(page.url).query)["a"] == ["halve-indeling"]
    # the measure of the heatmap is a choice; the other choices stay
    page.select_option("#id_maat", "vi")
    page.get_by_role("button", name="Toon").click()
    page.wait_for_selector("html[data-congruence-ready]")
    assert "Afstand (variatie van informatie)" in page.locator(".heatmap caption").inner_text()
    assert parse_qs(urlparse(page.url).query)["a"] == ["halve-indeling"]
    page.errors.assert_none()


def test_the_downloads(page, live, grid):
    open_congruence(page, live, "a=veiligheidsregios&b=ggd-regios")
    for name, media_type, text in (
        ("per regio (CSV)", "text/csv", "VR-West"),
        ("per gemeente (CSV)", "text/csv", "burenSamenInA"),
        ("grenzen (GeoJSON)", "application/geo+json", "alleenA"),
        ("vergelijking (JSON)", "application/json", "homogeniteit"),
        ("paren (CSV)", "text/csv", "ggd-regios"),
    ):
        href = page.get_by_role("link", name=name).get_attribute("href")
        response = page.request.get(f"{live.url}{href}", headers={"Accept-Encoding": "gzip"})
        assert response.status == 200, href
        assert response.headers["content-type"].startswith(media_type), href
        assert text in response.text(), href


def test_bad_choices_are_form_errors(page, live, grid):
    response = page.goto(f"{live.url}/congruentie?a=bestaat-niet&b=ggd-regios")
    assert response.status == 400
    assert page.locator(".field-error").count() == 1
    assert page.locator("#id_a").count() == 1
    response = page.goto(f"{live.url}/congruentie?peildatum=2026-02-30")
    assert response.status == 400
    assert axe_violations(page) == []


def test_english(page, live, grid):
    open_congruence(page, live)
    page.get_by_role("button", name="English").click()
    page.wait_for_selector("html[lang=en][data-congruence-ready]")
    assert page.locator("h1").inner_text() == "Congruence of divisions"
    assert page.get_by_role("button", name="Compare").count() == 1
    assert "Agreement (adjusted Rand index)" in page.locator("[data-table=maten]").inner_text()
    page.errors.assert_none()


def test_accessibility_scan(page, live, grid):
    open_congruence(page, live, "a=veiligheidsregios&b=ggd-regios")
    assert axe_violations(page) == []
    page.locator("details.separations summary").click()
    page.locator("details.pair-list summary").click()
    assert axe_violations(page) == []
