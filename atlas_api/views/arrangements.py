"""Arrangements (samenwerkingsverbanden): the filtered list and one arrangement in full."""

from __future__ import annotations

from typing import Any

from django.db.models import F, Value
from django.db.models.functions import NullIf
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework.request import Request

from collaborations import permissions
from collaborations.arrangements.selectors.detail import arrangement_profile, arrangements_visible
from collaborations.arrangements.selectors.footprints import footprint_on, is_today
from collaborations.arrangements.selectors.lists import arrangement_kind, arrangement_list
from collaborations.geography.selectors.validity import today
from collaborations.tiles.choices import TileLayer

from .. import docs
from .. import docs_resources as rdocs
from ..collection import Collection, Item
from ..pagination import compiled_page
from ..params import (
    ARRANGEMENT_FILTERS,
    GEOMETRY,
    PAGE,
    PEILDATUM,
    Param,
    arrangement_filter,
    choice,
    path_id,
)
from ..renderers import TABLE_RENDERERS, ApiJSONRenderer, GeoJSONRenderer
from .base import GeometryOptions, ReadView, geometry_expression, presimplified_expression

#: ``sorteer`` values -> orderings of selectors.arrangement_list.
ORDERINGS = {
    "naam": "name",
    "-naam": "-name",
    "aantalLeden": "member_count",
    "-aantalLeden": "-member_count",
    "startdatum": "start_date",
    "-startdatum": "-start_date",
}
SORTEER = Param(
    "sorteer",
    choice(ORDERINGS),
    "Volgorde; `-` ervoor keert om. Standaard `naam`.",
    keyword="ordering",
    default="naam",
    convert=ORDERINGS.__getitem__,
)
ARRANGEMENT_ID = path_id("Het id van het samenwerkingsverband.")

#: The fields of a row (besides ``id`` and ``slug``) that the arrangement itself holds.
BASE_VALUES = {
    "naam": F("name"),
    "korteNaam": NullIf(F("short_name"), Value("")),
    "rechtsvormFamilie": F("legal_form_family"),
    "rechtsvorm": NullIf(F("legal_form"), Value("")),
    "verplicht": F("is_mandatory"),
    "soort": arrangement_kind(),
    "indeling": F("division__slug"),
    "regiocode": NullIf(F("region_code"), Value("")),
    "startdatum": F("start_date"),
    "einddatum": F("end_date"),
    "levensfase": NullIf(F("stage"), Value("")),
    "bron": F("source__slug"),
}
#: The fields of a list row, in their order, as expressions on selectors.arrangement_list.
LIST_VALUES = {
    **{k: BASE_VALUES[k] for k in ("naam", "korteNaam", "rechtsvormFamilie", "rechtsvorm")},
    "verplicht": BASE_VALUES["verplicht"],
    "themas": F("theme_slugs"),
    **{k: BASE_VALUES[k] for k in ("soort", "indeling", "regiocode")},
    "aantalLeden": F("member_count"),
    **{k: BASE_VALUES[k] for k in ("startdatum", "einddatum", "levensfase", "bron")},
}
LIST_COLUMNS = ["id", "slug", *LIST_VALUES]

#: Extra fields of the detail (plain values; blanks become null in Python).
DETAIL_FIELDS = {
    "description": "omschrijving",
    "website": "website",
    "cbs_gr_code": "cbsGrCode",
    "kvk_number": "kvkNummer",
    "publication_status": "publicatiestatus",
    "provenance_note": "herkomst",
    "division__name": "indelingNaam",
}
SOURCE_FIELDS = {
    "source__slug": "code",
    "source__name": "naam",
    "source__publisher": "uitgever",
    "source__url": "url",
    "source__licence": "licentie",
    "source__year": "jaar",
}


def footprint_expression(options: GeometryOptions, day=None):
    """GeoJSON text of an arrangement's footprint on ``day``: today the pre-simplified tile
    geometry when simplified (lists), else the footprint itself; on another peildatum the
    footprint version in force then (simplified in the database for lists)."""
    if not is_today(day):
        return geometry_expression(footprint_on(day=day), options)
    if options.simplified:
        return presimplified_expression(TileLayer.SAMENWERKINGSVERBAND, "footprint", options)
    return geometry_expression("footprint", options)


