"""OGC API Tiles: the tile matrix sets (WebMercatorQuad and NetherlandsRDNewQuad), each
collection's vector tilesets, TileJSON, and the tiles themselves (Mapbox Vector Tiles by
ST_AsMVT from the pre-simplified tile geometry, with the ETags and cache of /api/v1/tegels)."""

from __future__ import annotations

import hashlib
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_safe

from collaborations.core.selectors import data_version
from collaborations.tiles.choices import MAX_ZOOM
from collaborations.tiles.selectors import (
    MVT_LAYER_NAMES,
    RD_CELL_SIZE,
    RD_MAX_LEVEL,
    RD_ORIGIN,
    RD_TILE_SIZE,
    TileOutOfRangeError,
    rd_tile_mvt,
    tile_mvt,
)

from ..conditional import none_match, not_modified, opaque, validate, weak
from ..params import InvalidParams, arrangement_filter
from ..tiles.views import CACHE_CONTROL, CACHE_TIMEOUT, TILE_FORMAT, VARY, filter_key, tile_cache
from .collections import CollectionSpec, collection_spec, peildatum
from .links import REL_TILING_SCHEME, link, self_links, url
from .params import COLLECTION_ID, DATETIME, F
from .responses import MVT, conditional, invalid, json_response, not_found, parsed
from .tiles_params import RD, TILE_PATH, TMS_ID, WEB_MERCATOR
from .views import _document

WEB_MERCATOR_ORIGIN = 20037508.3427892
WEB_MERCATOR_CELL = 156543.033928041
PIXEL = 0.00028  # metres: the standardized rendering pixel of OGC scale denominators
TMS = {
    WEB_MERCATOR: {
        "title": "Google Maps Compatible for the World",
        "uri": "http://www.opengis.net/def/tilematrixset/OGC/1.0/WebMercatorQuad",
        "crs": "http://www.opengis.net/def/crs/EPSG/0/3857",
        "origin": (-WEB_MERCATOR_ORIGIN, WEB_MERCATOR_ORIGIN),
        "cell": WEB_MERCATOR_CELL,
        "levels": MAX_ZOOM,
        "wellKnownScaleSet": "http://www.opengis.net/def/wkss/OGC/1.0/GoogleMapsCompatible",
    },
    RD: {
        "title": "Amersfoort / RD New, het tegelschema van PDOK",
        "crs": "http://www.opengis.net/def/crs/EPSG/0/28992",
        "origin": RD_ORIGIN,
        "cell": RD_CELL_SIZE,
        "levels": RD_MAX_LEVEL,
        "wellKnownScaleSet": "http://www.opengis.net/def/wkss/OGC/1.0/NLDEPSG28992Scale",
    },
}


def tile_matrix_set_document(request: HttpRequest, tms: str) -> dict[str, Any]:
    definition = TMS[tms]
    size = RD_TILE_SIZE
    origin = list(definition["origin"])
    matrices = [
        {
            "id": str(level),
            "scaleDenominator": round(definition["cell"] / 2**level / PIXEL, 6),
            "cellSize": definition["cell"] / 2**level,
            "cornerOfOrigin": "topLeft",
            "pointOfOrigin": origin,
            "tileWidth": size,
            "tileHeight": size,
            "matrixWidth": 2**level,
            "matrixHeight": 2**level,
        }
        for level in range(definition["levels"] + 1)
    ]
    extent = definition["cell"] * size
    document = {
        "id": tms,
        "title": definition["title"],
        "crs": definition["crs"],
        "orderedAxes": ["X", "Y"],
        "wellKnownScaleSet": definition["wellKnownScaleSet"],
        "boundingBox": {
            "crs": definition["crs"],
            "lowerLeft": [origin[0], origin[1] - extent],
            "upperRight": [origin[0] + extent, origin[1]],
        },
        "tileMatrices": matrices,
        "links": self_links(request, f"/tileMatrixSets/{tms}", definition["title"]),
    }
    if "uri" in definition:
        document["uri"] = definition["uri"]
    return document


def _tms_summary(request: HttpRequest, tms: str) -> dict[str, Any]:
    href = url(request, f"/tileMatrixSets/{tms}")
    summary = {"id": tms, "title": TMS[tms]["title"], "crs": TMS[tms]["crs"]}
    if "uri" in TMS[tms]:
        summary["uri"] = TMS[tms]["uri"]
    return {**summary, "links": [link(href, REL_TILING_SCHEME, "application/json", tms)]}


def _read(request: HttpRequest, params, path, build) -> HttpResponse:
    try:
        values = parsed(request, params, path)
    except InvalidParams as exc:
        return invalid(exc)
    return conditional(request, lambda: build(values))


@require_safe
def tile_matrix_sets(request: HttpRequest) -> HttpResponse:
    def build(values):
        document = {
            "tileMatrixSets": [_tms_summary(request, tms) for tms in TMS],
            "links": self_links(request, "/tileMatrixSets", "Tegelschema's"),
        }
        return _document(request, document, values)

    return _read(request, (F,), {}, build)


@require_safe
def tile_matrix_set(request: HttpRequest, tms: str) -> HttpResponse:
    def build(values):
        return _document(request, tile_matrix_set_document(request, tms), values)

    return _read(request, (TMS_ID, F), {"tileMatrixSetId": tms}, build)


def _tiles_spec(collection_id: str) -> CollectionSpec | HttpResponse:
    spec = collection_spec(collection_id)
    if spec is None or spec.tile_layer is None:
        return not_found(f"Collectie {collection_id[:80]} heeft geen vectortegels.")
    return spec


