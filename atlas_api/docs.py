"""OpenAPI documentation of the read endpoints: schema-only serializers that describe the
responses (the views build their payloads without serializers, for speed). Parameters are
declared with the views (atlas_api.params)."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema_field, inline_serializer
from rest_framework import serializers


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
    soort = serializers.ChoiceField(choices=["samenwerking", "rijksindeling", "statistisch"])
    indeling = serializers.CharField(allow_null=True)


class RegionRefSchema(serializers.Serializer):
    indeling = serializers.CharField()
    indelingNaam = serializers.CharField()  # noqa: N815
    regio = serializers.CharField()
    regiocode = serializers.CharField(allow_null=True)
    samenwerkingsverband = serializers.IntegerField()


class RegionPeriodSchema(serializers.Serializer):
    id = serializers.IntegerField(help_text="Het samenwerkingsverband (de regio).")
    slug = serializers.CharField()
    naam = serializers.CharField()
    regiocode = serializers.CharField(allow_null=True)
    vanaf = serializers.DateField(allow_null=True, help_text="Eerste dag (leeg: onbekend).")
    tot = serializers.DateField(allow_null=True, help_text="Eerste dag niet meer (leeg: nog).")


class RegionHistorySchema(serializers.Serializer):
    indeling = serializers.CharField()
    indelingNaam = serializers.CharField()  # noqa: N815
    regios = RegionPeriodSchema(many=True)


class BreMemberSchema(serializers.Serializer):
    code = serializers.CharField()
    naam = serializers.CharField()
    stabiliteit = serializers.FloatField()


class BreNeighbourSchema(serializers.Serializer):
    cluster = serializers.IntegerField()
    label = serializers.CharField()
    aantalGemeenten = serializers.IntegerField()  # noqa: N815


class BreProfileSchema(serializers.Serializer):
    analyse = serializers.IntegerField(help_text="Id van de BRE-analyse (`/bre-analyses/{id}`).")
    cluster = serializers.IntegerField()
    label = serializers.CharField()
    stabiliteit = serializers.FloatField(
        help_text="Aandeel herhalingen waarin de gemeente bij de meerderheid van haar cluster valt."
    )
    aantalGemeenten = serializers.IntegerField()  # noqa: N815
    maten = serializers.DictField(child=serializers.FloatField(allow_null=True))
    leden = BreMemberSchema(many=True)
    buren = BreNeighbourSchema(many=True, help_text="Clusters die aan dit cluster grenzen.")


class PartnerSchema(serializers.Serializer):
    code = serializers.CharField()
    naam = serializers.CharField()
    gedeeld = serializers.IntegerField(help_text="Aantal gedeelde samenwerkingsverbanden.")


class LineageItemSchema(serializers.Serializer):
    code = serializers.CharField()
    naam = serializers.CharField()
    datum = serializers.DateField()
    aandeel = serializers.FloatField(required=False)


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
    regioGeschiedenis = RegionHistorySchema(  # noqa: N815
        many=True,
        help_text="Per indeling de regio's waarin de gemeente (of een voorganger die zij nu "
        "vertegenwoordigt) lag, met van en tot.",
    )
    partners = PartnerSchema(many=True)
    opvolging = LineageSchema()
    bre = BreProfileSchema(
        allow_null=True,
        help_text="Het BRE-cluster in de standaard-analyse (leeg zonder afgeronde analyse).",
    )


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


@extend_schema_field(
    {"oneOf": [{"type": "string"}, {"type": "integer"}], "description": "Code of nummer."}
)
class FeatureId(serializers.Field):
    """The id of a feature: a code (GM0363) or a number (an arrangement)."""


FEATURE = inline_serializer(
    name="Feature",
    fields={
        "type": serializers.ChoiceField(choices=["Feature"]),
        "id": FeatureId(),
        "geometry": serializers.JSONField(allow_null=True),
        "properties": serializers.JSONField(),
    },
)

NOT_MODIFIED = OpenApiResponse(description="Niet gewijzigd (If-None-Match).")


def list_responses(item, name: str, *, geo: bool = True) -> dict:
    """JSON and GeoJSON; the other formats of the view's renderers (CSV, XLSX, GeoPackage)
    are added as downloads by atlas_api.schema."""
    responses: dict = {(200, "application/json"): _list_schema(item, name)}
    if geo:
        responses[(200, "application/geo+json")] = FEATURE_COLLECTION
    responses[304] = NOT_MODIFIED
    return responses


def item_responses(item, *, geo: bool = True) -> dict:
    responses: dict = {(200, "application/json"): item}
    if geo:
        responses[(200, "application/geo+json")] = FEATURE
    responses[304] = NOT_MODIFIED
    responses[404] = OpenApiResponse(description="Niet gevonden.")
    return responses
