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


class CounterpartSchema(serializers.Serializer):
    regio = serializers.CharField(help_text="Sleutel van de regio van A.")
    naam = serializers.CharField()
    tegenhanger = serializers.CharField(
        allow_null=True, help_text="De regio van B met de meeste van haar gemeenten."
    )
    tegenhangerNaam = serializers.CharField(allow_null=True)  # noqa: N815
    gedeeld = serializers.IntegerField(help_text="Gemeenten in de regio en haar tegenhanger.")
    aantalGemeenten = serializers.IntegerField()  # noqa: N815


class DifferenceMunicipalitySchema(serializers.Serializer):
    code = serializers.CharField(help_text="CBS-code op de vergelijkingsdatum.")
    naam = serializers.CharField()
    soort = serializers.ChoiceField(choices=["verhuisd", "alleenInA", "alleenInB"])
    regioA = serializers.CharField(allow_null=True)  # noqa: N815
    regioANaam = serializers.CharField(allow_null=True)  # noqa: N815
    regioB = serializers.CharField(allow_null=True)  # noqa: N815
    regioBNaam = serializers.CharField(allow_null=True)  # noqa: N815
    verwachtRegioB = serializers.CharField(  # noqa: N815
        allow_null=True, help_text="De tegenhanger in B van haar regio in A."
    )
    verwachtRegioBNaam = serializers.CharField(allow_null=True)  # noqa: N815
    codesOpPeildatumA = serializers.ListField(  # noqa: N815
        child=serializers.CharField(),
        help_text="De gemeenten op de peildatum van A waarvoor zij staat (na herindelingen).",
    )


class DifferenceBorderSchema(serializers.Serializer):
    klasse = serializers.ChoiceField(choices=["alleenA", "alleenB"])
    naam = serializers.CharField()
    aantalParen = serializers.IntegerField(help_text="Paren buurgemeenten.")  # noqa: N815
    geometrie = docs.GeometrySchema(allow_null=True)


class DifferenceCountsSchema(serializers.Serializer):
    verhuisd = serializers.IntegerField()
    alleenInA = serializers.IntegerField()  # noqa: N815
    alleenInB = serializers.IntegerField()  # noqa: N815


class DifferencesSchema(serializers.Serializer):
    peildatumA = serializers.DateField()  # noqa: N815
    peildatumB = serializers.DateField()  # noqa: N815
    peildatum = serializers.DateField(help_text="De vergelijkingsdatum: de latere van de twee.")
    a = CongruencePartitionSchema()
    b = CongruencePartitionSchema()
    soorten = serializers.DictField(child=serializers.CharField())
    aantallen = DifferenceCountsSchema()
    tegenhangers = CounterpartSchema(many=True)
    gemeenten = DifferenceMunicipalitySchema(many=True)
    grenzen = DifferenceBorderSchema(many=True)


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

DIFFERENCES = dict(
    operation_id="congruentieVerschillenOphalen",
    summary="Verschillen tussen twee indelingen, elk op een eigen peildatum",
    description=(
        "Twee indelingen naast elkaar, ook dezelfde indeling op twee peildata (bijv. de "
        "jeugdregio's van 2016 en 2025): per regio van A haar tegenhanger in B (de regio van B "
        "met de meeste van haar gemeenten; bij gelijkspel dezelfde regio, dan de naam), de "
        "gemeenten die verhuisden (hun regio in B is niet de tegenhanger van hun regio in A) of "
        "maar in één indeling liggen, en de grenzen die niet overeenkomen (lijnen, WGS84). "
        "Beide worden gelezen op de gemeenten van de latere peildatum (via de opvolging). "
        "CSV en XLSX geven de tabel van gemeenten. Zie docs/congruence.md."
    ),
    responses={
        (200, "application/json"): DifferencesSchema,
        304: docs.NOT_MODIFIED,
        **UNPROCESSABLE,
    },
    tags=TAGS,
)
