"""The atlas page (/) in a browser: open it, read its URL state and its tables, click the map
(tests/browser)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse


def open_atlas(page, live, query: str = "") -> None:
    """Open the atlas of the live site (``live.url``) with ``query``; wait until it is ready."""
    page.goto(f"{live.url}/{('?' + query) if query else ''}")
    page.wait_for_selector("html[data-atlas-ready]", timeout=20000)


def query_of(page) -> dict[str, list[str]]:
    """The page's URL parameters (the permalink state)."""
    return parse_qs(urlparse(page.url).query)


def click_map_centre(page) -> None:
    """A mouse click in the middle of the map ("what is here?" there)."""
    box = page.locator("#map").bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


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
    """Wait until the table view gives municipality ``name`` the count ``expected``."""
    page.wait_for_function(
        """([name, expected]) => [...document.querySelectorAll('[data-table=gemeenten] tbody tr')]
            .some(tr => tr.cells[0].innerText.trim() === name && Number(tr.cells[2].innerText) === expected)""",
        arg=[name, expected],
    )
    return municipality_counts(page)


def arrangement_names(page) -> list[str]:
    """The names in the table view's list of arrangements."""
    page.wait_for_selector("[data-table=samenwerkingsverbanden] table")
    return page.locator("[data-table=samenwerkingsverbanden] tbody th").all_inner_texts()


def wait_for_arrangements(page, expected: list[str]) -> None:
    """Wait until the table view lists exactly the arrangements ``expected``."""
    page.wait_for_function(
        """(expected) => {
            const names = [...document.querySelectorAll('[data-table=samenwerkingsverbanden] tbody th')]
              .map(th => th.innerText.trim());
            return JSON.stringify(names) === JSON.stringify(expected);
        }""",
        arg=sorted(expected),
    )
