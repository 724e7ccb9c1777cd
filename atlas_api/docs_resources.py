"""OpenAPI documentation of the arrangement, theme, division and network endpoints:
schema-only serializers of their responses (the views build payloads without serializers).
Shared helpers are in :mod:`atlas_api.docs`; parameters are declared with the views."""

from __future__ import annotations

from rest_framework import serializers

from collaborations.core.choices import Country, DivisionKind

from .docs import GeometrySchema

# --- arrangements ----------------------------------------------------------------------------
KIND_HELP = (
    "samenwerking (ook elk verband buiten een indeling), rijksindeling of statistisch: de soort "
    "van de indeling waarvan het een regio is."
)


class ArrangementSchema(serializers.Serializer):
    id = serializers.IntegerField()
    slug = serializers.CharField()
    naam = serializers.CharField()
    korteNaam = serializers.CharField(allow_null=True)  # noqa: N815
    rechtsvormFamilie = serializers.CharField()  # noqa: N815
    rechtsvorm = serializers.CharField(allow_null=True)
    verplicht = serializers.BooleanField(allow_null=True)
    themas = serializers.ListField(child=serializers.CharField(), help_text="Thema-codes.")
    soort = serializers.ChoiceField(choices=DivisionKind.values, help_text=KIND_HELP)
    indeling = serializers.CharField(allow_null=True, help_text="Code van de indeling.")
    regiocode = serializers.CharField(allow_null=True)
    aantalLeden = serializers.IntegerField(  # noqa: N815
        help_text="Aantal gemeenten dat op de peildatum de gemeentelijke leden vertegenwoordigt."
    )
    startdatum = serializers.DateField(allow_null=True)
    einddatum = serializers.DateField(allow_null=True)
    levensfase = serializers.CharField(allow_null=True)
    bron = serializers.CharField(allow_null=True, help_text="Code van de bron.")
    geometrie = GeometrySchema(required=False, allow_null=True)


class ThemeRefSchema(serializers.Serializer):
    slug = serializers.CharField()
    naam = serializers.CharField()
    domein = serializers.CharField()


class SourceSchema(serializers.Serializer):
    code = serializers.CharField()
    naam = serializers.CharField()
    uitgever = serializers.CharField(allow_null=True)
    url = serializers.URLField(allow_null=True)
    licentie = serializers.CharField(allow_null=True)
    jaar = serializers.IntegerField(allow_null=True)


class MemberSchema(serializers.Serializer):
    soort = serializers.ChoiceField(choices=["gemeente", "provincie", "organisatie"])
    code = serializers.CharField(allow_null=True, help_text="CBS-code (gemeente, provincie).")
    naam = serializers.CharField()
    organisatieSoort = serializers.CharField(allow_null=True)  # noqa: N815
    rol = serializers.CharField()
    lidVanaf = serializers.DateField(allow_null=True)  # noqa: N815
    lidTot = serializers.DateField(allow_null=True)  # noqa: N815
    naamInBron = serializers.CharField(allow_null=True)  # noqa: N815
    opPeildatum = serializers.BooleanField(help_text="Lid op de peildatum.")  # noqa: N815


class RepresentedSchema(serializers.Serializer):
    code = serializers.CharField(help_text="Het vastgelegde lid.")
    naam = serializers.CharField()
    aandeel = serializers.FloatField(
        help_text="Deel van het grondgebied van het lid dat nu in deze gemeente ligt (1 tenzij "
        "het lid is opgesplitst).",
    )


class MemberOnDaySchema(serializers.Serializer):
    code = serializers.CharField()
    naam = serializers.CharField()
    provincie = serializers.CharField(allow_null=True)
    namens = RepresentedSchema(many=True)


class ArrangementDetailSchema(ArrangementSchema):
    themas = ThemeRefSchema(many=True)
    bron = SourceSchema(allow_null=True)
    indelingNaam = serializers.CharField(allow_null=True)  # noqa: N815
    omschrijving = serializers.CharField(allow_null=True)
    website = serializers.URLField(allow_null=True)
    cbsGrCode = serializers.CharField(allow_null=True)  # noqa: N815
    kvkNummer = serializers.CharField(allow_null=True)  # noqa: N815
    publicatiestatus = serializers.CharField()
    herkomst = serializers.CharField(allow_null=True)
    peildatum = serializers.DateField()
    bestaatOpPeildatum = serializers.BooleanField()  # noqa: N815
    leden = MemberSchema(many=True)
    ledenOpPeildatum = MemberOnDaySchema(many=True)  # noqa: N815


