"""Official divisions (indelingen) and their regions."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import F, Value
from django.db.models.functions import NullIf
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework.request import Request

from collaborations.divisions.selectors import (
    division_get,
    division_list,
    division_regions,
    division_versions,
    region_member_codes,
)
from collaborations.geography.selectors.validity import today

from .. import docs
from .. import docs_resources as rdocs
from ..collection import Collection, Item
from ..params import GEOMETRY, LAND, PEILDATUM, SLUG, path_code
from .arrangements import footprint_expression
from .base import ReadView

if TYPE_CHECKING:
    from collaborations.divisions.models import Division

DIVISION_VALUES = {
    "naam": F("name"),
    "domein": F("domain"),
    "soort": F("kind"),
    "land": F("country"),
    "versie": F("version_label"),
    "versieVanaf": F("version_from"),
    "aantalVersies": F("version_count"),
    "bron": F("source__slug"),
    "aantalRegios": F("region_count"),
}
DIVISION_COLUMNS = ["slug", *DIVISION_VALUES]
REGION_VALUES = {
    "naam": F("name"),
    "korteNaam": NullIf(F("short_name"), Value("")),
    "regiocode": NullIf(F("region_code"), Value("")),
    "aantalLeden": F("member_count"),
}
REGION_COLUMNS = ["id", "slug", *REGION_VALUES, "leden"]
DIVISION = path_code(
    "slug", SLUG, "veiligheidsregios", "Code van de indeling, bijv. `veiligheidsregios`."
)


def _division(slug: str) -> Division:
    division = division_get(slug=slug)
    if division is None:
        raise Http404
    return division


def _regions(division: Division, day, extra: dict[str, Any]) -> list[dict]:
    """The division's regions on ``day``, with the codes of their members (2 queries)."""
    rows = list(
        division_regions(division=division, day=day).values("id", "slug", **REGION_VALUES, **extra)
    )
    members = region_member_codes(region_ids=[row["id"] for row in rows], day=day)
    for row in rows:
        row["leden"] = members.get(row["id"], [])
    return rows


class DivisionListView(ReadView):
    has_geometry = False
    download_name = "indelingen"
    parameters = (PEILDATUM, LAND)

    @extend_schema(
        operation_id="indelingenZoeken",
        summary="Indelingen",
        description=(
            "De officiële indelingen (zoals de 25 veiligheidsregio's): families van regio's "
            "die samen (een deel van) het land bedekken, elk met haar versies door de tijd. "
            "`versie` en `versieVanaf` noemen de versie die op de peildatum geldt, "
            "`aantalRegios` telt de gepubliceerde regio's van die dag."
        ),
        responses=docs.list_responses(rdocs.DivisionSchema, "indelingen", geo=False),
        tags=["indelingen"],
    )
    def get(self, request: Request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def build(self, request: Request) -> Collection:
        day = self.params.get("day") or today()
        rows = list(
            division_list(day=day, country=self.params["country"]).values("slug", **DIVISION_VALUES)
        )
        return Collection(
            name="indelingen",
            rows=rows,
            id_field="slug",
            total=len(rows),
            columns=DIVISION_COLUMNS,
        )


class DivisionDetailView(ReadView):
    has_geometry = False
    parameters = (DIVISION, PEILDATUM)

    @extend_schema(
        operation_id="indelingOphalen",
        summary="Eén indeling",
        description=(
            "Een indeling met haar versies (per versie de regio's die bleven, nieuw waren of "
            "ophielden, en de gemeenten die van regio wisselden) en haar regio's op de "
            "peildatum; per regio de gemeenten die op die datum de leden vertegenwoordigen. "
            "De gebieden van de regio's staan in `/indelingen/{slug}/regios` (ook als GeoJSON)."
        ),
        responses=docs.item_responses(rdocs.DivisionDetailSchema, geo=False),
        tags=["indelingen"],
    )
    def get(self, request: Request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def build(self, request: Request, slug: str) -> Item:
        division = _division(slug)
        day = self.params.get("day") or today()
        row = (
            division_list(day=day, country=None)
            .filter(pk=division.pk)
            .values("slug", **DIVISION_VALUES)
            .first()
        )
        row["omschrijving"] = division.description or None
        row["peildatum"] = day
        row["versies"] = division_versions(division=division)
        row["regios"] = _regions(division, day, {})
        return Item(name="indeling", row=row, id_field="slug")


class DivisionRegionListView(ReadView):
    download_name = "regios"
    parameters = (DIVISION, PEILDATUM, *GEOMETRY)

    @extend_schema(
        operation_id="indelingRegiosZoeken",
        summary="De regio's van een indeling",
        description=(
            "De regio's van een indeling op de peildatum, met hun gebied (de gemeenten van "
            "de leden; in lijsten vereenvoudigd) en de CBS-codes van die gemeenten."
        ),
        responses={
            **docs.list_responses(rdocs.RegionSchema, "regios"),
            404: docs.item_responses(rdocs.RegionSchema)[404],
        },
        tags=["indelingen"],
    )
    def get(self, request: Request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def build(self, request: Request, slug: str) -> Collection:
        division = _division(slug)
        options = self.geometry_options(request)
        day = self.params.get("day")
        extra = {"_geometry": footprint_expression(options, day)} if options.include else {}
        rows = _regions(division, day or today(), extra)
        geometries = [row.pop("_geometry") for row in rows] if options.include else None
        return Collection(
            name="regios",
            rows=rows,
            geometries=geometries,
            total=len(rows),
            crs=self.crs_label(options),
            columns=REGION_COLUMNS,
        )
