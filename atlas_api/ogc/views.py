"""The views of the OGC API: each parses its declared parameters (a bad or unknown one is a
400 problem naming it), finds its collection, and builds its document under the API's
conditional, cached reads. JSON or HTML by ``f`` or Accept."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_safe

from . import metadata
from .collections import CollectionSpec, collection_spec
from .features import item_response, items_response
from .openapi import openapi_document
from .params import COLLECTION_ID, FEATURE_ID, ITEM, ITEMS, F
from .responses import (
    JSON,
    OPENAPI,
    SCHEMA,
    InvalidParams,
    conditional,
    html_response,
    invalid,
    json_response,
    not_found,
    parsed,
)

#: What the HTML pages read of a JSON document (absent ones are None).
PAGE_KEYS = (
    "title",
    "description",
    "links",
    "conformsTo",
    "collections",
    "id",
    "extent",
    "crs",
    "tileMatrixSets",
    "tileMatrices",
    "tilesets",
    "properties",
    "info",
    "paths",
)
Document = Callable[[HttpRequest], dict[str, Any]]


def _read(
    request: HttpRequest,
    params: Sequence,
    path: dict[str, Any],
    build: Callable[[dict[str, Any]], HttpResponse],
) -> HttpResponse:
    try:
        values = parsed(request, params, path)
    except InvalidParams as exc:
        return invalid(exc)
    return conditional(request, lambda: build(values))


def _document(
    request: HttpRequest,
    document: dict[str, Any],
    values: dict[str, Any],
    template: str = "ogc/document.html",
    media_type: str = JSON,
) -> HttpResponse:
    if values["format"] == "html":
        page = {key: document.get(key) for key in PAGE_KEYS}
        page["title"] = page["title"] or document.get("id") or document.get("$id")
        return html_response(request, template, {"document": page})
    return json_response(document, media_type)


def _simple(document: Document, template: str, media_type: str = JSON):
    @require_safe
    def view(request: HttpRequest) -> HttpResponse:
        return _read(
            request,
            (F,),
            {},
            lambda values: _document(request, document(request), values, template, media_type),
        )

    return view


landing = _simple(metadata.landing, "ogc/landing.html")
conformance = _simple(metadata.conformance, "ogc/document.html")
collections = _simple(metadata.collections_document, "ogc/collections.html")
openapi = _simple(openapi_document, "ogc/openapi.html", OPENAPI)


def _spec_or_404(collection_id: str) -> CollectionSpec | HttpResponse:
    spec = collection_spec(collection_id)
    if spec is None:
        return not_found(f"Er is geen collectie {collection_id[:80]}.")
    return spec


def _collection_read(
    request: HttpRequest,
    collection_id: str,
    params: Callable[[CollectionSpec], Sequence],
    build: Callable[[CollectionSpec, dict[str, Any]], HttpResponse],
    path: dict[str, Any] | None = None,
) -> HttpResponse:
    spec = _spec_or_404(collection_id)
    if isinstance(spec, HttpResponse):
        return spec
    path = {"collectionId": collection_id, **(path or {})}
    return _read(request, (COLLECTION_ID, *params(spec)), path, lambda v: build(spec, v))


@require_safe
def collection(request: HttpRequest, collection_id: str) -> HttpResponse:
    return _collection_read(
        request,
        collection_id,
        lambda spec: (F,),
        lambda spec, values: _document(
            request,
            metadata.collection_document(request, spec),
            values,
            "ogc/collection.html",
        ),
    )


@require_safe
def schema(request: HttpRequest, collection_id: str) -> HttpResponse:
    return _collection_read(
        request,
        collection_id,
        lambda spec: (F,),
        lambda spec, values: _document(
            request, metadata.schema_document(request, spec), values, media_type=SCHEMA
        ),
    )


@require_safe
def queryables(request: HttpRequest, collection_id: str) -> HttpResponse:
    return _collection_read(
        request,
        collection_id,
        lambda spec: (F,),
        lambda spec, values: _document(
            request, metadata.queryables_document(request, spec), values, media_type=SCHEMA
        ),
    )


@require_safe
def items(request: HttpRequest, collection_id: str) -> HttpResponse:
    return _collection_read(
        request,
        collection_id,
        lambda spec: (*ITEMS, *spec.filters),
        lambda spec, values: items_response(request, spec, values),
    )


@require_safe
def item(request: HttpRequest, collection_id: str, feature_id: str) -> HttpResponse:
    return _collection_read(
        request,
        collection_id,
        lambda spec: (FEATURE_ID, *ITEM, *spec.filters),
        lambda spec, values: item_response(request, spec, feature_id, values),
        {"featureId": feature_id},
    )
