"""Screenshots of the atlas with the real data, for docs/atlas.md (docs/img/atlas-*.png).

Needs the real data loaded (`manage.py load`) and a running dev server (default
http://127.0.0.1:8773; without one a server is started on a free port). Requests that leave
this machine (the base map) are aborted, so the pictures look the same everywhere.

    .venv/bin/python -m scripts.screenshots [--url http://127.0.0.1:8773] [--out docs/img]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import urllib.request
from pathlib import Path

from bench.bench_map import ARGS, CHROMIUM, dev_server

ROOT = Path(__file__).resolve().parent.parent

#: name -> (query string of the map page, what to do after it is ready: "none", or
#: "outlines" to wait for the outlines of the display modes Grenzen and Overlap)
JEUGD = "lagen=gemeenten,provincies,gebieden&thema=jeugd"
SHOTS: dict[str, tuple[str, str]] = {
    "atlas-kaart": ("", "none"),
    "atlas-overlappendeken": ("lagen=gemeenten,provincies,gebieden&modus=vlak", "none"),
    "atlas-wgr": ("lagen=provincies,gebieden&rechtsvormFamilie=wgr&modus=vlak", "none"),
    "atlas-netwerk": ("lagen=provincies,netwerk&drempel=5", "none"),
    "atlas-wat-is-hier": (
        "lagen=gemeenten,provincies,gebieden&punt=5.1214,52.0907&selectie=gm:GM0344"
        "&kaart=9/52.09/5.12&modus=vlak",
        "none",
    ),
    "atlas-tabel": ("weergave=tabel&thema=jeugd", "none"),
    # the display modes (issue 16) with the theme Jeugd
    "atlas-modus-grenzen": (f"{JEUGD}&modus=grenzen", "outlines"),
    "atlas-modus-grenzen-utrecht": (f"{JEUGD}&modus=grenzen&kaart=9/52.15/5.2", "outlines"),
    "atlas-modus-overlap": (f"{JEUGD}&modus=overlap&telling=alles", "outlines"),
    "atlas-modus-vlak": (f"{JEUGD}&modus=vlak", "none"),
    "atlas-insluiten-dialoog": (f"{JEUGD}&modus=grenzen", "embed-dialog"),
}
#: The side-by-side page (/vergelijken): name -> (query string, code of the municipality whose
#: table row gets the focus, or "" for the overview).
COMPARE = {
    "atlas-vergelijken": ("peildatumLinks=2016-01-01", ""),
    "atlas-vergelijken-wijdemeren": ("peildatumLinks=2016-01-01", "GM1696"),
}
#: The embedded map (/insluiten) in a frame-sized window: name -> query string.
EMBEDS = {"atlas-insluiten": f"{JEUGD}&modus=grenzen&kaart=7/52.2/5.3"}
PAGES = {
    "atlas-gemeente": "/gemeenten/GM0344",
    "atlas-statistieken": "/statistieken",
    # a map drawn from OGC API items (the HTML page of the items, docs/api.md)
    "ogc-veiligheidsregios": (
        "/api/ogc/v1/collections/indeling-veiligheidsregios/items?f=html&limit=50"
    ),
}


def bre_run_exists(base: str) -> bool:
    address = base + "/api/v1/bre-analyses?standaard=true"
    try:
        with urllib.request.urlopen(address, timeout=10) as response:  # noqa: S310 - local URL
            data = json.load(response)
    except (OSError, ValueError):
        return False
    rows = (
        data
        if isinstance(data, list)
        else next((v for v in data.values() if isinstance(v, list)), [])
    )
    return bool(rows)


def act(page, action: str) -> None:
    """Wait for the outlines of the display modes, or open the "Insluiten" dialog."""
    if action in ("outlines", "embed-dialog"):
        page.wait_for_selector(".leaflet-grenzen-pane path", timeout=60000)
    if action == "embed-dialog":
        page.locator("#insluiten").click()
        page.wait_for_selector("#insluiten-dialoog[open]")


def shoot_compare(page, url: str, code: str, path: Path) -> None:
    """The two maps of /vergelijken, with the row of ``code`` focused when one is given (the
    municipality outlined on both maps)."""
    page.goto(url)
    page.wait_for_selector("html[data-compare-ready]", timeout=60000)
    if code:
        page.locator(f"[data-table=verschillen] tr[data-code={code}]").focus()
    page.wait_for_timeout(1500)
    page.locator("#kaarten-titel").evaluate("(element) => element.scrollIntoView()")
    page.wait_for_timeout(300)
    page.screenshot(path=str(path))
    print("wrote", path)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default=os.environ.get("REGIOATLAS_URL", "http://127.0.0.1:8773"))
    parser.add_argument("--out", default=str(ROOT / "docs" / "img"))
    parser.add_argument("--only", nargs="*", help="only these pictures (names without .png)")
    options = parser.parse_args()
    out = Path(options.out)
    out.mkdir(parents=True, exist_ok=True)

    from playwright.sync_api import sync_playwright

    with dev_server(options.url) as base, sync_playwright() as playwright:
        shots = dict(SHOTS)
        if bre_run_exists(base):
            shots["atlas-bre"] = ("lagen=provincies,bre", "none")
        pages = dict(PAGES)
        phone_too = True
        if options.only:
            shots = {k: v for k, v in shots.items() if k in options.only}
            pages = {k: v for k, v in pages.items() if k in options.only}
            phone_too = "atlas-telefoon" in options.only
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context(locale="nl-NL", viewport={"width": 1400, "height": 860})
        context.route(
            "**/*", lambda r: r.continue_() if r.request.url.startswith(base) else r.abort()
        )
        page = context.new_page()
        for name, (query, action) in shots.items():
            page.goto(f"{base}/" + (f"?{query}" if query else ""))
            page.wait_for_selector("html[data-atlas-ready]", timeout=60000)
            act(page, action)
            page.wait_for_timeout(1500)  # tiles and the panel settle
            page.screenshot(path=str(out / f"{name}.png"))
            print("wrote", out / f"{name}.png")
        compare = {k: v for k, v in COMPARE.items() if not options.only or k in options.only}
        for name, (query, code) in compare.items():
            shoot_compare(page, f"{base}/vergelijken?{query}", code, out / f"{name}.png")
        for name, path in pages.items():
            page.goto(base + path)
            page.wait_for_load_state("networkidle")
            page.screenshot(path=str(out / f"{name}.png"))
            print("wrote", out / f"{name}.png")
        framed = browser.new_context(locale="nl-NL", viewport={"width": 800, "height": 560})
        framed.route(
            "**/*", lambda r: r.continue_() if r.request.url.startswith(base) else r.abort()
        )
        embed = framed.new_page()
        embeds = {k: v for k, v in EMBEDS.items() if not options.only or k in options.only}
        for name, query in embeds.items():
            embed.goto(f"{base}/insluiten?{query}")
            embed.wait_for_selector("html[data-atlas-ready]", timeout=60000)
            act(embed, "outlines")
            embed.wait_for_timeout(1500)
            embed.screenshot(path=str(out / f"{name}.png"))
            print("wrote", out / f"{name}.png")
        if not phone_too:
            browser.close()
            return 0
        mobile = browser.new_context(
            locale="nl-NL", viewport={"width": 390, "height": 844}, device_scale_factor=1
        )
        mobile.route(
            "**/*", lambda r: r.continue_() if r.request.url.startswith(base) else r.abort()
        )
        phone = mobile.new_page()
        phone.goto(f"{base}/")
        phone.wait_for_selector("html[data-atlas-ready]", timeout=60000)
        phone.locator("#map").scroll_into_view_if_needed()
        phone.screenshot(path=str(out / "atlas-telefoon.png"))
        print("wrote", out / "atlas-telefoon.png")
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
