"""The base of every read endpoint: content negotiation, CRS, conditional GET (ETag /
Last-Modified -> 304 before any data query), caching headers and geometry options."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import TextField
from django.db.models.functions import Coalesce
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from collaborations.core.functions import PRECISION, map_geojson
from collaborations.tiles.selectors import presimplified_geojson

from ..collection import Collection, Item
from ..conditional import (
    CACHE_CONTROL,
    current_version,
    none_match,
    not_modified,
    read_etag,
    validate,
)
from ..crs import crs_name
from ..pagination import Page, page_headers
from ..renderers import GEO_RENDERERS, PLAIN_RENDERERS, TABLE_FORMATS
from .api import ApiView


@dataclass(frozen=True)
class GeometryOptions:
    include: bool
    simplified: bool
    srid: int

    @property
    def precision(self) -> int:
        return PRECISION[self.srid][not self.simplified]


def geometry_expression(field: Any, options: GeometryOptions):
    """GeoJSON text of ``field`` (a field name or a geometry expression) made by PostGIS under the one map-geometry policy
    (collaborations.core.functions.map_geojson): simplified for lists, transformed, rounded."""
    return map_geojson(field, detail="map" if options.simplified else "full", srid=options.srid)


def presimplified_expression(layer: str, field: str, options: GeometryOptions):
    """GeoJSON text of the pre-simplified tile geometry of the row's object (``layer``), with
    the row's own geometry simplified in the database as a fallback (e.g. municipalities of
    earlier years, which have no tile geometry)."""
    tile = presimplified_geojson(layer=layer, srid=options.srid, precision=options.precision)
    return Coalesce(tile, geometry_expression(field, options), output_field=TextField())


class ReadView(ApiView):
    """Subclasses implement :meth:`build` returning a Collection or an Item, and declare their
    parameters (``parameters``; see :class:`ApiView`)."""

    permission_classes = [AllowAny]
    renderer_classes = GEO_RENDERERS
    has_geometry = True
    simplified_by_default = True
    #: the data version of this read, set by :meth:`validators` (None: not known)
    data_version: str | None = None

    def get_renderers(self):
        classes = GEO_RENDERERS if self.has_geometry else PLAIN_RENDERERS
        return [renderer() for renderer in classes]

    def geometry_options(self, request: Request) -> GeometryOptions:
        """From the declared geometry parameters (``geometrie``, ``geometrieDetail``,
        ``Accept-Crs``); tables (CSV, XLSX) never carry geometry."""
        table = getattr(getattr(request, "accepted_renderer", None), "format", "") in (
            TABLE_FORMATS
        )
        return GeometryOptions(
            include=self.params.get("geometry", True) and self.has_geometry and not table,
            simplified=self.params.get("simplified", self.simplified_by_default),
            srid=self.params.get("srid", settings.API_SRID),
        )

    # --- conditional GET (atlas_api.conditional: the same ETag as its middleware) ---------
    def validators(self, request: Request, **kwargs) -> tuple[str, Any, str]:
        """(ETag, last change, Cache-Control) of this read, known before any data query."""
        version, changed_at = current_version()
        self.data_version = version  # lists keep their counts per data version (page_of)
        return read_etag(request._request, version), changed_at, CACHE_CONTROL

    def get(self, request: Request, *args, **kwargs) -> Response:
        etag, changed_at, cache_control = self.validators(request, **kwargs)
        if none_match(request._request, etag):
            return not_modified(etag, changed_at, cache_control=cache_control)
        result = self.build(request, *args, **kwargs)
        response = Response(result, headers=self.headers_for(result))
        return validate(response, etag, changed_at, cache_control=cache_control)

    def headers_for(self, result: Collection | Item) -> dict[str, str]:
        headers: dict[str, str] = {}
        if self.has_geometry:
            headers["Content-Crs"] = result.crs
        if isinstance(result, Collection) and result.total is not None and result.page:
            headers.update(
                page_headers(Page(result.page, result.page_size or 0, result.total, result.links))
            )
        filename = getattr(self, "download_name", None)
        fmt = getattr(self.request.accepted_renderer, "format", "json")
        if filename and fmt in ("csv", "xlsx", "gpkg"):
            headers["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
        return headers

    def build(self, request: Request, *args, **kwargs) -> Collection | Item:  # pragma: no cover
        raise NotImplementedError

    @staticmethod
    def crs_label(options: GeometryOptions) -> str:
        return crs_name(options.srid)
