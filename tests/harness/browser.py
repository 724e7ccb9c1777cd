"""The browser of the browser tests: Debian's chromium driven by Playwright (Python), and the
accessibility scan (axe-core from node_modules)."""

from __future__ import annotations

import os

from django.urls import reverse

from tests.harness.accounts import PASSWORD
from tests.harness.processes import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = os.environ.get("REGIOATLAS_CHROMIUM", "/usr/bin/chromium")
#: Without the background-networking flags chromium keeps calling hosts this machine cannot
#: reach; the tests abort every request off the site anyway.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


def axe_violations(page) -> list[dict]:
    """The serious and critical findings of axe-core on the page as it is now."""
    # Evaluated through the DevTools protocol, not added as an inline script tag: the site's
    # Content-Security-Policy refuses inline scripts (and tests assert that it does).
    page.evaluate(AXE.read_text() + "\n;undefined")
    result = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' '))"
        ".slice(0, 5)}))"
    )
    return [v for v in result if v["impact"] in ("serious", "critical")]


def only_site(context, url: str) -> None:
    """Abort every request of ``context`` that is not for the site at ``url`` (this machine
    has no internet: the base map must fail gracefully)."""
    context.route(
        "**/*",
        lambda route: route.continue_() if route.request.url.startswith(url) else route.abort(),
    )


class PageErrors(list):
    """The uncaught JavaScript errors of a page (``page.errors``)."""

    def assert_none(self) -> None:
        assert not self, "\n".join(self)


def log_in(page, url: str, user) -> None:
    """Log ``user`` (password tests/harness/accounts.PASSWORD) in on the site at ``url``
    through the login page, as a person would; it ends on the dashboard."""
    page.goto(f"{url}{reverse('registration:login')}")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{url}{reverse('registration:dashboard')}")


def focused(page) -> str:
    """What has the focus: its id, name, text or tag."""
    return page.evaluate(
        "() => { const e = document.activeElement; return (e.id || e.name || e.textContent || e.tagName).trim(); }"
    )


def focus_is_visible(page) -> bool:
    """The focused element shows an outline or a ring."""
    return page.evaluate(
        "() => getComputedStyle(document.activeElement).outlineStyle !== 'none'"
        " || getComputedStyle(document.activeElement).boxShadow !== 'none'"
    )


def tab_to(page, selector: str, limit: int = 250) -> None:
    """Press Tab until the focus is on ``selector`` (keyboard only)."""
    for _ in range(limit):
        if page.evaluate(f"document.activeElement.matches({selector!r})"):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{selector} not reachable by Tab")
