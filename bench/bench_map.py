"""Map page benchmark: time until the atlas is interactive in headless chromium, and bytes
transferred, on the real data (`manage.py load` first). Target: interactive < 3 s.

"Interactive" is the moment the page sets ``<html data-atlas-ready>`` (and the performance
mark ``atlas-ready``): every default layer (municipality choropleth with counts, province
boundaries) is drawn, the BRE runs are known and the controls respond. Each round is a cold
load in a fresh browser context (empty cache). Requests that leave this machine (the base map)
are aborted, as on a machine without internet.

    .venv/bin/python bench/bench_map.py [--url http://127.0.0.1:8773] [--rounds 5]

Without --url (or when nothing answers there) a dev server is started on a free port and
stopped afterwards."""

from __future__ import annotations

import argparse
import contextlib
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("REGIOATLAS_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
TARGET_SECONDS = 3.0
VARIANTS = {
    "default layers": "",
    "with footprints (vector tiles)": "lagen=gemeenten,provincies,gebieden&modus=vlak",
    # The display modes of issue 16, on theme Jeugd (110 footprints).
    "mode grenzen, thema jeugd": "lagen=gemeenten,provincies,gebieden&thema=jeugd",
    "mode overlap, thema jeugd": "lagen=gemeenten,provincies,gebieden&thema=jeugd&modus=overlap",
    "mode vlak, thema jeugd": "lagen=gemeenten,provincies,gebieden&thema=jeugd&modus=vlak",
    "embed (insluiten), grenzen jeugd": "insluiten?lagen=gemeenten,gebieden&thema=jeugd",
    "with network (threshold 5)": "lagen=gemeenten,provincies,netwerk",
    "side by side (vergelijken), jeugd 2016/2025": "vergelijken?peildatumLinks=2016-01-01",
}


def reachable(url: str) -> bool:
    try:
        with urllib.request.urlopen(url + "/api/v1/provincies?geometrie=false", timeout=5):  # noqa: S310 - local URL
            return True
    except OSError:
        return False


@contextlib.contextmanager
def dev_server(url: str | None):
    if url and reachable(url):
        yield url
        return
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    command = [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"]
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "regioatlas.settings.local"}
    server = subprocess.Popen(  # noqa: S603 - fixed arguments
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    address = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            if reachable(address):
                break
            time.sleep(0.5)
        else:
            raise RuntimeError("the dev server did not start")
        yield address
    finally:
        server.terminate()
        server.wait(timeout=20)


def measure(browser, url: str) -> tuple[float, float, int, int]:
    """(seconds until ready, seconds of the atlas-ready mark, bytes transferred, requests)."""
    context = browser.new_context(locale="nl-NL", viewport={"width": 1400, "height": 900})
    context.route(
        "**/*",
        lambda route: (
            route.continue_()
            if route.request.url.startswith(
                url.split("/?")[0].split("/insluiten")[0].split("/vergelijken")[0]
            )
            else route.abort()
        ),
    )
    page = context.new_page()
    client = context.new_cdp_session(page)
    client.send("Network.enable")
    transferred = {"bytes": 0, "requests": 0}

    def finished(event):
        transferred["bytes"] += int(event.get("encodedDataLength", 0))
        transferred["requests"] += 1

    client.on("Network.loadingFinished", finished)
    start = time.perf_counter()
    page.goto(url)
    page.wait_for_selector("html[data-atlas-ready]", timeout=60000)
    wall = time.perf_counter() - start
    mark = page.evaluate("() => performance.getEntriesByName('atlas-ready')[0].startTime") / 1000
    page.wait_for_timeout(300)  # let the last loadingFinished events arrive
    context.close()
    return wall, mark, transferred["bytes"], transferred["requests"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default=os.environ.get("REGIOATLAS_URL"))
    parser.add_argument("--rounds", type=int, default=5)
    options = parser.parse_args()

    from playwright.sync_api import sync_playwright

    failed = False
    with dev_server(options.url) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        measure(browser, base + "/")  # warm the server (connections, caches of the app)
        print(f"map page of {base}, {options.rounds} cold loads each (median)")
        for name, query in VARIANTS.items():
            url = (
                base
                + "/"
                + (
                    query
                    if query.startswith(("insluiten", "vergelijken"))
                    else f"?{query}"
                    if query
                    else ""
                )
            )
            runs = [measure(browser, url) for _ in range(options.rounds)]
            wall = statistics.median(r[0] for r in runs)
            mark = statistics.median(r[1] for r in runs)
            kib = statistics.median(r[2] for r in runs) / 1024
            requests = statistics.median(r[3] for r in runs)
            verdict = "ok" if mark < TARGET_SECONDS else "SLOW"
            if name == "default layers" and mark >= TARGET_SECONDS:
                failed = True
            print(
                f"  {name:32s} interactive {mark:5.2f} s (navigation to ready {wall:5.2f} s)"
                f"  {kib:7.0f} KiB in {requests:.0f} requests  [{verdict}]"
            )
        browser.close()
    print(f"target: default layers interactive < {TARGET_SECONDS:.0f} s")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
