"""The modulepreload tag (atlas_web/templatetags/modules.py): the static import graph of the
map page's entry modules, read from the files (the browser test tests/browser/
test_modulepreload.py checks it against what the page really loads)."""

from __future__ import annotations

from django.template import Context, Template

from atlas_web.templatetags.modules import imports_of, module_graph


def test_imports_of_reads_static_imports_and_re_exports_only():
    text = """// import x from "./commented.js";
import L, { loadVectorGrid } from "../../leaflet.js";
import {
  a,
  b,
} from "./multi.js";
import "./side-effect.js";
export { c } from "../re-export.js";
const lazy = () => import("./dynamic.js");
export const name = "not-a-module";
"""
    assert imports_of("atlas/render/layers/x.js", text) == [
        "atlas/leaflet.js",
        "atlas/render/layers/multi.js",
        "atlas/render/layers/side-effect.js",
        "atlas/render/re-export.js",
    ]


def test_the_graph_of_the_map_page():
    graph = module_graph("atlas/start.js", "atlas/main.js")
    assert len(graph) == len(set(graph))
    # start.js and everything it needs come first: the first API requests wait on them only
    start = module_graph("atlas/start.js")
    assert graph[: len(start)] == start
    assert "atlas/leaflet.js" not in start and "atlas/data/api.js" in start
    assert {"atlas/main.js", "atlas/leaflet.js", "vendor/leaflet/leaflet-src.esm.js"} <= set(graph)
    assert not any("vectorgrid" in path for path in graph)  # a dynamic import, when needed


def test_the_tag_writes_one_link_per_module():
    html = Template('{% load modules %}{% modulepreload "atlas/start.js" %}').render(Context())
    assert html.count('<link rel="modulepreload"') == len(module_graph("atlas/start.js"))
    assert 'href="/static/atlas/start.js"' in html
