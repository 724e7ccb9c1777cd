"""OpenAPI documentation of the congruence endpoints (docs/congruence.md): schema-only
serializers of their responses. Parameters are declared in :mod:`atlas_api.params.congruence`."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers

from . import docs

TAGS = ["congruentie"]
CLASSES = ["binnen", "samenvallend", "doorsnijdend"]


class CongruencePartitionSchema(serializers.Serializer):
    verwijzing = serializers.CharField(help_text="Zoals gevraagd: code, `provincies`, `bre:…`.")
    naam = serializers.CharField()
    soort = serializers.ChoiceField(choices=["indeling", "provincies", "bre"])
    aantalRegios = serializers.IntegerField()  # noqa: N815
    aantalGemeenten = serializers.IntegerField(  # noqa: N815
        help_text="Gemeenten op de peildatum met een regio in deze indeling."
    )
    inMeerdereRegios = serializers.IntegerField(  # noqa: N815
        help_text="Gemeenten in meer dan één regio; de regio met het grootste aandeel telt."
    )


class CongruenceLeftOutSchema(serializers.Serializer):
    alleenInA = serializers.IntegerField()  # noqa: N815
    alleenInB = serializers.IntegerField()  # noqa: N815
    inGeen = serializers.IntegerField()  # noqa: N815


class CongruenceMeasuresSchema(serializers.Serializer):
    ari = serializers.FloatField(help_text="Gecorrigeerde Rand-index: 1 gelijk, ~0 toeval.")
    nmi = serializers.FloatField(help_text="Genormaliseerde wederzijdse informatie (0-1).")
    vi = serializers.FloatField(help_text="Variatie van informatie in nats; 0 is gelijk.")
    homogeniteit = serializers.FloatField(help_text="1: elke regio van A ligt in één van B.")
    volledigheid = serializers.FloatField(help_text="1: elke regio van B ligt in één van A.")


class CongruenceMeasureNameSchema(serializers.Serializer):
    maat = serializers.CharField()
    naam = serializers.CharField()
    betekenis = serializers.CharField()


class TouchedRegionSchema(serializers.Serializer):
    regio = serializers.CharField(help_text="Sleutel van de regio in haar indeling.")
    naam = serializers.CharField()
    aantalGemeenten = serializers.IntegerField()  # noqa: N815


class WrongSideMunicipalitySchema(serializers.Serializer):
    code = serializers.CharField()
    naam = serializers.CharField()


class CongruenceRegionSchema(serializers.Serializer):
    regio = serializers.CharField()
    naam = serializers.CharField()
    regiocode = serializers.CharField(allow_null=True)
    klasse = serializers.ChoiceField(choices=CLASSES)
    aantalGemeenten = serializers.IntegerField()  # noqa: N815
    raakt = TouchedRegionSchema(many=True, help_text="De regio's van B, grootste deel eerst.")
    verkeerdeKant = WrongSideMunicipalitySchema(  # noqa: N815
        many=True, help_text="Gemeenten buiten de regio van B met de meeste gemeenten."
    )


class CongruenceMunicipalitySchema(serializers.Serializer):
    code = serializers.CharField()
    naam = serializers.CharField()
    regioA = serializers.CharField()  # noqa: N815
    regioB = serializers.CharField()  # noqa: N815
    burenSamenInA = serializers.ListField(  # noqa: N815
        child=serializers.CharField(),
        help_text="Buurgemeenten die met deze gemeente in één regio van A liggen, niet van B.",
    )
    burenSamenInB = serializers.ListField(  # noqa: N815
        child=serializers.CharField(),
        help_text="Buurgemeenten die met deze gemeente in één regio van B liggen, niet van A.",
    )


class FitCountsSchema(serializers.Serializer):
    binnen = serializers.IntegerField()
    samenvallend = serializers.IntegerField()
    doorsnijdend = serializers.IntegerField()


class CongruenceSchema(serializers.Serializer):
    peildatum = serializers.DateField()
    a = CongruencePartitionSchema()
    b = CongruencePartitionSchema()
    aantalGemeenten = serializers.IntegerField(help_text="Vergeleken: in A én B.")  # noqa: N815
    weggelaten = CongruenceLeftOutSchema()
    maten = CongruenceMeasuresSchema()
    uitleg = CongruenceMeasureNameSchema(many=True)
    klassen = FitCountsSchema(help_text="Aantal regio's van A per klasse.")
    regios = CongruenceRegionSchema(many=True)
    gemeenten = CongruenceMunicipalitySchema(many=True)


class CongruenceDivisionSchema(serializers.Serializer):
    slug = serializers.CharField()
    naam = serializers.CharField()
    jaar = serializers.IntegerField()
    soort = serializers.CharField()
    aantalRegios = serializers.IntegerField()  # noqa: N815
    aantalGemeenten = serializers.IntegerField()  # noqa: N815
    inMeerdereRegios = serializers.IntegerField()  # noqa: N815


class CongruencePairSchema(CongruenceMeasuresSchema):
    a = serializers.CharField()
    b = serializers.CharField()
    aantalGemeenten = serializers.IntegerField()  # noqa: N815


class CongruenceMatrixSchema(serializers.Serializer):
    peildatum = serializers.DateField()
    indelingen = CongruenceDivisionSchema(many=True)
    paren = CongruencePairSchema(
        many=True, help_text="Elk paar één keer (A vóór B in de volgorde)."
    )


class CongruenceBorderSchema(serializers.Serializer):
    klasse = serializers.ChoiceField(choices=["gedeeld", "alleenA", "alleenB"])
    naam = serializers.CharField()
    aantalParen = serializers.IntegerField(help_text="Paren buurgemeenten.")  # noqa: N815
    geometrie = docs.GeometrySchema(required=False, allow_null=True)


UNPROCESSABLE = {
    422: OpenApiResponse(
        description="Een indeling bestaat niet, heeft geen regio's op de peildatum, of A en B "
        "hebben geen gemeente gemeen."
    )
}

COMPARISON = dict(
    operation_id="congruentieOphalen",
    summary="Twee indelingen vergelijken",
    description=(
        "Hoe goed twee indelingen van de gemeenten op de peildatum op elkaar passen: de maten "
        "voor de hele indeling (gecorrigeerde Rand-index, NMI, variatie van informatie, "
        "homogeniteit en volledigheid), per regio van A of zij binnen één regio van B ligt, "
        "ermee samenvalt of B doorsnijdt, en per gemeente de buren die A en B verschillend "
        "behandelen. Alleen gemeenten in beide indelingen tellen mee; `weggelaten` zegt "
        "hoeveel niet. Zie docs/congruence.md."
    ),
    responses={
        (200, "application/json"): CongruenceSchema,
        304: docs.NOT_MODIFIED,
        **UNPROCESSABLE,
    },
    tags=TAGS,
)

MATRIX = dict(
    operation_id="congruentieMatrixOphalen",
    summary="Alle indelingen tegen elkaar",
    description=(
        "Elk paar indelingen dat op de peildatum geldt, één keer, met de maten over de "
        "gemeenten in beide. Homogeniteit en volledigheid gelden voor A tegen B; voor B tegen "
        "A wisselen zij van plaats."
    ),
    responses={
        (200, "application/json"): CongruenceMatrixSchema,
        304: docs.NOT_MODIFIED,
    },
    tags=TAGS,
)

BORDERS = dict(
    operation_id="congruentieGrenzenOphalen",
    summary="Grenzen van twee indelingen",
    description=(
        "De grenzen tussen buurgemeenten die een grens van A, van B of van beide zijn, als "
        "lijnen (vereenvoudigd, WGS84): `gedeeld`, `alleenA` (loopt door een regio van B) en "
        "`alleenB`."
    ),
    responses={
        **docs.list_responses(CongruenceBorderSchema, "grenzen"),
        **UNPROCESSABLE,
    },
    tags=TAGS,
)
