"""The registration form (/registratie/nieuw and the edit pages) in a browser
(tests/browser)."""

from __future__ import annotations

from django.urls import reverse


def url(live, name: str, *args) -> str:
    """The URL of the named page on the live site (``live.url``)."""
    return f"{live.url}{reverse(name, args=args)}"


def choose_member(page, selector: str, text: str) -> None:
    """Type into a search-as-you-type field and choose the first option by keyboard."""
    page.focus(selector)
    page.keyboard.type(text)
    page.wait_for_selector(f"{selector}[aria-expanded=true]")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_function(
        f"() => document.querySelector('{selector}').getAttribute('aria-expanded') === 'false'"
    )
