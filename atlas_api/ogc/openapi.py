"""The OpenAPI 3.0 document of the OGC API (``service-desc``), made from the same parameter
declarations that parse the requests. The fixed collections have their own paths (each with
its own filters); the collections of the divisions share ``/collections/{collectionId}``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.http import HttpRequest

from ..openapi import API_VERSION_HEADER, ERROR_DESCRIPTIONS, PROBLEM, PROBLEM_SCHEMA
from ..params import Param
from .collections import STATIC
from .links import ROOT
from .metadata import DESCRIPTION, TITLE
from .params import COLLECTION_ID, FEATURE_ID, ITEM, ITEMS, REGION_QUERY, F, path_text
from .responses import GEOJSON, HTML, JSON, MVT, OPENAPI, SCHEMA
from .tiles_params import TILE_PATH, TMS_ID

OBJECT = {"type": "object"}
DIVISION_COLLECTION = path_text(
    "collectionId",
    "Id van een collectie van regio's: `indeling-` en de code van de indeling.",
    r"^indeling-[a-z0-9-]{1,80}$",
)


def _ok(description: str, media_types: Sequence[str]) -> dict[str, Any]:
    content = {media: {"schema": dict(OBJECT)} for media in media_types}
    if HTML in content:
        content[HTML] = {"schema": {"type": "string"}}
    if MVT in content:
        content[MVT] = {"schema": {"type": "string", "format": "binary"}}
    return {
        "description": description,
        "headers": {"API-Version": {"$ref": "#/components/headers/API-Version"}},
        "content": content,
    }


def _error(code: str) -> dict[str, Any]:
    return {
        "description": ERROR_DESCRIPTIONS.get(code, "Fout."),
        "headers": {"API-Version": {"$ref": "#/components/headers/API-Version"}},
        "content": {PROBLEM: {"schema": {"$ref": "#/components/schemas/Probleem"}}},
    }


def _operation(
    operation_id: str,
    summary: str,
    tag: str,
    params: Sequence[Param],
    media_types: Sequence[str] = (JSON, HTML),
    *,
    not_found: bool = False,
) -> dict[str, Any]:
    responses: dict[str, Any] = {
        "200": _ok(summary, media_types),
        "304": {
            "description": "Niet gewijzigd (If-None-Match).",
            "headers": {"API-Version": {"$ref": "#/components/headers/API-Version"}},
        },
        "400": _error("400"),
    }
    if not_found:
        responses["404"] = _error("404")
    responses["500"] = _error("500")
    return {
        "get": {
            "operationId": operation_id,
            "summary": summary,
            "tags": [tag],
            "parameters": [p.openapi() for p in params],
            "responses": responses,
        }
    }


def _collection_paths(prefix: str, name: str, title: str, path_params, filters) -> dict:
    ours = tuple(path_params)
    return {
        prefix: _operation(f"{name}Collectie", f"{title}: de collectie", "collecties", (
            *ours, F), not_found=bool(ours)),
        f"{prefix}/items": _operation(
            f"{name}Objecten", f"{title}: objecten", "objecten",
            (*ours, *ITEMS, *filters), (GEOJSON, HTML), not_found=bool(ours)),
        f"{prefix}/items/{{featureId}}": _operation(
            f"{name}Object", f"{title}: één object", "objecten",
            (*ours, FEATURE_ID, *ITEM, *filters), (GEOJSON, HTML), not_found=True),
        f"{prefix}/schema": _operation(
            f"{name}Schema", f"{title}: JSON Schema", "collecties", (*ours, F), (SCHEMA, HTML),
            not_found=bool(ours)),
        f"{prefix}/queryables": _operation(
            f"{name}Queryables", f"{title}: queryables", "collecties", (*ours, F),
            (SCHEMA, HTML), not_found=bool(ours)),
    }  # fmt: skip


def _tile_paths() -> dict[str, Any]:
    prefix = "/collections/{collectionId}/tiles"
    return {
        "/tileMatrixSets": _operation("tegelschemas", "Tegelschema's", "tegels", (F,)),
        "/tileMatrixSets/{tileMatrixSetId}": _operation(
            "tegelschema", "Een tegelschema", "tegels", (TMS_ID, F), not_found=True
        ),
        prefix: _operation(
            "tegelsets", "Vectortegelsets", "tegels", (COLLECTION_ID, F), not_found=True
        ),
        f"{prefix}/{{tileMatrixSetId}}": _operation(
            "tegelset", "Een vectortegelset", "tegels", (COLLECTION_ID, TMS_ID, F), not_found=True
        ),
        f"{prefix}/{{tileMatrixSetId}}/tilejson": _operation(
            "tegelsetTilejson", "TileJSON", "tegels", (COLLECTION_ID, TMS_ID), (JSON,),
            not_found=True,
        ),
        f"{prefix}/{{tileMatrixSetId}}/{{tileMatrix}}/{{tileRow}}/{{tileCol}}": _operation(
            "tegel", "Een vectortegel (Mapbox Vector Tile)", "tegels",
            (COLLECTION_ID, *TILE_PATH), (MVT,), not_found=True,
        ),
    }  # fmt: skip


def openapi_document(request: HttpRequest | None = None) -> dict[str, Any]:
    server = request.build_absolute_uri(ROOT) if request is not None else ROOT
    paths: dict[str, Any] = {
        "/": _operation("landingspagina", "Landingspagina", "algemeen", (F,)),
        "/openapi": _operation(
            "openapi", "Dit OpenAPI-document", "algemeen", (F,), (OPENAPI, HTML)
        ),
        "/conformance": _operation("conformiteit", "Conformiteitsklassen", "algemeen", (F,)),
        "/collections": _operation("collecties", "Collecties", "collecties", (F,)),
    }
    for spec in STATIC:
        name = spec.id.replace("-", " ").title().replace(" ", "")
        name = name[0].lower() + name[1:]
        paths.update(_collection_paths(f"/collections/{spec.id}", name, spec.title, (),
                                       spec.filters))  # fmt: skip
    paths.update(
        _collection_paths(
            "/collections/{collectionId}", "indeling", "Regio's van een indeling",
            (DIVISION_COLLECTION,), REGION_QUERY,
        )
    )  # fmt: skip
    paths.update(_tile_paths())
    return {
        "openapi": "3.0.3",
        "info": {
            "title": TITLE,
            "description": DESCRIPTION,
            "version": settings.API_VERSION,
            "contact": settings.SPECTACULAR_SETTINGS["CONTACT"],
            "license": settings.SPECTACULAR_SETTINGS["LICENSE"],
        },
        "servers": [{"url": server, "description": TITLE}],
        "tags": [
            {"name": "algemeen", "description": "Landingspagina, conformiteit, OpenAPI."},
            {"name": "collecties", "description": "Collecties en hun schema's."},
            {"name": "objecten", "description": "Objecten (features) van een collectie."},
            {"name": "tegels", "description": "Vectortegels (OGC API Tiles)."},
        ],
        "paths": paths,
        "components": {
            "schemas": {"Probleem": PROBLEM_SCHEMA},
            "headers": {"API-Version": API_VERSION_HEADER},
        },
    }
