"""Map page benchmark: time until the atlas is interactive in headless chromium, and bytes
transferred, on the real data (`manage.py load` first). Target (issue 16): the default view
interactive within 1.0 s.

"Interactive" is the moment the page sets ``<html data-atlas-ready>`` (and the performance
mark ``atlas-ready``): every default layer (municipality choropleth with counts, province
boundaries) is drawn, the BRE runs are known and the controls respond. Each round is a cold
load in a fresh browser context (empty cache). Requests that leave this machine (the base map)
are aborted, as on a machine without internet.

    .venv/bin/python bench/bench_map.py [--server gunicorn|runserver|both] [--rounds 5]
                                        [--url http://127.0.0.1:8773] [--only default]

``--server gunicorn`` (the default) measures what users get: gunicorn with gunicorn.conf.py,
production settings (DEBUG off), the static files collected and served compressed by
WhiteNoise (collectstatic runs first when a source file is newer than its collected copy) and
the API's compressed responses from the response cache. ``runserver`` is the development
server (static files uncompressed from the finders). ``both`` runs the two side by side and
prints their ratio. With ``--url`` nothing is started: the site there is measured.
``--waterfall`` prints the requests of the last default load (start, end, bytes), the page
itself first.
``--compare URL`` also measures another running site (e.g. the previous commit under
gunicorn) round by round in turn with this one and prints the ratio."""

from __future__ import annotations

import argparse
import contextlib
import os
import socket
import statistics
import subprocess
import sys
import tempfile
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
TARGET_SECONDS = 1.0
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


#: The production-like server (as scripts/serve.sh runs it), without throttling for the bench.
GUNICORN_ENV = {
    "DJANGO_SETTINGS_MODULE": "regioatlas.settings.production",
    "DJANGO_SECRET_KEY": "bench-map-only-" + "x" * 40,
    "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
    "DJANGO_SECURE_SSL_REDIRECT": "false",
    "REGIOATLAS_PROXY_COUNT": "0",
    "REGIOATLAS_THROTTLE_ANON": "1000000/min",
    "GUNICORN_ACCESSLOG": "/dev/null",
}
#: Where the collected static files come from (settings.STATICFILES_DIRS and the apps').
STATIC_SOURCES = [ROOT / "static", ROOT / "node_modules/leaflet/dist"]
STATIC_SOURCES.append(ROOT / "node_modules/leaflet.vectorgrid/dist")


def reachable(url: str) -> bool:
    try:
        with urllib.request.urlopen(url + "/api/v1/provincies?geometrie=false", timeout=5):  # noqa: S310 - local URL
            return True
    except OSError:
        return False


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def collected_is_stale() -> bool:
    """Is any source file newer than its collected copy (or not collected)?"""
    collected = ROOT / "staticfiles"
    for source in STATIC_SOURCES:
        prefix = "" if source.name == "static" else "vendor/" + source.parent.name + "/"
        for path in source.rglob("*"):
            if path.is_file():
                copy = collected / (prefix + str(path.relative_to(source)))
                if not copy.exists() or copy.stat().st_mtime < path.stat().st_mtime:
                    return True
    return False


def server_command(kind: str, port: int) -> tuple[list[str], dict[str, str]]:
    if kind == "runserver":
        command = [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"]
        return command, {**os.environ, "DJANGO_SETTINGS_MODULE": "regioatlas.settings.local"}
    env = {**os.environ, **GUNICORN_ENV, "GUNICORN_BIND": f"127.0.0.1:{port}"}
    if collected_is_stale():
        print("collectstatic (production settings, WhiteNoise compression) ...", flush=True)
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
            cwd=ROOT,
            env=env,
            check=True,
        )
    command = [sys.executable, "-m", "gunicorn", "regioatlas.wsgi:application"]
    return [*command, "--config", str(ROOT / "gunicorn.conf.py")], env


@contextlib.contextmanager
def site(kind: str, url: str | None):
    """The site to measure: ``url`` when something answers there, else a server of ``kind``
    (gunicorn or runserver) started on a free port and stopped afterwards."""
    if url and reachable(url):
        yield url
        return
    port = free_port()
    command, env = server_command(kind, port)
    with tempfile.TemporaryFile() as log:
        server = subprocess.Popen(  # noqa: S603 - fixed arguments
            command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
        )
        address = f"http://127.0.0.1:{port}"
        try:
            for _ in range(120):
                if server.poll() is not None:
                    log.seek(0)
                    raise RuntimeError(f"{kind} exited:\n{log.read().decode()[-3000:]}")
                if reachable(address):
                    break
                time.sleep(0.5)
            else:
                raise RuntimeError(f"{kind} did not start")
            yield address
        finally:
            server.terminate()
            server.wait(timeout=20)


WATERFALL = """() => [...performance.getEntriesByType('navigation'),
  ...performance.getEntriesByType('resource')].map((e) => [
  e.startTime, e.responseEnd, e.transferSize, e.name.replace(location.origin, '')])"""


