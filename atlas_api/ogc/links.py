"""Absolute links of the OGC API (every response names its neighbours: self, alternate, ...)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest

from .responses import GEOJSON, HTML, JSON

ROOT = "/api/ogc/v1"
REL_CONFORMANCE = "conformance"
REL_DATA = "data"
REL_QUERYABLES = "http://www.opengis.net/def/rel/ogc/1.0/queryables"
REL_TILESETS = "http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector"
REL_TILING_SCHEMES = "http://www.opengis.net/def/rel/ogc/1.0/tiling-schemes"
REL_TILING_SCHEME = "http://www.opengis.net/def/rel/ogc/1.0/tiling-scheme"


def url(request: HttpRequest, path: str = "", query: dict[str, Any] | None = None) -> str:
    """The absolute URL of ``path`` under the root, with ``query`` (None values left out)."""
    query = {k: v for k, v in (query or {}).items() if v is not None}
    suffix = f"?{urlencode(query, doseq=True)}" if query else ""
    return request.build_absolute_uri(f"{ROOT}{path}{suffix}")


def link(href: str, rel: str, media_type: str, title: str) -> dict[str, str]:
    return {"href": href, "rel": rel, "type": media_type, "title": title}


def self_links(
    request: HttpRequest, path: str, title: str, media_type: str = JSON, query: dict | None = None
) -> list[dict[str, str]]:
    """``self`` in ``media_type`` and its ``alternate`` in the other format (JSON or HTML)."""
    query = dict(query or {})
    query.pop("f", None)
    json_type = GEOJSON if media_type == GEOJSON else JSON
    return [
        link(url(request, path, {**query, "f": "json"}), "self", json_type, title),
        link(url(request, path, {**query, "f": "html"}), "alternate", HTML, f"{title} (HTML)"),
    ]


def current_query(request: HttpRequest) -> dict[str, list[str]]:
    return {key: request.GET.getlist(key) for key in request.GET}