def _template(request: HttpRequest, spec: CollectionSpec, tms: str) -> str:
    base = url(request, f"/collections/{spec.id}/tiles/{tms}")
    return base + "/{tileMatrix}/{tileRow}/{tileCol}"


def tileset_document(request: HttpRequest, spec: CollectionSpec, tms: str) -> dict[str, Any]:
    path = f"/collections/{spec.id}/tiles/{tms}"
    template = {**link(_template(request, spec, tms), "item", MVT, "Tegel"), "templated": True}
    return {
        "title": f"{spec.title} ({tms})",
        "dataType": "vector",
        "crs": TMS[tms]["crs"],
        "tileMatrixSetURI": TMS[tms].get("uri", url(request, f"/tileMatrixSets/{tms}")),
        "layers": [
            {"id": MVT_LAYER_NAMES[spec.tile_layer], "dataType": "vector", "geometryDimension": 2}
        ],
        "links": [
            *self_links(request, path, spec.title),
            link(url(request, f"/tileMatrixSets/{tms}"), REL_TILING_SCHEME, "application/json",
                 tms),
            link(url(request, f"{path}/tilejson"), "describedby", "application/json", "TileJSON"),
            template,
        ],
    }  # fmt: skip


@require_safe
def tilesets(request: HttpRequest, collection_id: str) -> HttpResponse:
    spec = _tiles_spec(collection_id)
    if isinstance(spec, HttpResponse):
        return spec

    def build(values):
        document = {
            "tilesets": [tileset_document(request, spec, tms) for tms in TMS],
            "links": self_links(request, f"/collections/{spec.id}/tiles", spec.title),
        }
        return _document(request, document, values)

    return _read(request, (COLLECTION_ID, F), {"collectionId": collection_id}, build)


@require_safe
def tileset(request: HttpRequest, collection_id: str, tms: str) -> HttpResponse:
    spec = _tiles_spec(collection_id)
    if isinstance(spec, HttpResponse):
        return spec
    path = {"collectionId": collection_id, "tileMatrixSetId": tms}
    return _read(
        request,
        (COLLECTION_ID, TMS_ID, F),
        path,
        lambda values: _document(request, tileset_document(request, spec, tms), values),
    )


@require_safe
def tilejson(request: HttpRequest, collection_id: str, tms: str) -> HttpResponse:
    spec = _tiles_spec(collection_id)
    if isinstance(spec, HttpResponse):
        return spec

    def build(values):
        layer = MVT_LAYER_NAMES[spec.tile_layer]
        fields = {name: schema.get("type", "string") for name, schema in spec.properties.items()}
        template = url(request, f"/collections/{spec.id}/tiles/{tms}") + "/{z}/{y}/{x}"
        document = {
            "tilejson": "3.0.0",
            "name": spec.title,
            "description": spec.description,
            "scheme": "xyz",
            "tiles": [template],
            "minzoom": 0,
            "maxzoom": TMS[tms]["levels"],
            "bounds": [3.2, 50.7, 7.3, 53.6],
            "attribution": "CBS / PDOK (CC BY 4.0), Regioatlas",
            "vector_layers": [{"id": layer, "fields": fields}],
        }
        if tms == RD:
            document["crs"] = "EPSG:28992"
        return json_response(document)

    path = {"collectionId": collection_id, "tileMatrixSetId": tms}
    return _read(request, (COLLECTION_ID, TMS_ID), path, build)


def _etag(spec: CollectionSpec, tms: str, tile: str, filters) -> str:
    key = "|".join(
        [TILE_FORMAT, data_version(), tms, spec.tile_layer, tile, filter_key(spec.tile_layer,
                                                                              filters)]
    )  # fmt: skip
    return weak(hashlib.sha256(key.encode()).hexdigest()[:32])


def _tile_bytes(spec: CollectionSpec, tms: str, z: int, row: int, col: int, filters) -> bytes:
    if tms == WEB_MERCATOR:
        return tile_mvt(layer=spec.tile_layer, z=z, x=col, y=row, filters=filters)
    return rd_tile_mvt(layer=spec.tile_layer, level=z, row=row, col=col, filters=filters)


@require_safe
def tile(
    request: HttpRequest, collection_id: str, tms: str, z: int, row: int, col: int
) -> HttpResponse:
    spec = _tiles_spec(collection_id)
    if isinstance(spec, HttpResponse):
        return spec
    path = {
        "collectionId": collection_id,
        "tileMatrixSetId": tms,
        "tileMatrix": z,
        "tileRow": row,
        "tileCol": col,
    }
    try:
        values = parsed(request, (COLLECTION_ID, *TILE_PATH, DATETIME, *spec.filters), path)
    except InvalidParams as exc:
        return invalid(exc)
    values.pop("format", None)
    if "day" in values:
        values["day"] = peildatum(values["day"])
    filters = arrangement_filter({**values, **spec.tile_filters})
    etag = _etag(spec, tms, f"{z}/{row}/{col}", filters)
    if none_match(request, etag):
        return not_modified(etag, cache_control=CACHE_CONTROL, vary=VARY)
    cache, key = tile_cache(), "ogc-tegel:" + opaque(etag)
    content = cache.get(key)
    if content is None:
        try:
            content = _tile_bytes(spec, tms, z, row, col, filters)
        except TileOutOfRangeError:
            return not_found(f"Tegel {z}/{row}/{col} bestaat niet in {tms}.")
        cache.set(key, content, CACHE_TIMEOUT)
    response = HttpResponse(content, status=200 if content else 204, content_type=MVT)
    return validate(response, etag, cache_control=CACHE_CONTROL, vary=VARY)
