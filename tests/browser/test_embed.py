"""The embeddable map in a page of another origin (issue 16 part 4): a second tiny HTTP server
on another loopback address (127.0.0.2) serves a page that frames /insluiten, which renders its
map there, and the atlas itself (/), which the browser refuses (frame-ancestors 'none')."""

from __future__ import annotations

import http.server
import threading

import pytest

pytestmark = [pytest.mark.browser]


@pytest.fixture
def other_site(live):
    """http://127.0.0.2:<port>/ serving one page with two iframes of the live site."""
    page = (
        "<!doctype html><html lang='nl'><title>Andere site</title><body>"
        f"<iframe id='embed' title='Kaart' src='{live.url}/insluiten?lagen=gemeenten,gebieden'"
        " width='800' height='500'></iframe>"
        f"<iframe id='atlas' title='Atlas' src='{live.url}/' width='400' height='300'></iframe>"
    ).encode()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(page)

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.2", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.2:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def test_the_embed_renders_in_another_origin_and_the_atlas_does_not(
    browser, live, scenario, other_site
):
    context = browser.new_context(locale="nl-NL", viewport={"width": 1400, "height": 900})
    # Only the two loopback sites; the base map (off this machine) is aborted.
    context.route(
        "**/*",
        lambda route: (
            route.continue_()
            if route.request.url.startswith((live.url, other_site))
            else route.abort()
        ),
    )
    try:
        page = context.new_page()
        page.goto(other_site)
        embed = page.frame_locator("#embed")
        embed.locator("html[data-atlas-ready=true]").wait_for(timeout=20000)
        assert embed.locator(".leaflet-container").is_visible()
        assert embed.locator(".legend").count() == 1
        assert not embed.locator(".atlas__sidebar").is_visible()
        page.wait_for_timeout(500)
        urls = [frame.url for frame in page.frames]
        assert any("/insluiten" in url for url in urls)
        # Refused: the second frame is Chromium's error page, never the atlas.
        assert f"{live.url}/" not in urls
        assert any(url.startswith("chrome-error:") for url in urls)
    finally:
        context.close()