class ArrangementListView(ReadView):
    download_name = "samenwerkingsverbanden"
    parameters = (*ARRANGEMENT_FILTERS, SORTEER, *GEOMETRY, *PAGE)

    @extend_schema(
        operation_id="samenwerkingsverbandenZoeken",
        summary="Samenwerkingsverbanden",
        description=(
            "De gepubliceerde samenwerkingsverbanden die op de peildatum (standaard vandaag) "
            "bestaan, onder de filters. Per verband de thema's, de indeling en het aantal "
            "gemeenten dat op de peildatum de gemeentelijke leden vertegenwoordigt; de "
            "geometrie is het gebied van de leden (in lijsten vereenvoudigd)."
        ),
        responses=docs.list_responses(rdocs.ArrangementSchema, "samenwerkingsverbanden"),
        tags=["samenwerkingsverbanden"],
    )
    def get(self, request: Request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def build(self, request: Request) -> Collection:
        geometry = self.geometry_options(request)
        filters = arrangement_filter(self.params)
        ordering = self.params["ordering"]

        def rows(offset: int, size: int):
            queryset = arrangement_list(filters=filters, ordering=ordering)
            values: dict[str, Any] = dict(LIST_VALUES)
            if geometry.include:
                values["_geometry"] = footprint_expression(geometry, filters.day)
            return queryset[offset : offset + size].values("id", "slug", **values), queryset

        # the SQL depends on the filters, the day they resolve to, the order and the geometry
        key = ("samenwerkingsverbanden", repr(filters), filters.on, ordering, geometry)
        page, data = compiled_page(
            request, key=key, build=rows, params=self.params, version=self.data_version
        )
        for row in data:
            row["themas"] = row["themas"] or []
        geometries = [row.pop("_geometry") for row in data] if geometry.include else None
        return Collection(
            name="samenwerkingsverbanden",
            rows=data,
            geometries=geometries,
            **page.collection_fields(),
            crs=self.crs_label(geometry),
            columns=LIST_COLUMNS,
        )


def _blank_to_none(value: Any) -> Any:
    return None if value == "" else value


def _exists_on(row: dict[str, Any], day) -> bool:
    """The arrangement exists on ``day`` (start inclusive, end exclusive)."""
    starts, ends = row["startdatum"], row["einddatum"]
    return (starts is None or starts <= day) and (ends is None or ends > day)


def _detail_row(base: dict[str, Any], profile: dict[str, Any], day) -> dict[str, Any]:
    source = {key: _blank_to_none(base.pop(field)) for field, key in SOURCE_FIELDS.items()}
    extra = {key: _blank_to_none(base.pop(field)) for field, key in DETAIL_FIELDS.items()}
    return {
        **{k: base[k] for k in ("id", "slug", "naam", "korteNaam")},
        **{k: base[k] for k in ("rechtsvormFamilie", "rechtsvorm", "verplicht")},
        "themas": profile["themas"],
        "soort": base["soort"],
        "indeling": base["indeling"],
        "indelingNaam": extra.pop("indelingNaam"),
        "regiocode": base["regiocode"],
        "aantalLeden": profile["aantalLeden"],
        **{k: base[k] for k in ("startdatum", "einddatum", "levensfase")},
        "bron": source if source["code"] else None,
        **extra,
        "peildatum": day,
        "bestaatOpPeildatum": _exists_on(base, day),
        "leden": profile["leden"],
        "ledenOpPeildatum": profile["ledenOpPeildatum"],
    }


class ArrangementDetailView(ReadView):
    simplified_by_default = False
    parameters = (ARRANGEMENT_ID, PEILDATUM, *GEOMETRY)

    def get_renderers(self):
        # One item: JSON, a GeoJSON Feature or a one-row table (a GeoPackage is for layers).
        return [cls() for cls in (ApiJSONRenderer, GeoJSONRenderer, *TABLE_RENDERERS)]

    @extend_schema(
        operation_id="samenwerkingsverbandOphalen",
        summary="Eén samenwerkingsverband",
        description=(
            "Een samenwerkingsverband in detail: omschrijving, rechtsvorm, thema's, bron en "
            "herkomst, alle lidmaatschappen zoals vastgelegd (ook vroegere), en de gemeenten "
            "die op de peildatum de gemeentelijke leden vertegenwoordigen (na herindelingen; "
            "met het aandeel bij een opsplitsing). De geometrie is standaard volledig. Niet "
            "gepubliceerde verbanden zijn alleen voor redacteuren zichtbaar."
        ),
        responses=docs.item_responses(rdocs.ArrangementDetailSchema),
        tags=["samenwerkingsverbanden"],
    )
    def get(self, request: Request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if permissions.can_view_unpublished(request.user):  # never in a shared cache
            response["Cache-Control"] = "private, no-cache"
        response["Vary"] = ", ".join(filter(None, [response.get("Vary"), "Cookie, Authorization"]))
        return response

    def build(self, request: Request, id: str) -> Item:
        day = self.params.get("day") or today()
        geometry = self.geometry_options(request)
        values: dict[str, Any] = {k: v for k, v in BASE_VALUES.items() if k != "bron"}
        if geometry.include:
            values["_geometry"] = footprint_expression(geometry, self.params.get("day"))
        base = (
            arrangements_visible(include_unpublished=permissions.can_view_unpublished(request.user))
            .filter(pk=self.params["id"])
            .values("id", "slug", *DETAIL_FIELDS, *SOURCE_FIELDS, **values)
            .first()
        )
        if base is None:
            raise Http404
        geojson = base.pop("_geometry", None)
        profile = arrangement_profile(
            arrangement_id=base["id"], day=day, exists=_exists_on(base, day)
        )
        return Item(
            name="samenwerkingsverband",
            row=_detail_row(base, profile, day),
            geometry=geojson,
            has_geometry=geometry.include,
            crs=self.crs_label(geometry),
        )
