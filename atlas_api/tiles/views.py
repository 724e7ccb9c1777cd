"""Vector tiles: /api/v1/tegels/{laag}/{z}/{x}/{y} as Mapbox Vector Tiles.

The ETag is known before the tile is built (data version + tile + normalised filters), so a
revalidation costs one small query; built tiles are kept in the cache under their ETag."""

from __future__ import annotations

import dataclasses
import hashlib
import json

from django.conf import settings
from django.core.cache import BaseCache, caches
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.permissions import AllowAny
from rest_framework.renderers import BaseRenderer
from rest_framework.request import Request
from rest_framework.response import Response

from collaborations.arrangements.selectors.filters import ArrangementFilter
from collaborations.core.selectors import data_version
from collaborations.tiles.choices import MAX_ZOOM, TileLayer
from collaborations.tiles.selectors import tile_in_range, tile_mvt

from ..conditional import none_match, not_modified, opaque, validate, weak
from ..params import ARRANGEMENT_FILTERS, PATH, Param, arrangement_filter, choice
from ..problems import PROBLEM_CONTENT_TYPE, problem_response
from ..response_cache import MIN_LENGTH, compress, encoding_for
from ..views.api import ApiView

MVT_MEDIA_TYPE = "application/vnd.mapbox-vector-tile"
CACHE_CONTROL = "public, max-age=300"
#: A tile is the same in every Accept and language: it varies with its encoding only.
VARY = ("Accept-Encoding", "Origin")
CACHE_TIMEOUT = 24 * 60 * 60  # keys carry the data version, so a tile never goes stale
#: Bump when the content of tiles changes without a data change (new attributes, bands).
TILE_FORMAT = "2"  # 2: the attribute soort

#: URL name of a layer -> TileLayer.
LAYERS: dict[str, str] = {
    "gemeenten": TileLayer.GEMEENTE,
    "provincies": TileLayer.PROVINCIE,
    "samenwerkingsverbanden": TileLayer.SAMENWERKINGSVERBAND,
}


class MVTRenderer(BaseRenderer):
    """Tiles are built by PostGIS: the bytes pass through. Anything else is an error body
    (problem details) and is rendered as JSON."""

    media_type = MVT_MEDIA_TYPE
    format = "mvt"
    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None) -> bytes:
        if data is None or isinstance(data, bytes):
            return data or b""
        response = (renderer_context or {}).get("response")
        if response is not None and response.content_type is None:
            response["Content-Type"] = PROBLEM_CONTENT_TYPE
        return json.dumps(data, ensure_ascii=False, default=str).encode()


class TileContentNegotiation(BaseContentNegotiation):
    """A tile exists in one format only: ignore Accept (MapLibre sends various)."""

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


def tile_cache() -> BaseCache:
    """The ``tiles`` cache when settings define one, else the default cache."""
    return caches["tiles" if "tiles" in settings.CACHES else "default"]


def _canonical(value):
    if isinstance(value, tuple | list) and all(isinstance(v, str) for v in value):
        return sorted(str(v) for v in value)
    return value


def filter_key(layer: str, filters: ArrangementFilter) -> str:
    """The filters that shape a tile of ``layer``, in a canonical form: municipalities and
    provinces only honour ``provincie``; arrangements every filter, with the date resolved."""
    if layer != TileLayer.SAMENWERKINGSVERBAND:
        return f"{filters.country}|" + ",".join(sorted(filters.provinces))
    values = {f.name: _canonical(getattr(filters, f.name)) for f in dataclasses.fields(filters)}
    values["day"] = filters.on.isoformat()
    return json.dumps(values, sort_keys=True, default=str)


def tile_etag(*, layer: str, z: int, x: int, y: int, filters: ArrangementFilter) -> str:
    """The weak ETag of a tile (atlas_api.conditional): data version, tile and filters."""
    key = "|".join([TILE_FORMAT, data_version(), layer, f"{z}/{x}/{y}", filter_key(layer, filters)])
    return weak(hashlib.sha256(key.encode()).hexdigest()[:32])


def _tile_number(name: str, maximum: int, description: str) -> Param:
    schema = {"type": "integer", "minimum": 0, "maximum": maximum}
    return Param(name, schema, description, location=PATH, error_status=404)


