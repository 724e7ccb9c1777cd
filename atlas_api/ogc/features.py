"""Features of a collection: ``/collections/{id}/items`` (a page of a FeatureCollection, with
``numberMatched``, ``numberReturned`` and ``next``/``prev`` links) and ``/items/{featureId}``.
The geometry comes from PostGIS as GeoJSON text in the requested CRS and is put into the body
as it is; the rest of the body is encoded here."""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from collaborations.core.features import Feature, FeaturePage, feature_get, feature_page

from .collections import CollectionSpec, bbox_area
from .crs import content_crs
from .links import current_query, link, self_links, url
from .responses import GEOJSON, HTML, JSON, html_response, json_response, not_found

#: Geometry of HTML pages: always CRS84 (the map draws it).
HTML_SRID = 4326


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str, separators=(",", ":"))


def _feature_text(feature: Feature, links: str = "") -> str:
    return (
        '{"type":"Feature","id":'
        + _dumps(feature.id)
        + ',"geometry":'
        + (feature.geometry or "null")
        + ',"properties":'
        + _dumps(feature.properties)
        + links
        + "}"
    )


def _page_links(request: HttpRequest, spec: CollectionSpec, values: dict, page: FeaturePage):
    path = f"/collections/{spec.id}/items"
    query = current_query(request)
    links = self_links(request, path, spec.title, GEOJSON, query)
    limit, offset = values["limit"], values["offset"]
    if offset + limit < page.matched:
        query["offset"] = [str(offset + limit)]
        links.append(link(url(request, path, query), "next", GEOJSON, "Volgende pagina"))
    if offset > 0:
        query["offset"] = [str(max(0, offset - limit))]
        links.append(link(url(request, path, query), "prev", GEOJSON, "Vorige pagina"))
    collection = url(request, f"/collections/{spec.id}")
    links.append(link(collection, "collection", JSON, spec.title))
    return links


def _page(spec: CollectionSpec, values: dict, srid: int) -> FeaturePage:
    bbox = values.get("bbox")
    area = bbox_area(bbox, values["bbox_srid"]) if bbox else None
    return feature_page(
        queryset=spec.select(values, area),
        properties=list(spec.properties),
        geometry=spec.geometry,
        srid=srid,
        limit=values["limit"],
        offset=values["offset"],
    )


def items_response(request: HttpRequest, spec: CollectionSpec, values: dict) -> HttpResponse:
    html = values["format"] == "html"
    srid = HTML_SRID if html else values["srid"]
    page = _page(spec, values, srid)
    links = _page_links(request, spec, values, page)
    if html:
        return html_response(
            request,
            "ogc/items.html",
            {"spec": spec, "page": page, "links": links, "map_config": _map_of(page.features)},
        )
    body = (
        # No timeStamp (optional in Part 1): the body is cached per ETag (a day), so the time
        # it was made is not the time of the response (/req/core/fc-timeStamp).
        '{"type":"FeatureCollection","numberMatched":'
        + str(page.matched)
        + ',"numberReturned":'
        + str(len(page.features))
        + ',"features":['
        + ",".join(_feature_text(feature) for feature in page.features)
        + '],"links":'
        + _dumps(links)
        + "}"
    )
    return json_response(body, GEOJSON, Content_Crs=content_crs(srid))


def item_response(
    request: HttpRequest, spec: CollectionSpec, feature_id: str, values: dict
) -> HttpResponse:
    html = values["format"] == "html"
    srid = HTML_SRID if html else values["srid"]
    feature = feature_get(
        queryset=spec.select(values, None),
        fid=feature_id,
        properties=list(spec.properties),
        geometry=spec.geometry,
        srid=srid,
    )
    if feature is None:
        return not_found(f"Collectie {spec.id} heeft geen object {feature_id[:80]}.")
    path = f"/collections/{spec.id}/items/{feature.id}"
    links = [
        *self_links(request, path, feature.id, GEOJSON, current_query(request)),
        link(url(request, f"/collections/{spec.id}"), "collection", JSON, spec.title),
    ]
    if html:
        name = feature.properties.get("naam") or feature.properties.get("label") or feature.id
        context = {
            "spec": spec,
            "feature": feature,
            "name": name,
            "links": links,
            "map_config": _map_of([feature]),
        }
        return html_response(request, "ogc/item.html", context)
    return json_response(
        _feature_text(feature, ',"links":' + _dumps(links)),
        GEOJSON,
        Content_Crs=content_crs(srid),
    )


def _basemap() -> dict[str, Any] | None:
    """The atlas's base map (the first of LEAFLET_CONFIG), as its pages use it."""
    tiles = settings.LEAFLET_CONFIG.get("TILES") or []
    if not tiles or not tiles[0][1]:
        return None
    name, address, extra = tiles[0]
    return {"name": name, "url": address, "options": extra}


def _map_of(features: list[Feature]) -> dict[str, Any]:
    """The small map's configuration (atlas/smallmap.js): the features in CRS84."""
    shapes = [
        {"type": "Feature", "geometry": json.loads(f.geometry), "properties": {}}
        for f in features
        if f.geometry
    ]
    return {"features": shapes, "basemap": _basemap()}


__all__ = ["HTML", "item_response", "items_response"]