def measure(browser, url: str) -> dict:
    """One cold load: seconds until ready (wall clock and the atlas-ready mark), bytes
    transferred, requests, and the page's resource timing."""
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
    waterfall = page.evaluate(WATERFALL)
    page.wait_for_timeout(300)  # let the last loadingFinished events arrive
    context.close()
    return {"wall": wall, "mark": mark, **transferred, "waterfall": waterfall}


def variant_url(base: str, query: str) -> str:
    if query.startswith(("insluiten", "vergelijken")):
        return f"{base}/{query}"
    return f"{base}/" + (f"?{query}" if query else "")


def run_variants(browser, base: str, rounds: int, only: str | None) -> dict[str, dict]:
    measure(browser, base + "/")  # warm the server (connections, caches of the app)
    results = {}
    for name, query in VARIANTS.items():
        if only and only not in name:
            continue
        runs = [measure(browser, variant_url(base, query)) for _ in range(rounds)]
        results[name] = {
            key: statistics.median(r[key] for r in runs) for key in ("wall", "mark", "bytes")
        } | {"requests": statistics.median(r["requests"] for r in runs), "last": runs[-1]}
        r = results[name]
        verdict = "ok" if r["mark"] <= TARGET_SECONDS else "SLOW"
        print(
            f"  {name:32s} interactive {r['mark']:5.2f} s (navigation to ready {r['wall']:5.2f} s)"
            f"  {r['bytes'] / 1024:7.0f} KiB in {r['requests']:.0f} requests  [{verdict}]",
            flush=True,
        )
    return results


def compare_variants(browser, base: str, other: str, rounds: int, only: str | None) -> None:
    """Each variant on ``base`` and on ``other`` (another running site, e.g. an earlier commit
    under gunicorn), round by round in turn so that both see the same load; medians and the
    ratio other / base."""
    measure(browser, other + "/")  # warm it too
    for name, query in VARIANTS.items():
        if only and only not in name:
            continue
        pairs = [
            (
                measure(browser, variant_url(base, query)),
                measure(browser, variant_url(other, query)),
            )
            for _ in range(rounds)
        ]
        ours = statistics.median(a["mark"] for a, _ in pairs)
        theirs = statistics.median(b["mark"] for _, b in pairs)
        kib = [
            statistics.median(run["bytes"] for run in side) / 1024
            for side in zip(*pairs, strict=True)
        ]
        print(
            f"  {name:32s} {ours:5.2f} s ({kib[0]:5.0f} KiB) vs {theirs:5.2f} s ({kib[1]:5.0f} KiB)"
            f" at --compare: {theirs / ours:4.2f}x",
            flush=True,
        )


def print_waterfall(run: dict) -> None:
    print(f"  requests of the last default load (ready at {run['mark'] * 1000:.0f} ms):")
    for start, end, size, name in sorted(run["waterfall"]):
        if name.startswith("http"):
            continue  # aborted: the base map
        print(f"    {start:6.0f} {end:6.0f} ms {size / 1024:7.1f} KiB  {name}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default=os.environ.get("REGIOATLAS_URL"))
    parser.add_argument("--server", choices=["gunicorn", "runserver", "both"], default="gunicorn")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--only", help="only the variants whose name contains this")
    parser.add_argument("--waterfall", action="store_true")
    parser.add_argument("--compare", help="URL of another running site to measure in turn")
    options = parser.parse_args()

    from playwright.sync_api import sync_playwright

    kinds = ["gunicorn", "runserver"] if options.server == "both" else [options.server]
    print(f"load average before: {os.getloadavg()[0]:.1f} ({os.cpu_count()} cores)")
    measured = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for kind in kinds:
            with site(kind, options.url) as base:
                label = "the site" if options.url and base == options.url else kind
                print(f"map page of {base} ({label}), {options.rounds} cold loads each (median)")
                measured[kind] = run_variants(browser, base, options.rounds, options.only)
                if options.compare and kind == kinds[0]:
                    print(f"side by side with {options.compare}, in turn (median):")
                    compare_variants(browser, base, options.compare, options.rounds, options.only)
        browser.close()
    print(f"load average after: {os.getloadavg()[0]:.1f}")
    first = measured[kinds[0]]
    if options.waterfall and "default layers" in first:
        print_waterfall(first["default layers"]["last"])
    if len(kinds) == 2:
        for name, r in measured["gunicorn"].items():
            ratio = measured["runserver"][name]["mark"] / r["mark"]
            print(f"  {name:32s} runserver / gunicorn: {ratio:4.2f}x")
    default = first.get("default layers")
    print(f"target: default layers interactive <= {TARGET_SECONDS:.1f} s ({kinds[0]})")
    if default:
        print(
            f"  default layers: {default['mark']:.2f} s = {default['mark'] / TARGET_SECONDS:.2f}x the target"
        )
    return 1 if default and default["mark"] > TARGET_SECONDS else 0


if __name__ == "__main__":
    sys.exit(main())
