"""The front end's files as a browser gets them from the site under gunicorn: every module the
map page loads, followed through its relative imports, is served as JavaScript, and Leaflet and Leaflet.VectorGrid come from node_modules under /static/vendor/
(docs/adr/0004). No browser: an HTTP client with gzip on."""

from __future__ import annotations

import re
from urllib.parse import urljoin

import pytest
import requests

pytestmark = [pytest.mark.live, pytest.mark.django_db(transaction=True)]

IMPORT = re.compile(
    r"""(?:^import\s[^"']*|^export\s[^"']*\sfrom\s|import\()\s*["'](\.[^"']+)["']""", re.M
)


def _modules(session, base: str, entry: str) -> dict[str, requests.Response]:
    """Every module reachable from ``entry`` by relative imports, as served."""
    seen: dict[str, requests.Response] = {}
    todo = [urljoin(base, entry)]
    while todo:
        url = todo.pop()
        if url in seen:
            continue
        response = session.get(url, timeout=30)
        seen[url] = response
        if url.endswith(".min.js") or "/vendor/" in url:
            continue  # libraries: their own imports, if any, are not ours to follow
        todo += [urljoin(url, path) for path in IMPORT.findall(response.text)]
    return seen


def test_map_page_modules_are_served(live):
    session = requests.Session()
    session.headers["Accept-Encoding"] = "gzip"
    page = session.get(f"{live.url}/", timeout=30)
    assert page.status_code == 200
    scripts = re.findall(r"<script([^>]*)>", page.text)
    assert all('type="module"' in s or 'type="application/json"' in s for s in scripts), scripts
    entry = re.search(r'<script type="module" src="([^"]+main\.js)"', page.text).group(1)
    modules = _modules(session, f"{live.url}/", entry)
    assert all(r.status_code == 200 for r in modules.values()), {
        u: r.status_code for u, r in modules.items() if r.status_code != 200
    }
    assert all("javascript" in r.headers["Content-Type"] for r in modules.values())
    vendor = {url.split("/static/")[1]: r for url, r in modules.items() if "/vendor/" in url}
    assert set(vendor) == {
        "vendor/leaflet/leaflet-src.esm.js",
        "vendor/leaflet.vectorgrid/Leaflet.VectorGrid.bundled.min.js",
    }
    # (Compressed only after collectstatic: the test settings serve from the finders.)
    assert "export { Bounds" in vendor["vendor/leaflet/leaflet-src.esm.js"].text
    assert len(modules) >= 30  # main, leaflet, data/, controllers/, render/ and the libraries
    css = session.get(f"{live.url}/static/vendor/leaflet/leaflet.css", timeout=30)
    assert css.status_code == 200 and ".leaflet-container" in css.text
    assert session.get(f"{live.url}/static/vendor/leaflet/images/layers.png", timeout=30).ok
