"""The "what is here?" endpoint: every arrangement whose footprint covers a point.

Overlapping footprints cannot be picked one by one on a map; the atlas asks this endpoint for
all of them at the clicked point and lists them."""

from __future__ import annotations

from django.contrib.gis.geos import Point
from django.contrib.postgres.aggregates import ArrayAgg
from django.contrib.postgres.fields import ArrayField
from django.db.models import CharField, F, OuterRef, Q, Subquery, Value
from django.db.models.functions import NullIf
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request

from collaborations.arrangements.selectors.filters import arrangements_filter
from collaborations.arrangements.selectors.footprints import (
    footprint_covers,
    footprint_on,
    is_today,
)
from collaborations.arrangements.selectors.lists import (
    arrangement_kind,
    member_count,
    theme_slugs,
)
from collaborations.arrangements.selectors.represented import memberships_in_force
from collaborations.arrangements.selectors.same_body import same_bodies_merge
from collaborations.core.choices import DivisionKind

from .. import docs
from ..collection import Collection
from ..params import ARRANGEMENT_FILTERS, GEOMETRY, Param, arrangement_filter
from .base import GeometryOptions, ReadView, geometry_expression

#: How many arrangements one point may list (the densest spot in the country has ~150).
MAX_RESULTS = 500

COLUMNS = [
    "id",
    "slug",
    "naam",
    "rechtsvormFamilie",
    "rechtsvorm",
    "verplicht",
    "soort",
    "indeling",
    "themas",
    "aantalLeden",
    "gemeenten",
    "ookGeregistreerdAls",
]


class HereArrangementSchema(serializers.Serializer):
    id = serializers.IntegerField()
    slug = serializers.CharField()
    naam = serializers.CharField()
    rechtsvormFamilie = serializers.CharField()  # noqa: N815
    rechtsvorm = serializers.CharField(allow_null=True)
    verplicht = serializers.BooleanField(allow_null=True)
    soort = serializers.ChoiceField(choices=DivisionKind.values)
    indeling = serializers.CharField(allow_null=True)
    themas = serializers.ListField(child=serializers.CharField())
    aantalLeden = serializers.IntegerField(help_text="Aantal gemeenten op de peildatum.")  # noqa: N815
    gemeenten = serializers.ListField(
        child=serializers.CharField(), help_text="CBS-codes van de gemeenten op de peildatum."
    )
    ookGeregistreerdAls = serializers.ListField(  # noqa: N815
        child=serializers.CharField(),
        help_text=(
            "Dezelfde samenwerking, door een andere bron geregistreerd onder dezelfde naam met "
            "dezelfde gemeenten (bv. de gemeenschappelijke regeling die een regio van een "
            "indeling uitvoert), met hun slug: hier niet apart vermeld."
        ),
    )
    geometrie = docs.GeometrySchema(required=False, allow_null=True)


def coordinate(name: str, description: str, limit: int, example: float) -> Param:
    schema = {"type": "number", "minimum": -limit, "maximum": limit, "example": example}
    return Param(name, schema, description, required=True)


POINT = (
    coordinate("lon", "Lengtegraad (WGS84).", 180, 4.9),
    coordinate("lat", "Breedtegraad (WGS84).", 90, 52.37),
)


def _member_codes(day) -> Subquery:
    pairs = (
        memberships_in_force(day=day)
        .filter(arrangement_id=OuterRef("pk"))
        .values("arrangement_id")
        .annotate(
            codes=ArrayAgg("municipality__code", distinct=True, order_by="municipality__code")
        )
        .values("codes")
    )
    return Subquery(pairs, output_field=ArrayField(CharField()))


class ArrangementsHereView(ReadView):
    download_name = "samenwerkingsverbanden-hier"
    parameters = (*POINT, *ARRANGEMENT_FILTERS, *GEOMETRY)

    @extend_schema(
        operation_id="samenwerkingsverbandenOpLocatie",
        summary="Samenwerkingsverbanden op een locatie",
        description=(
            "Alle samenwerkingsverbanden waarvan het gebied op de peildatum (standaard vandaag) "
            "het punt `lon`,`lat` (WGS84) bedekt, onder de filters voor samenwerkingsverbanden, "
            "gesorteerd op naam: op een eerdere peildatum het gebied van toen. Elk "
            "met zijn thema's en de CBS-codes van zijn gemeenten op de peildatum. Geometrie "
            "alleen met `geometrie=true` (vereenvoudigd)."
        ),
        responses=docs.list_responses(HereArrangementSchema, "samenwerkingsverbanden"),
        tags=["samenwerkingsverbanden"],
    )
    def get(self, request: Request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def geometry_options(self, request: Request) -> GeometryOptions:
        """Geometry is opt-in here: a point may lie under a hundred large footprints."""
        options = super().geometry_options(request)
        asked = self.params.get("geometry", False)
        return GeometryOptions(
            include=options.include and asked, simplified=True, srid=options.srid
        )

    def build(self, request: Request) -> Collection:
        point = Point(self.params["lon"], self.params["lat"], srid=4326)
        filters = arrangement_filter(self.params)
        options = self.geometry_options(request)
        values = {
            "naam": F("name"),
            "rechtsvormFamilie": F("legal_form_family"),
            "rechtsvorm": NullIf(F("legal_form"), Value("")),
            "verplicht": F("is_mandatory"),
            "soort": arrangement_kind(),
            "indeling": F("division__slug"),
            "themas": theme_slugs(),
            "aantalLeden": member_count(day=filters.on),
            "gemeenten": _member_codes(filters.on),
        }
        today_ = is_today(filters.day)
        if options.include:
            field = "footprint" if today_ else footprint_on(day=filters.on)
            values["_geometry"] = geometry_expression(field, options)
        here = (
            Q(footprint__intersects=point)
            if today_
            else Q(footprint_covers(day=filters.on, geometry=point))
        )
        rows = list(
            arrangements_filter(filters=filters)
            .filter(here)
            .order_by("name", "id")
            .values("id", "slug", **values)[:MAX_RESULTS]
        )
        for row in rows:
            row["themas"] = row["themas"] or []
            row["gemeenten"] = row["gemeenten"] or []
        rows = same_bodies_merge(rows)
        geometries = [row.pop("_geometry") for row in rows] if options.include else None
        return Collection(
            name="samenwerkingsverbanden",
            rows=rows,
            geometries=geometries,
            id_field="id",
            total=len(rows),
            crs=self.crs_label(options),
            columns=COLUMNS,
        )