# --- themes ----------------------------------------------------------------------------------
class ThemeSchema(serializers.Serializer):
    slug = serializers.CharField()
    naam = serializers.CharField()
    naamEn = serializers.CharField(allow_null=True)  # noqa: N815
    domein = serializers.CharField()
    aantalSamenwerkingsverbanden = serializers.IntegerField()  # noqa: N815


class ThemeDetailSchema(ThemeSchema):
    omschrijving = serializers.CharField(allow_null=True)


# --- divisions -------------------------------------------------------------------------------
class DivisionSchema(serializers.Serializer):
    slug = serializers.CharField()
    naam = serializers.CharField()
    domein = serializers.CharField()
    soort = serializers.ChoiceField(
        choices=DivisionKind.values,
        help_text="samenwerking, rijksindeling (van het Rijk of de Vlaamse overheid) of statistisch.",
    )
    land = serializers.ChoiceField(choices=Country.values)
    versie = serializers.CharField(
        allow_null=True, help_text="De versie die op de peildatum geldt, bijv. `2025`."
    )
    versieVanaf = serializers.DateField(allow_null=True)  # noqa: N815
    aantalVersies = serializers.IntegerField()  # noqa: N815
    bron = serializers.CharField(allow_null=True)
    aantalRegios = serializers.IntegerField(  # noqa: N815
        help_text="Gepubliceerde regio's die op de peildatum bestaan."
    )


class RegionSchema(serializers.Serializer):
    id = serializers.IntegerField()
    slug = serializers.CharField()
    naam = serializers.CharField()
    korteNaam = serializers.CharField(allow_null=True)  # noqa: N815
    regiocode = serializers.CharField(allow_null=True)
    aantalLeden = serializers.IntegerField()  # noqa: N815
    leden = serializers.ListField(
        child=serializers.CharField(),
        help_text="CBS-codes van de gemeenten die op de peildatum de leden vertegenwoordigen.",
    )
    geometrie = GeometrySchema(required=False, allow_null=True)


class DivisionRegionSchema(RegionSchema):
    geometrie = None


class MovedSchema(serializers.Serializer):
    code = serializers.CharField()
    naam = serializers.CharField()
    van = serializers.ListField(child=serializers.CharField())
    naar = serializers.ListField(child=serializers.CharField())


class DivisionVersionSchema(serializers.Serializer):
    versie = serializers.CharField()
    geldigVanaf = serializers.DateField()  # noqa: N815
    bron = serializers.CharField(allow_null=True)
    regios = serializers.IntegerField(allow_null=True)
    voortgezet = serializers.IntegerField(
        help_text="Regio's die een regio van de vorige versie voortzetten."
    )
    nieuw = serializers.IntegerField()
    beeindigd = serializers.IntegerField()
    verhuisd = MovedSchema(many=True, help_text="Gemeenten die op deze datum van regio wisselden.")


class DivisionDetailSchema(DivisionSchema):
    omschrijving = serializers.CharField(allow_null=True)
    peildatum = serializers.DateField()
    versies = DivisionVersionSchema(many=True)
    regios = DivisionRegionSchema(many=True)


# --- network ---------------------------------------------------------------------------------
class NetworkEdgeSchema(serializers.Serializer):
    id = serializers.CharField(help_text="`{bron}-{doel}`.")
    bron = serializers.CharField(help_text="CBS-code van de ene gemeente.")
    bronNaam = serializers.CharField()  # noqa: N815
    doel = serializers.CharField(help_text="CBS-code van de andere gemeente.")
    doelNaam = serializers.CharField()  # noqa: N815
    gedeeld = serializers.IntegerField(help_text="Aantal gedeelde samenwerkingsverbanden.")
    samenwerkingsverbanden = serializers.ListField(
        child=serializers.IntegerField(), required=False, help_text="Alleen met `metIds=true`."
    )
    geometrie = GeometrySchema(
        required=False, allow_null=True, help_text="Lijn tussen twee punten in de gemeenten."
    )


# --- the patchwork's colours -----------------------------------------------------------------
class ColourSchema(serializers.Serializer):
    id = serializers.IntegerField()
    naam = serializers.CharField()
    korteNaam = serializers.CharField(allow_null=True)  # noqa: N815
    kleur = serializers.IntegerField(
        help_text="Kleurindex vanaf 0; buren (overlappend of grenzend) verschillen altijd."
    )
    kleurcode = serializers.CharField(help_text="Hexadecimale kleur uit het palet.")
    streepjes = serializers.CharField(
        allow_null=True, help_text="SVG stroke-dasharray wanneer het palet opnieuw gebruikt wordt."
    )
    geometrie = GeometrySchema(
        required=False, allow_null=True, help_text="Het gebied, iets naar binnen verschoven."
    )
