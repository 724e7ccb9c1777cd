"""The browser of the browser tests: Debian's chromium driven by Playwright (Python), and the
accessibility scan (axe-core from node_modules)."""

from __future__ import annotations

import os

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
