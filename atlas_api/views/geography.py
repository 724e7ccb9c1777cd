"""Municipalities and provinces."""

from __future__ import annotations

import dataclasses

from django.db.models import F
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework.request import Request

from collaborations.arrangements.selectors.filters import ArrangementFilter
from collaborations.arrangements.selectors.municipalities import (
    arrangement_counts,
    municipality_list,
)
from collaborations.geography.selectors.municipalities import (
    boundary_on,
    current_municipality_codes,
    municipality_get,
    province_rows,
)
from collaborations.geography.selectors.validity import today
from collaborations.profiles.selectors import (
    OWN_FIELDS,
    municipality_detail_parts,
    stored_profile_row,
)
from collaborations.profiles.services import municipality_document_build

from .. import docs
from ..collection import Collection, Item
from ..pagination import compiled_page
from ..params import (
    ARRANGEMENT_FILTERS,
    CODE_GM,
    CODE_PV,
    GEOMETRY,
    PAGE,
    arrangement_filter,
    path_code,
)
from .base import ReadView, geometry_expression, presimplified_expression

MUNICIPALITY_COLUMNS = [
    "code",
    "naam",
    "provincie",
    "provincieNaam",
    "geldigVanaf",
    "geldigTot",
    "aantalSamenwerkingsverbanden",
]


#: The fields of a municipality list row besides ``code``: the detail's own fields but ``land``.
MUNICIPALITY_VALUES = {name: value for name, value in OWN_FIELDS.items() if name != "land"}

#: The formats in which a municipality detail may come from its stored profile.
STORED_FORMATS = ("json", "geojson")

#: The municipality list's own selection (provincie, zoek, bbox; gemeente does not apply):
#: its counts of arrangements follow every other arrangement filter.
OWN_SELECTION = ("provinces", "text", "bbox", "members")
CODE = path_code(
    "code", CODE_GM, "GM0363", "CBS-code, bijv. GM0363; in België BE + NIS-code, bijv. BE11002."
)


def _count_filter(params) -> ArrangementFilter:
    return arrangement_filter(params, leave_out=OWN_SELECTION)


def _municipality_geometry(day, options):
    """Today: the pre-simplified coverage (or the full boundary). On an earlier peildatum:
    the boundary version in force that day (herindelingen and boundary layers)."""
    if day is not None and day != today():
        return boundary_on(day=day, geometry=geometry_expression("geom", options))
    if options.simplified:
        return presimplified_expression("gemeente", "geom", options)
    return geometry_expression("geom", options)


