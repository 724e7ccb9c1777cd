"""OpenAPI documentation of the read endpoints: parameters, and schema-only serializers that
describe the responses (the views build their payloads without serializers, for speed)."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, inline_serializer
from rest_framework import serializers

from .params import ARRANGEMENT_PARAMS

_TYPES = {
    "string": str,
    "boolean": bool,
    "date": OpenApiTypes.DATE,
    "array": str,
    "integer": int,
}


def _parameter(param) -> OpenApiParameter:
    return OpenApiParameter(
        param.name,
        _TYPES[param.type],
        OpenApiParameter.QUERY,
        description=param.description,
        enum=list(param.enum) or None,
        required=False,
    )


ARRANGEMENT_PARAMETERS = [_parameter(p) for p in ARRANGEMENT_PARAMS]
GEOMETRY_PARAMETERS = [
    OpenApiParameter(
        "geometrie", bool, OpenApiParameter.QUERY, description="`false`: geen geometrie."
    ),
    OpenApiParameter(
        "geometrieDetail",
        str,
        OpenApiParameter.QUERY,
        enum=["vereenvoudigd", "volledig"],
        description="Vereenvoudigd (standaard in lijsten) of volledige precisie.",
    ),
    OpenApiParameter(
        "Accept-Crs",
        str,
        OpenApiParameter.HEADER,
        enum=["EPSG:4326", "EPSG:28992"],
        description="Coördinatenstelsel van de geometrie; standaard EPSG:4326 (WGS84).",
    ),
]
PAGE_PARAMETERS = [
    OpenApiParameter("pagina", int, OpenApiParameter.QUERY, description="Paginanummer, vanaf 1."),
    OpenApiParameter(
        "paginaGrootte", int, OpenApiParameter.QUERY, description="Aantal per pagina (1-500)."
    ),
]
FORMAT_PARAMETER = OpenApiParameter(
    "formaat",
    str,
    OpenApiParameter.QUERY,
    enum=["json", "geojson", "csv", "xlsx", "gpkg"],
    description="Formaat; ook te kiezen met de Accept-header.",
)


class GeometrySchema(serializers.Serializer):
    type = serializers.CharField(help_text="GeoJSON-geometrietype, bijv. MultiPolygon.")
    coordinates = serializers.JSONField()


class MunicipalitySchema(serializers.Serializer):
    code = serializers.CharField(help_text="CBS-code, bijv. GM0363.")
    naam = serializers.CharField()
    provincie = serializers.CharField(allow_null=True)
    provincieNaam = serializers.CharField(allow_null=True)  # noqa: N815
    geldigVanaf = serializers.DateField(allow_null=True)  # noqa: N815
    geldigTot = serializers.DateField(allow_null=True)  # noqa: N815
    aantalSamenwerkingsverbanden = serializers.IntegerField()  # noqa: N815
    geometrie = GeometrySchema(required=False, allow_null=True)


class ArrangementRefSchema(serializers.Serializer):
    id = serializers.IntegerField()
    slug = serializers.CharField()
    naam = serializers.CharField()
    rechtsvormFamilie = serializers.CharField()  # noqa: N815
    rechtsvorm = serializers.CharField(allow_null=True)
    verplicht = serializers.BooleanField(allow_null=True)
    themas = serializers.ListField(child=serializers.CharField())
    indeling = serializers.CharField(allow_null=True)


class RegionRefSchema(serializers.Serializer):
    indeling = serializers.CharField()
    indelingNaam = serializers.CharField()  # noqa: N815
    jaar = serializers.IntegerField()
    regio = serializers.CharField()
    regiocode = serializers.CharField(allow_null=True)
    samenwerkingsverband = serializers.IntegerField()


class PartnerSchema(serializers.Serializer):
    code = serializers.CharField()
    naam = serializers.CharField()
    gedeeld = serializers.IntegerField(help_text="Aantal gedeelde samenwerkingsverbanden.")


class LineageItemSchema(serializers.Serializer):
    code = serializers.CharField()
    naam = serializers.CharField()
    datum = serializers.DateField()
    aandeel = serializers.DecimalField(max_digits=5, decimal_places=3, required=False)


class LineageSchema(serializers.Serializer):
    voorgangers = LineageItemSchema(many=True)
    opvolgers = LineageItemSchema(many=True)


class MunicipalityDetailSchema(MunicipalitySchema):
    aantalSamenwerkingsverbanden = None  # noqa: N815
    samenwerkingsverbanden = ArrangementRefSchema(many=True)
    perThema = serializers.DictField(  # noqa: N815
        child=serializers.ListField(child=serializers.IntegerField()),
        help_text="Ids van samenwerkingsverbanden per thema.",
    )
    perRechtsvormFamilie = serializers.DictField(  # noqa: N815
        child=serializers.ListField(child=serializers.IntegerField())
    )
    officieleRegios = RegionRefSchema(many=True)  # noqa: N815
    partners = PartnerSchema(many=True)
    opvolging = LineageSchema()


class ProvinceSchema(serializers.Serializer):
    code = serializers.CharField(help_text="Bijv. PV27.")
    naam = serializers.CharField()
    gemeenten = serializers.ListField(child=serializers.CharField(), required=False)
    geometrie = GeometrySchema(required=False, allow_null=True)


class LinksSchema(serializers.Serializer):
    self = serializers.URLField()
    first = serializers.URLField()
    prev = serializers.URLField(allow_null=True)
    next = serializers.URLField(allow_null=True)
    last = serializers.URLField()


def _list_schema(item, name: str):
    return inline_serializer(
        name=f"{item.__name__.removesuffix('Schema')}Lijst",
        fields={
            "totaal": serializers.IntegerField(),
            "pagina": serializers.IntegerField(required=False),
            "paginaGrootte": serializers.IntegerField(required=False),
            "_links": LinksSchema(required=False),
            name: item(many=True),
        },
    )


FEATURE_COLLECTION = inline_serializer(
    name="FeatureCollection",
    fields={
        "type": serializers.ChoiceField(choices=["FeatureCollection"]),
        "numberMatched": serializers.IntegerField(),
        "numberReturned": serializers.IntegerField(),
        "features": serializers.ListField(child=serializers.JSONField()),
    },
)
FEATURE = inline_serializer(
    name="Feature",
    fields={
        "type": serializers.ChoiceField(choices=["Feature"]),
        "id": serializers.CharField(),
        "geometry": serializers.JSONField(allow_null=True),
        "properties": serializers.JSONField(),
    },
)

_TABLES = {
    "text/csv": OpenApiTypes.BINARY,
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": OpenApiTypes.BINARY,
}


def list_responses(item, name: str, *, geo: bool = True) -> dict:
    responses = {(200, "application/json"): _list_schema(item, name)}
    if geo:
        responses[(200, "application/geo+json")] = FEATURE_COLLECTION
    for media, schema in _TABLES.items():
        responses[(200, media)] = schema
    if geo:
        responses[(200, "application/geopackage+sqlite3")] = OpenApiTypes.BINARY
    responses[(304, "application/json")] = OpenApiResponse(description="Niet gewijzigd (ETag).")
    return responses


def item_responses(item, *, geo: bool = True) -> dict:
    responses = {(200, "application/json"): item}
    if geo:
        responses[(200, "application/geo+json")] = FEATURE
    responses[(304, "application/json")] = OpenApiResponse(description="Niet gewijzigd (ETag).")
    responses[(404, "application/problem+json")] = OpenApiResponse(description="Niet gevonden.")
    return responses
