"""The co-membership network (netwerk): municipality pairs weighted by the number of filtered
arrangements they share, drawn as lines between a point inside each municipality.

The whole network is computed in one statement (about 25,000 pairs and 0.3 s for every
arrangement of today), sorted by weight, and served in pages of 1,000 pairs (at most 10,000,
enough for the usual map of pairs sharing at least 5)."""

from __future__ import annotations

import dataclasses
from typing import Any

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.request import Request

from collaborations.arrangements.selectors.network import Edge, network_edges
from collaborations.geography.selectors.municipalities import municipality_ids
from collaborations.geography.selectors.points import MunicipalityPoint, municipality_points

from .. import docs
from .. import docs_resources as rdocs
from ..collection import Collection
from ..exceptions import Unprocessable
from ..pagination import page_at
from ..params import (
    ARRANGEMENT_FILTERS,
    BOOLEAN,
    GEOMETRY,
    Param,
    arrangement_filter,
    page_parameters,
)
from ..renderers import dumps
from .base import GeometryOptions, ReadView

MAX_MIN_SHARED = 1000
NETWORK_PARAMETERS = (
    Param(
        "minimaalGedeeld",
        {"type": "integer", "minimum": 1, "maximum": MAX_MIN_SHARED},
        "Alleen paren die minstens zoveel samenwerkingsverbanden delen (1-1000; standaard 1).",
        keyword="min_shared",
        default=1,
    ),
    Param(
        "metIds",
        BOOLEAN,
        "`true`: per paar ook de ids van de gedeelde samenwerkingsverbanden.",
        keyword="with_ids",
        default=False,
    ),
)
PAGE = page_parameters(default=1000, maximum=10_000, what="paren per pagina")
COLUMNS = ["id", "bron", "bronNaam", "doel", "doelNaam", "gedeeld"]


def _municipality_ids(codes: tuple[str, ...]) -> list[int] | None:
    """The ids of the municipalities named by ``gemeente`` (None: no such parameter); 422
    naming ``gemeente`` when one does not exist."""
    if not codes:
        return None
    known = municipality_ids(codes=codes)
    unknown = sorted(set(codes) - set(known))
    if unknown:
        raise Unprocessable({"gemeente": ["onbekende gemeente(n) " + ", ".join(unknown)]})
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


class NetworkView(ReadView):
    download_name = "netwerk"
    parameters = (*ARRANGEMENT_FILTERS, *NETWORK_PARAMETERS, *GEOMETRY, *PAGE)

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
        responses={
            **docs.list_responses(rdocs.NetworkEdgeSchema, "netwerk"),
            422: OpenApiResponse(description="Een gemeente in `gemeente` bestaat niet."),
        },
        tags=["netwerk"],
    )
    def get(self, request: Request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def build(self, request: Request) -> Collection:
        filters = arrangement_filter(self.params)
        geometry = self.geometry_options(request)
        with_ids = self.params["with_ids"]
        edges = network_edges(
            filters=dataclasses.replace(filters, members=()),
            min_shared=self.params["min_shared"],
            with_ids=with_ids,
            municipality_ids=_municipality_ids(tuple(filters.members)),
        )
        ids = {e.source_id for e in edges} | {e.target_id for e in edges}
        points = municipality_points(municipality_ids=ids, srid=geometry.srid)
        rows = [_row(edge, points, with_ids) for edge in edges]
        rows.sort(key=lambda r: (-r["gedeeld"], r["bron"], r["doel"]))
        page = page_at(
            request,
            number=self.params["page"],
            size=self.params["page_size"],
            total=len(rows),
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