class MunicipalityListView(ReadView):
    download_name = "gemeenten"
    parameters = (*ARRANGEMENT_FILTERS, *GEOMETRY, *PAGE)

    @extend_schema(
        operation_id="gemeentenZoeken",
        summary="Gemeenten",
        description=(
            "De gemeenten op de peildatum (standaard vandaag), met het aantal "
            "samenwerkingsverbanden waarin zij (of hun voorgangers) deelnemen, onder de "
            "filters voor samenwerkingsverbanden."
        ),
        responses=docs.list_responses(docs.MunicipalitySchema, "gemeenten"),
        tags=["gemeenten"],
    )
    def get(self, request: Request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def build(self, request: Request) -> Collection:
        selection = arrangement_filter(self.params)
        counts = _count_filter(self.params)
        options = self.geometry_options(request)
        own = {k: getattr(selection, k) for k in ("day", "provinces", "text", "bbox", "country")}

        def rows(offset: int, size: int):
            queryset = municipality_list(**own)
            values = dict(MUNICIPALITY_VALUES)
            if options.include:
                values["_geometry"] = _municipality_geometry(selection.day, options)
            return queryset[offset : offset + size].values("id", "code", **values), queryset

        # the SQL depends on the list's own selection, the day it resolves to and the geometry
        key = ("gemeenten", repr(own), selection.on, options)
        page, data = compiled_page(
            request, key=key, build=rows, params=self.params, version=self.data_version
        )
        totals = arrangement_counts(filters=counts, municipality_ids=[row["id"] for row in data])
        for row in data:
            row["aantalSamenwerkingsverbanden"] = totals.get(row.pop("id"), 0)
        geometries = [row.pop("_geometry") for row in data] if options.include else None
        return Collection(
            name="gemeenten",
            rows=data,
            geometries=geometries,
            id_field="code",
            **page.collection_fields(),
            crs=self.crs_label(options),
            columns=MUNICIPALITY_COLUMNS,
        )


class MunicipalityDetailView(ReadView):
    simplified_by_default = False
    parameters = (CODE, *ARRANGEMENT_FILTERS, *GEOMETRY)

    @extend_schema(
        operation_id="gemeenteOphalen",
        summary="Eén gemeente",
        description=(
            "Een gemeente met haar samenwerkingsverbanden (per thema en per "
            "rechtsvormfamilie), haar meest frequente partners, de officiële regio's waartoe "
            "zij op de peildatum behoort, per indeling haar regio's door de tijd "
            "(`regioGeschiedenis`), haar voorgangers en opvolgers, en haar BRE in de standaard"
            "-analyse (`bre`: cluster, stabiliteit, de andere gemeenten en de buurclusters)."
        ),
        responses=docs.item_responses(docs.MunicipalityDetailSchema),
        tags=["gemeenten"],
    )
    def get(self, request: Request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def build(self, request: Request, code: str) -> Item:
        options = self.geometry_options(request)
        geometry = geometry_expression("geom", options) if options.include else None
        selection = arrangement_filter(self.params)
        stored = self._stored_key(request, selection)
        if stored:
            return self._stored(code, stored, geometry, options)
        municipality = municipality_get(code=code, geometry=geometry)
        if municipality is None:
            raise Http404
        row = {
            "code": municipality.code,
            "naam": municipality.name,
            "land": municipality.country,
            "provincie": municipality.province.code if municipality.province else None,
            "provincieNaam": municipality.province.name if municipality.province else None,
            "geldigVanaf": municipality.valid_from,
            "geldigTot": municipality.valid_to,
        }
        # a municipality's arrangements and regions are those of its own country
        filters = dataclasses.replace(selection, country=municipality.country)
        row.update(municipality_detail_parts(municipality=municipality, filters=filters))
        return self._item(row, getattr(municipality, "_geometry", None), options)

    def _stored(self, code: str, stored: dict, geometry, options) -> Item:
        """The default request: the municipality and its stored profile of this data version
        and day in one query; the profile spliced into the JSON as it is."""
        row = stored_profile_row(code=code, geometry=geometry, **stored)
        if row is None:
            raise Http404
        del row["id"]
        members, geometry_text = row.pop("_document"), row.pop("_geometry", None)
        if members is None:  # the first read of this data version and day builds it
            municipality = municipality_get(code=code)
            members = municipality_document_build(municipality=municipality, **stored)
        return self._item(row, geometry_text, options, members)

    def _item(self, row: dict, geometry, options, members: str | None = None) -> Item:
        return Item(
            name="gemeente",
            row=row,
            members=members,
            geometry=geometry,
            has_geometry=options.include,
            id_field="code",
            crs=self.crs_label(options),
        )

    def _stored_key(self, request: Request, selection: ArrangementFilter) -> dict | None:
        """The key of the stored profile when this is the default request (no filter, today;
        geometry options do not matter, the geometry is not part of it) in JSON or GeoJSON
        (tables render nested values from Python objects); None otherwise."""
        day = today()
        if (
            self.data_version is None
            or getattr(request.accepted_renderer, "format", "") not in STORED_FORMATS
            or dataclasses.replace(selection, day=None if selection.day == day else selection.day)
            != ArrangementFilter()
        ):
            return None
        return {"version": int(self.data_version), "day": day}


class ProvinceListView(ReadView):
    download_name = "provincies"
    parameters = GEOMETRY

    @extend_schema(
        operation_id="provinciesZoeken",
        summary="Provincies",
        responses=docs.list_responses(docs.ProvinceSchema, "provincies"),
        tags=["provincies"],
    )
    def get(self, request: Request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def build(self, request: Request) -> Collection:
        options = self.geometry_options(request)
        values = {"naam": F("name")}
        if options.include:
            values["_geometry"] = (
                presimplified_expression("provincie", "geom", options)
                if options.simplified
                else geometry_expression("geom", options)
            )
        data = province_rows(**values)
        geometries = [row.pop("_geometry") for row in data] if options.include else None
        return Collection(
            name="provincies",
            rows=data,
            geometries=geometries,
            id_field="code",
            total=len(data),
            crs=self.crs_label(options),
        )


class ProvinceDetailView(ReadView):
    simplified_by_default = False
    parameters = (path_code("code", CODE_PV, "PV27", "Bijv. PV27."), *GEOMETRY)

    @extend_schema(
        operation_id="provincieOphalen",
        summary="Eén provincie",
        responses=docs.item_responses(docs.ProvinceSchema),
        tags=["provincies"],
    )
    def get(self, request: Request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def build(self, request: Request, code: str) -> Item:
        options = self.geometry_options(request)
        values = {"naam": F("name")}
        if options.include:
            values["_geometry"] = geometry_expression("geom", options)
        rows = province_rows(code=code, **values)
        if not rows:
            raise Http404
        row = rows[0]
        geometry = row.pop("_geometry", None)
        row["gemeenten"] = current_municipality_codes(province_code=code)
        return Item(
            name="provincie",
            row=row,
            geometry=geometry,
            has_geometry=options.include,
            id_field="code",
            crs=self.crs_label(options),
        )
