"""The documents that describe the data: landing page, conformance, collections (with extent,
CRS list and links), a collection's JSON Schema (``describedby``) and its queryables."""

from __future__ import annotations

from typing import Any

from django.core.cache import caches
from django.http import HttpRequest

from collaborations.core.features import feature_extent
from collaborations.core.selectors import data_version
from collaborations.geography.selectors.features import municipality_first_day

from .collections import CollectionSpec, collection_specs
from .crs import STORAGE_CRS, URIS
from .links import (
    REL_CONFORMANCE,
    REL_DATA,
    REL_QUERYABLES,
    REL_TILESETS,
    REL_TILING_SCHEMES,
    link,
    self_links,
    url,
)
from .responses import GEOJSON, HTML, JSON, OPENAPI, SCHEMA

TITLE = "Regioatlas OGC API"
DESCRIPTION = (
    "De Regioatlas als OGC API Features en Tiles: gemeenten, provincies, "
    "samenwerkingsverbanden, de regio's van elke indeling en de BRE-clusters, door de tijd "
    "(`datetime` is de peildatum), in CRS84, RD New en ETRS89."
)
CONFORMANCE = [
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
    "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs",
    "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables",
    "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables-query-parameters",
    "http://www.opengis.net/spec/ogcapi-common-1/1.0/conf/core",
    "http://www.opengis.net/spec/ogcapi-common-1/1.0/conf/json",
    "http://www.opengis.net/spec/ogcapi-common-1/1.0/conf/html",
    "http://www.opengis.net/spec/ogcapi-common-1/1.0/conf/oas30",
    "http://www.opengis.net/spec/ogcapi-common-2/1.0/conf/collections",
    "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/core",
    "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/tileset",
    "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/tilesets-list",
    "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/geodata-tilesets",
    "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/mvt",
    "http://www.opengis.net/spec/tms/2.0/conf/tilematrixset",
    "http://www.opengis.net/spec/tms/2.0/conf/json-tilematrixset",
]
TRS = "http://www.opengis.net/def/uom/ISO-8601/0/Gregorian"
JSON_SCHEMA = "https://json-schema.org/draft/2019-09/schema"


def landing(request: HttpRequest) -> dict[str, Any]:
    return {
        "title": TITLE,
        "description": DESCRIPTION,
        "links": [
            *self_links(request, "", TITLE),
            link(url(request, "/openapi"), "service-desc", OPENAPI, "OpenAPI 3.0 (JSON)"),
            link(url(request, "/openapi", {"f": "html"}), "service-doc", HTML, "API-documentatie"),
            link(url(request, "/conformance"), REL_CONFORMANCE, JSON, "Conformiteitsklassen"),
            link(url(request, "/collections"), REL_DATA, JSON, "Collecties"),
            link(url(request, "/tileMatrixSets"), REL_TILING_SCHEMES, JSON, "Tegelschema's"),
        ],
    }


def conformance(request: HttpRequest) -> dict[str, Any]:
    return {
        "conformsTo": CONFORMANCE,
        "links": self_links(request, "/conformance", "Conformiteitsklassen"),
    }


def _extent_of(spec: CollectionSpec) -> dict[str, Any]:
    """Spatial extent (CRS84) of today's features and the temporal interval (cached per data
    version: one aggregate per collection)."""
    key = f"ogc-extent:{data_version()}:{spec.id}"
    cached = caches["default"].get(key)
    if cached is not None:
        return cached
    box = feature_extent(queryset=spec.select({}, None), geometry=spec.geometry)
    first = municipality_first_day() if spec.id == "gemeenten" else spec.first_day
    extent: dict[str, Any] = {
        "spatial": {
            "bbox": [[round(v, 6) for v in box]] if box else [[-180, -90, 180, 90]],
            "crs": STORAGE_CRS,
        }
    }
    if spec.temporal:
        extent["temporal"] = {
            "interval": [[f"{first.isoformat()}T00:00:00Z" if first else None, None]],
            "trs": TRS,
        }
    caches["default"].set(key, extent, 24 * 60 * 60)
    return extent


def collection_document(request: HttpRequest, spec: CollectionSpec) -> dict[str, Any]:
    path = f"/collections/{spec.id}"
    links = [
        *self_links(request, path, spec.title),
        link(url(request, f"{path}/items"), "items", GEOJSON, f"{spec.title} (GeoJSON)"),
        link(url(request, f"{path}/items", {"f": "html"}), "items", HTML, f"{spec.title} (HTML)"),
        link(url(request, f"{path}/schema"), "describedby", SCHEMA, "JSON Schema"),
        # The same relation as GDAL (3.6) spells it (relation types are case-insensitive,
        # RFC 8288): then ogrinfo/QGIS take the field types from the schema.
        link(url(request, f"{path}/schema"), "describedBy", SCHEMA, "JSON Schema (GDAL)"),
        link(url(request, f"{path}/queryables"), REL_QUERYABLES, SCHEMA, "Queryables"),
    ]
    if spec.tile_layer:
        links.append(link(url(request, f"{path}/tiles"), REL_TILESETS, JSON, "Vectortegels"))
    return {
        "id": spec.id,
        "title": spec.title,
        "description": spec.description,
        "itemType": "feature",
        "crs": list(URIS.values()),
        "storageCrs": STORAGE_CRS,
        "extent": _extent_of(spec),
        "links": links,
    }


def collections_document(request: HttpRequest) -> dict[str, Any]:
    return {
        "links": self_links(request, "/collections", "Collecties"),
        "collections": [collection_document(request, spec) for spec in collection_specs()],
    }


def schema_document(request: HttpRequest, spec: CollectionSpec) -> dict[str, Any]:
    """The JSON Schema of a feature of ``spec`` (GDAL reads the property types from it)."""
    return {
        "$schema": JSON_SCHEMA,
        "$id": url(request, f"/collections/{spec.id}/schema"),
        "title": spec.title,
        "type": "object",
        "required": ["type", "geometry", "properties"],
        "properties": {
            "type": {"type": "string", "enum": ["Feature"]},
            "id": {"type": "string"},
            "geometry": {"$ref": "https://geojson.org/schema/MultiPolygon.json"},
            "properties": {
                "type": "object",
                # One type per property (GDAL reads a single type); null means unknown.
                "properties": {name: dict(schema) for name, schema in spec.properties.items()},
            },
        },
    }


def _queryable(param) -> dict[str, Any]:
    schema = dict(param.schema)
    if schema.get("type") == "array":  # a comma-separated list of values
        schema = dict(schema["items"])
    schema.pop("example", None)
    return {"description": param.description, **schema}


def queryables_document(request: HttpRequest, spec: CollectionSpec) -> dict[str, Any]:
    """Part 3 queryables: the collection's filters, each a query parameter of ``items``."""
    return {
        "$schema": JSON_SCHEMA,
        "$id": url(request, f"/collections/{spec.id}/queryables"),
        "type": "object",
        "title": spec.title,
        "properties": {param.name: _queryable(param) for param in spec.filters},
    }