#: A path outside the tile scheme names no tile: 404.
PATH_PARAMETERS = (
    Param("laag", choice(LAYERS), "De kaartlaag.", location=PATH, error_status=404),
    _tile_number("z", MAX_ZOOM, f"Zoomniveau, 0-{MAX_ZOOM}."),
    _tile_number("x", 2**MAX_ZOOM - 1, "Kolom, 0 tot 2^z."),
    _tile_number("y", 2**MAX_ZOOM - 1, "Rij (XYZ, noord = 0), 0 tot 2^z."),
)

DESCRIPTION = """Een vectortegel (Mapbox Vector Tile 2.1, EPSG:3857, XYZ-schema) met één laag,
genoemd naar `laag`. De geometrie is per zoomband vooraf vereenvoudigd met behoud van
topologie: buren delen hun grens op elk zoomniveau.

Attributen: `gemeenten`: code, naam, provincie; `provincies`: code, naam;
`samenwerkingsverbanden`: id, slug, naam, rechtsvormFamilie, rechtsvorm, verplicht, soort,
indeling (het aantal leden staat in `/samenwerkingsverbanden`). Het feature-id is het interne id van het object.

De filters voor samenwerkingsverbanden gelden voor de laag `samenwerkingsverbanden`; de lagen
`gemeenten` en `provincies` tonen de indeling van vandaag en volgen alleen `provincie` (en
`gemeenten` ook `land`: `land=be` toont de Vlaamse en Brusselse gemeenten).
Een tegel zonder objecten geeft 204 No Content."""


def _tile_body(
    layer: str, z: int, x: int, y: int, filters: ArrangementFilter, etag: str, encoding: str
) -> tuple[bytes, str]:
    """(body, its Content-Encoding): the tile compressed once per ETag and encoding and kept
    in the cache (atlas_api/response_cache.py skips tiles), built by PostGIS on a miss."""
    cache, key = tile_cache(), "tegel:" + opaque(etag)
    compressed_key = f"{key}:{encoding}"
    if encoding != "identity" and (entry := cache.get(compressed_key)) is not None:
        return entry
    content = cache.get(key)
    if content is None:
        content = tile_mvt(layer=layer, z=z, x=x, y=y, filters=filters)
        cache.set(key, content, CACHE_TIMEOUT)
    if encoding == "identity" or len(content or b"") < MIN_LENGTH:
        return content, "identity"
    entry = (compress(content, encoding), encoding)
    cache.set(compressed_key, entry, CACHE_TIMEOUT)
    return entry


class TileView(ApiView):
    permission_classes = [AllowAny]
    authentication_classes: list = []  # public data: no session or token lookups
    renderer_classes = [MVTRenderer]
    content_negotiation_class = TileContentNegotiation
    parameters = (*PATH_PARAMETERS, *ARRANGEMENT_FILTERS)

    @extend_schema(
        operation_id="tegelOphalen",
        summary="Vectortegel",
        description=DESCRIPTION,
        responses={
            (200, MVT_MEDIA_TYPE): OpenApiResponse(
                OpenApiTypes.BINARY, description="De tegel (Mapbox Vector Tile)."
            ),
            204: OpenApiResponse(description="Lege tegel: geen objecten in dit gebied."),
            304: OpenApiResponse(description="Niet gewijzigd (If-None-Match)."),
            400: OpenApiResponse(description="Ongeldige filterparameter(s)."),
            404: OpenApiResponse(description="Onbekende laag of tegel buiten het tegelschema."),
        },
        tags=["tegels"],
    )
    def get(self, request: Request, laag: str, z: int, x: int, y: int) -> Response:
        layer = LAYERS[laag]
        if not tile_in_range(z=z, x=x, y=y):
            return problem_response(404, _("Niet gevonden"), self._not_found_detail())
        filters = arrangement_filter(self.params)
        etag = tile_etag(layer=layer, z=z, x=x, y=y, filters=filters)
        if none_match(request._request, etag):
            return not_modified(etag, cache_control=CACHE_CONTROL, vary=VARY)
        encoding = encoding_for(request.META.get("HTTP_ACCEPT_ENCODING", ""))
        content, used = _tile_body(layer, z, x, y, filters, etag, encoding)
        response = Response(content or None, status=200 if content else 204)
        if used != "identity":
            response["Content-Encoding"] = used
        return validate(response, etag, cache_control=CACHE_CONTROL, vary=VARY)

    @staticmethod
    def _not_found_detail() -> str:
        return _("Deze tegel bestaat niet: zoom 0-%(max)d, x en y van 0 tot 2^zoom.") % {
            "max": MAX_ZOOM
        }
