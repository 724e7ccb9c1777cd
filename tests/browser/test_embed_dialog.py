"""The "Insluiten" dialog (issue 16 part 4): an accessible modal <dialog> (its name, focus in
and back on close, Escape) with the <iframe> snippet of the embed route for the current
permalink state and a copy button; the snippet's address reproduces the state.

Scenario: tests/harness/scenario.py (six squares near Utrecht, seven arrangements)."""

from __future__ import annotations

import html
import re
from urllib.parse import parse_qs, urlparse

import pytest

from tests.harness.atlas import open_atlas, query_of
from tests.harness.browser import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
QUERY = "thema=wonen&lagen=gemeenten,gebieden&modus=overlap&kaart=9/52.03/5.05&weergave=tabel"
COPIED = ("Code gekopieerd", "De code is geselecteerd")


def test_the_embed_dialog_gives_the_snippet_of_the_current_state(open_page, live, scenario):
    page = open_page(permissions=["clipboard-read", "clipboard-write"])
    open_atlas(page, live, QUERY)
    state = query_of(page)
    button = page.locator("#insluiten")
    button.focus()
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name="Kaart insluiten")
    dialog.wait_for()
    assert page.evaluate("() => document.activeElement.id") == "insluiten-code"
    code = page.locator("#insluiten-code")
    assert code.get_attribute("readonly") is not None
    snippet = code.input_value()
    assert re.fullmatch(r'<iframe src="[^"]+" title="Regioatlas" [^>]*></iframe>', snippet)
    assert axe_violations(page) == []

    page.locator("#insluiten-kopieer").click()
    page.wait_for_function(
        "(texts) => texts.some(t => document.getElementById('insluiten-status').innerText"
        ".startsWith(t))",
        arg=list(COPIED),
    )
    if page.locator("#insluiten-status").inner_text().startswith(COPIED[0]):
        assert page.evaluate("() => navigator.clipboard.readText()") == snippet

    page.keyboard.press("Escape")
    dialog.wait_for(state="hidden")
    assert page.evaluate("() => document.activeElement.id") == "insluiten"

    src = html.unescape(re.search(r'src="([^"]+)"', snippet).group(1))
    address = urlparse(src)
    assert f"{address.scheme}://{address.netloc}" == live.url
    assert address.path == "/insluiten"
    embedded = parse_qs(address.query)
    assert embedded == {key: value for key, value in state.items() if key != "weergave"}

    # the snippet's address shows the same state (the embed keeps it in its URL)
    page.goto(src)
    page.wait_for_selector("html[data-atlas-ready]", timeout=20000)
    assert query_of(page) == embedded
    assert page.locator("input[name=modus][value=overlap]").is_checked()
    page.wait_for_selector(".leaflet-grenzen-pane path[data-samenwerkingsverband]")
    page.errors.assert_none()
