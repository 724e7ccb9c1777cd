"""The patchwork's colours (kleuren): every filtered arrangement with a colour such that
arrangements whose footprints overlap or touch never share one (a graph colouring,
collaborations.arrangements.selectors.colouring), and its footprint drawn slightly inset for
the map's *Grenzen* mode."""

from __future__ import annotations

from typing import Any

from django.db.models import F, Value
from django.db.models.functions import NullIf
from drf_spectacular.utils import extend_schema
from rest_framework.request import Request

from collaborations.arrangements.selectors.colouring import (
    PALETTE,
    colour_style,
    footprint_colouring,
    footprint_outlines,
)
from collaborations.arrangements.selectors.filters import ArrangementFilter, arrangements_filter

from .. import docs
from .. import docs_resources as rdocs
from ..collection import Collection
from ..params import ARRANGEMENT_FILTERS, GEOMETRY, arrangement_filter
from ..params.colouring import ZOOM
from .base import ReadView

#: Metres per pixel at zoom 0 at the latitude of the Netherlands (52°): 156543 m * cos 52°.
METRES_PER_PIXEL = 96_378
INSET_PIXELS = 1.5
#: Above this many arrangements there are no outlines (the map then draws the fills).
MAX_OUTLINES = 400
COLUMNS = ["id", "naam", "korteNaam", "kleur", "kleurcode", "streepjes"]


def _rows(filters: ArrangementFilter, colours: dict[int, int]) -> list[dict[str, Any]]:
    """A row per coloured arrangement, by name."""
    names = (
        arrangements_filter(filters=filters)
        .order_by("name", "pk")
        .values("id", naam=F("name"), korteNaam=NullIf(F("short_name"), Value("")))
    )
    rows = []
    for base in names:
        if base["id"] not in colours:
            continue
        colour, dash = colour_style(colours[base["id"]])
        rows.append(
            {
                **base,
                "kleur": colours[base["id"]],
                "kleurcode": colour,
                "streepjes": dash or None,
            }
        )
    return rows


class ColouringView(ReadView):
    download_name = "kleuren"
    parameters = (*ARRANGEMENT_FILTERS, ZOOM, *GEOMETRY)

    @extend_schema(
        operation_id="samenwerkingsverbandenKleuren",
        summary="Kleuren van de lappendeken",
        description=(
            "Elk samenwerkingsverband onder de filters met een kleurindex (`kleur`), zo "
            "gekozen dat verbanden waarvan de gebieden op de peildatum overlappen of aan "
            "elkaar grenzen nooit dezelfde kleur hebben (graafkleuring, DSatur). `kleurcode` "
            f"komt uit een kleurenblindveilig palet van {len(PALETTE)} kleuren (Okabe-Ito, "
            "Paul Tol); zijn er meer kleuren nodig, dan keert het palet terug met een "
            "streepjespatroon (`streepjes`, SVG stroke-dasharray). De geometrie is het gebied "
            "iets naar binnen verschoven voor het gevraagde `zoom`-niveau, zodat samenvallende "
            f"grenzen naast elkaar liggen; boven {MAX_OUTLINES} verbanden is er geen geometrie."
        ),
        responses=docs.list_responses(rdocs.ColourSchema, "kleuren"),
        tags=["samenwerkingsverbanden"],
    )
    def get(self, request: Request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def build(self, request: Request) -> Collection:
        filters = arrangement_filter(self.params)
        geometry = self.geometry_options(request)
        colours = footprint_colouring(filters=filters)
        rows = _rows(filters, colours)
        ids = [row["id"] for row in rows]
        geometries = None
        if geometry.include:
            outlines: dict[int, str] = {}
            if len(ids) <= MAX_OUTLINES:
                pixel = METRES_PER_PIXEL / 2 ** self.params["zoom"]
                outlines = footprint_outlines(
                    ids=ids,
                    day=filters.day,
                    inset=INSET_PIXELS * pixel,
                    tolerance=pixel,
                    srid=geometry.srid,
                    precision=4 if self.params["zoom"] < 11 and geometry.srid == 4326 else 5,
                )
            geometries = [outlines.get(row["id"]) for row in rows]
        return Collection(
            name="kleuren",
            rows=rows,
            geometries=geometries,
            total=len(rows),
            crs=self.crs_label(geometry),
            columns=COLUMNS,
        )
