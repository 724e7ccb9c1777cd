"""The co-membership network (netwerk): municipality pairs weighted by the number of filtered
arrangements they share, drawn as lines between a point inside each municipality.

The whole network is computed in one statement (about 25,000 pairs and 0.3 s for every
arrangement of today), sorted by weight, and served in pages of 1,000 pairs (at most 10,000,
enough for the usual map of pairs sharing at least 5)."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable
from typing import Any

from django.http import QueryDict
from django.utils.http import urlencode
from drf_spectacular.utils import extend_schema
from rest_framework.request import Request

from collaborations.arrangements.selectors.network import Edge, network_edges
from collaborations.geography.selectors.points import MunicipalityPoint, municipality_points
from collaborations.models import Municipality

from .. import docs
from .. import docs_resources as rdocs
from ..collection import Collection
from ..pagination import Page
from ..params import InvalidParams, arrangement_filter_from, collect, parse_bool
from ..renderers import dumps
from .arrangements import geometry_for, parse_together
from .base import GeometryOptions, ReadView

DEFAULT_PAGE_SIZE = 1000
MAX_PAGE_SIZE = 10_000
MAX_MIN_SHARED = 1000


def _integer(minimum: int, maximum: int) -> Callable[[QueryDict, str], int | None]:
    def parse(query: QueryDict, name: str) -> int | None:
        raw = query.get(name)
        if raw in (None, ""):
            return None
        try:
            value = int(raw)
        except ValueError:
            raise ValueError("verwacht een geheel getal") from None
        if not minimum <= value <= maximum:
            raise ValueError(f"verwacht {minimum} t/m {maximum}")
        return value

    return parse


NETWORK_PARSERS = {
    "minimaalGedeeld": ("min_shared", _integer(1, MAX_MIN_SHARED)),
    "metIds": ("with_ids", parse_bool),
    "pagina": ("page", _integer(1, 10**6)),
    "paginaGrootte": ("size", _integer(1, MAX_PAGE_SIZE)),
}
COLUMNS = ["id", "bron", "bronNaam", "doel", "doelNaam", "gedeeld"]


def _network_options(query: QueryDict) -> dict[str, Any]:
    return collect(query, NETWORK_PARSERS)


def _municipality_ids(codes: tuple[str, ...]) -> list[int] | None:
    """The ids of the municipalities named by ``gemeente`` (None: no such parameter)."""
    if not codes:
        return None
    known = dict(Municipality.objects.filter(code__in=codes).values_list("code", "pk"))
    unknown = sorted(set(codes) - set(known))
    if unknown:
        reason = "onbekende gemeente(n) " + ", ".join(unknown)
        raise InvalidParams([{"name": "gemeente", "reason": reason}])
    return list(known.values())


def _line(a: MunicipalityPoint, b: MunicipalityPoint, precision: int) -> str | None:
    if a.x is None or b.x is None:
        return None

    def rounded(value: float) -> float | int:
        return round(value, precision) if precision else round(value)

    coordinates = [[rounded(a.x), rounded(a.y)], [rounded(b.x), rounded(b.y)]]
    return dumps({"type": "LineString", "coordinates": coordinates})


def _row(edge: Edge, points: dict[int, MunicipalityPoint], with_ids: bool) -> dict[str, Any]:
    a, b = sorted((points[edge.source_id], points[edge.target_id]), key=lambda p: p.code)
    row: dict[str, Any] = {
        "id": f"{a.code}-{b.code}",
        "bron": a.code,
        "bronNaam": a.name,
        "doel": b.code,
        "doelNaam": b.name,
        "gedeeld": edge.shared,
    }
    if with_ids:
        row["samenwerkingsverbanden"] = list(edge.arrangement_ids)
    return row


def _url(request: Request, number: int) -> str:
    query = request.query_params.copy()
    query["pagina"] = str(number)
    base = request.build_absolute_uri(request.path)
    return base + "?" + urlencode(sorted(query.lists()), doseq=True)


def _page(request: Request, total: int, number: int, size: int) -> Page:
    last = max(1, math.ceil(total / size))
    links = {
        "self": _url(request, number),
        "first": _url(request, 1),
        "prev": _url(request, number - 1) if number > 1 else None,
        "next": _url(request, number + 1) if number < last else None,
        "last": _url(request, last),
    }
    return Page(number=number, size=size, total=total, links=links)


class NetworkView(ReadView):
    download_name = "netwerk"

    @extend_schema(
        operation_id="netwerkOphalen",
        summary="Netwerk van gedeelde samenwerkingsverbanden",
        description=(
            "Paren van gemeenten (op de peildatum) met het aantal samenwerkingsverbanden dat "
            "zij delen, zwaarste paren eerst; als GeoJSON een lijn tussen een punt binnen elk "
            "van beide gemeenten (ST_PointOnSurface). Alle filters voor "
            "samenwerkingsverbanden bepalen welke verbanden meetellen, behalve `gemeente`: "
            "die beperkt het netwerk tot de paren waarin een van deze gemeenten zit. "
            "Pagina's van standaard 1000 paren (hoogstens 10000)."
        ),
        parameters=[
            *docs.ARRANGEMENT_PARAMETERS,
            *rdocs.NETWORK_PARAMETERS,
            *docs.GEOMETRY_PARAMETERS,
            *rdocs.NETWORK_PAGE_PARAMETERS,
        ],
        responses=docs.list_responses(rdocs.NetworkEdgeSchema, "netwerk"),
        tags=["netwerk"],
    )
    def get(self, request: Request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def build(self, request: Request) -> Collection:
        filters, options = parse_together(
            request.query_params, arrangement_filter_from, _network_options
        )
        geometry = geometry_for(self, request)
        with_ids = bool(options.get("with_ids"))
        edges = network_edges(
            filters=dataclasses.replace(filters, members=()),
            min_shared=options.get("min_shared", 1),
            with_ids=with_ids,
            municipality_ids=_municipality_ids(tuple(filters.members)),
        )
        ids = {e.source_id for e in edges} | {e.target_id for e in edges}
        points = municipality_points(municipality_ids=ids, srid=geometry.srid)
        rows = [_row(edge, points, with_ids) for edge in edges]
        rows.sort(key=lambda r: (-r["gedeeld"], r["bron"], r["doel"]))
        page = _page(
            request, len(rows), options.get("page", 1), options.get("size", DEFAULT_PAGE_SIZE)
        )
        rows = rows[page.offset : page.offset + page.size]
        return Collection(
            name="netwerk",
            rows=rows,
            geometries=self._lines(rows, points, geometry),
            **page.collection_fields(),
            crs=self.crs_label(geometry),
            columns=COLUMNS + (["samenwerkingsverbanden"] if with_ids else []),
        )

    @staticmethod
    def _lines(
        rows: list[dict[str, Any]], points: dict[int, MunicipalityPoint], options: GeometryOptions
    ) -> list[str | None] | None:
        if not options.include:
            return None
        by_code = {p.code: p for p in points.values()}
        return [_line(by_code[r["bron"]], by_code[r["doel"]], options.precision) for r in rows]
