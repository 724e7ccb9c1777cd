"""The map of the default BRE run for docs/img/bre-default.png (``bench/bre_sweep.py --map``):
the clusters as the API serves them (GeoJSON of /api/v1/bre-analyses/{id}/clusters, provinces
from /api/v1/provincies), drawn into a self-contained SVG page and screenshotted with headless
chromium. Django is set up by the caller (bre_sweep.py)."""

from __future__ import annotations

import itertools

PALETTE = (
    "#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#b07aa1", "#edc948", "#76b7b2", "#ff9da7",
    "#9c755f", "#bab0ac",
)  # fmt: skip


def _projector(features: list[dict], width: int):
    import shapely

    shapes = [shapely.geometry.shape(f["geometry"]) for f in features if f["geometry"]]
    minx, miny, maxx, maxy = shapely.GeometryCollection(shapes).bounds
    ratio = 0.61  # cos(52.2 degrees): metres per degree of longitude / of latitude
    scale = (width - 20) / ((maxx - minx) * ratio)
    height = int((maxy - miny) * scale) + 20

    def point(x: float, y: float) -> str:
        return f"{10 + (x - minx) * ratio * scale:.1f},{10 + (maxy - y) * scale:.1f}"

    return point, height


def _path(geometry: dict, point) -> str:
    polygons = (
        geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    )
    return " ".join(
        "M" + " L".join(point(x, y) for x, y in ring) + " Z"
        for polygon in polygons
        for ring in polygon
    )


def _colours(features: list[dict]) -> dict[int, str]:
    """Neighbouring clusters get different colours (greedy colouring, largest first)."""
    import networkx as nx
    import shapely

    shapes = {f["id"]: shapely.geometry.shape(f["geometry"]) for f in features if f["geometry"]}
    graph = nx.Graph()
    graph.add_nodes_from(shapes)
    for a, b in itertools.combinations(shapes, 2):
        if shapes[a].distance(shapes[b]) < 0.002:
            graph.add_edge(a, b)
    colouring = nx.greedy_color(graph, strategy="largest_first")
    return {key: PALETTE[value % len(PALETTE)] for key, value in colouring.items()}


def map_page(clusters: dict, provinces: dict, title: str, width: int = 900) -> str:
    import html

    import shapely

    features = clusters["features"]
    point, height = _projector(features, width)
    colours = _colours(features)
    parts = [
        f'<path d="{_path(f["geometry"], point)}" fill="{colours[f["id"]]}" '
        'fill-opacity="0.8" stroke="#fff" stroke-width="0.8"/>'
        for f in features
        if f["geometry"]
    ]
    parts += [
        f'<path d="{_path(f["geometry"], point)}" fill="none" stroke="#222" '
        'stroke-width="1.4" stroke-dasharray="5 3"/>'
        for f in provinces["features"]
        if f["geometry"]
    ]
    for f in features:
        if f["geometry"]:
            x, y = point(*shapely.geometry.shape(f["geometry"]).point_on_surface().coords[0]).split(
                ","
            )
            parts.append(
                f'<text x="{x}" y="{y}" font-size="13" font-weight="700" text-anchor="middle" '
                f'dominant-baseline="middle" stroke="#fff" stroke-width="3" paint-order="stroke">'
                f"{f['id']}</text>"
            )
    legend = "".join(
        f'<li><span style="background:{colours.get(f["id"], "#ccc")}"></span>{f["id"]}. '
        f"{html.escape(f['properties']['label'])} ({f['properties']['aantalGemeenten']})</li>"
        for f in features
    )
    return f"""<!doctype html><html lang="nl"><meta charset="utf-8"><title>{html.escape(title)}</title>
<style>
body {{ margin: 0; font: 13px/1.35 system-ui, sans-serif; display: flex; background: #fff; }}
h1 {{ font-size: 17px; margin: 0 0 8px; }}
aside {{ padding: 14px 16px; width: 300px; }}
ul {{ list-style: none; padding: 0; margin: 0; columns: 1; }}
li {{ margin: 1px 0; }}
li span {{ display: inline-block; width: 11px; height: 11px; margin-right: 6px; vertical-align: -1px; }}
p {{ color: #444; }}
</style>
<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}">{"".join(parts)}</svg>
<aside><h1>{html.escape(title)}</h1><ul>{legend}</ul>
<p>Gestippeld: provinciegrenzen. Kleuren alleen om buren te onderscheiden.</p></aside></html>"""


def render_map(path: str) -> None:
    from django.test import Client
    from playwright.sync_api import sync_playwright

    from collaborations.clustering.selectors.runs import clustering_run_default

    run = clustering_run_default()
    if run is None:
        raise SystemExit("no default run: manage.py bre_run --default")
    client = Client(HTTP_HOST="localhost")
    geo = {"HTTP_ACCEPT": "application/geo+json"}
    clusters = client.get(f"/api/v1/bre-analyses/{run.pk}/clusters", **geo).json()
    provinces = client.get("/api/v1/provincies", **geo).json()
    measures = run.measures
    title = (
        f"BRE's: standaardanalyse {run.pk} ({measures['aantalClusters']} clusters, "
        f"peildatum {measures['peildatum']})"
    )
    page_html = map_page(clusters, provinces, title)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        page = browser.new_page(viewport={"width": 1240, "height": 900})
        page.set_content(page_html)
        page.screenshot(path=path, full_page=True)
        browser.close()
    print(f"map of run {run.pk} written to {path}")
