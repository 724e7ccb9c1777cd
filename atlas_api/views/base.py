"""The base of every read endpoint: content negotiation, CRS, conditional GET (ETag /
Last-Modified -> 304 before any data query), caching headers and geometry options."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from django.contrib.gis.db.models.functions import AsGeoJSON, Transform
from django.db.models import F, Value
from django.http import Http404
from django.utils.http import http_date, quote_etag
from rest_framework.exceptions import NotAcceptable
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from collaborations.functions import Multi, SimplifyPreserveTopology
from collaborations.models import DataVersion
from collaborations.selectors.versioning import DEFAULT_KEY

from ..collection import Collection, Item
from ..crs import crs_name, negotiated_srid
from ..pagination import page_headers
from ..params import collect, parse_bool
from ..renderers import GEO_RENDERERS, PLAIN_RENDERERS

CACHE_CONTROL = "public, max-age=60, must-revalidate"


@dataclass(frozen=True)
class GeometryOptions:
    include: bool
    simplified: bool
    srid: int

    @property
    def precision(self) -> int:
        if self.srid == 28992:
            return 0 if self.simplified else 2
        return 5 if self.simplified else 7


SIMPLIFY_TOLERANCE_DEGREES = 0.0005  # about 35-55 m in the Netherlands


def geometry_expression(field: str, options: GeometryOptions):
    """GeoJSON text of ``field`` made by PostGIS: simplified (lists), transformed, rounded."""
    expression: Any = F(field)
    if options.simplified:
        expression = Multi(SimplifyPreserveTopology(expression, Value(SIMPLIFY_TOLERANCE_DEGREES)))
    if options.srid != 4326:
        expression = Transform(expression, options.srid)
    return AsGeoJSON(expression, precision=options.precision)


class ReadView(APIView):
    """Subclasses implement :meth:`build` returning a Collection or an Item."""

    permission_classes = [AllowAny]
    renderer_classes = GEO_RENDERERS
    has_geometry = True
    simplified_by_default = True

    def get_renderers(self):
        classes = GEO_RENDERERS if self.has_geometry else PLAIN_RENDERERS
        return [renderer() for renderer in classes]

    def perform_content_negotiation(self, request, force=False):
        """An unknown ``formaat`` is 406 Not Acceptable (DRF answers 404)."""
        try:
            return super().perform_content_negotiation(request, force)
        except Http404:
            raise NotAcceptable(
                "Onbekend formaat; kies uit json, geojson, csv, xlsx, gpkg."
            ) from None

    def geometry_options(self, request: Request) -> GeometryOptions:
        def detail(query, name):
            value = query.get(name)
            if value in (None, ""):
                return None
            if value not in ("vereenvoudigd", "volledig"):
                raise ValueError("verwacht vereenvoudigd of volledig")
            return value == "vereenvoudigd"

        values = collect(
            request.query_params,
            {"geometrie": ("include", parse_bool), "geometrieDetail": ("simplified", detail)},
        )
        return GeometryOptions(
            include=values.get("include", True) and self.has_geometry,
            simplified=values.get("simplified", self.simplified_by_default),
            srid=negotiated_srid(request),
        )

    # --- conditional GET ---------------------------------------------------------------
    def _version(self) -> tuple[str, Any]:
        row = DataVersion.objects.filter(key=DEFAULT_KEY).values_list("version", "changed_at")
        row = row.first()
        return (str(row[0]), row[1]) if row else ("0", None)

    def _etag(self, request: Request, version: str) -> str:
        key = "|".join(
            [
                version,
                request.path,
                "&".join(sorted(request.META.get("QUERY_STRING", "").split("&"))),
                request.accepted_media_type or "",
                request.headers.get("Accept-Crs", ""),
                request.headers.get("Accept-Language", "")[:20],
            ]
        )
        return quote_etag(hashlib.sha256(key.encode()).hexdigest()[:32])

    def get(self, request: Request, *args, **kwargs) -> Response:
        version, changed_at = self._version()
        etag = self._etag(request, version)
        if etag in [t.strip() for t in request.headers.get("If-None-Match", "").split(",")]:
            response = Response(status=304)
        else:
            result = self.build(request, *args, **kwargs)
            response = Response(result, headers=self.headers_for(result))
        response["ETag"] = etag
        response["Cache-Control"] = CACHE_CONTROL
        if changed_at is not None:
            response["Last-Modified"] = http_date(changed_at.timestamp())
        return response

    def headers_for(self, result: Collection | Item) -> dict[str, str]:
        headers: dict[str, str] = {}
        if self.has_geometry:
            headers["Content-Crs"] = result.crs
        if isinstance(result, Collection) and result.total is not None and result.page:
            from ..pagination import Page

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
