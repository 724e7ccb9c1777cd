"""The write API of registration in the OpenAPI document: request bodies (these serializers
also parse the input: types and formats only; the rules are the domain's) and responses."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiResponse
from rest_framework import serializers
from rest_framework.fields import empty

from collaborations.core.choices import (
    DivisionKind,
    Domain,
    LegalForm,
    LegalFormFamily,
    OrganisationKind,
    Role,
    Stage,
)
from collaborations.registration.choices import (
    ImportKind,
    ImportStatus,
    RevisionKind,
    SubmissionKind,
    SubmissionStatus,
)

from . import fields
from .params import MAX_ID

MEMBER_KINDS = {"gemeente": "municipality", "provincie": "province", "organisatie": "organisation"}

# --- request bodies ------------------------------------------------------------------------------


#: Codes the domain checks again (it also knows whether they exist): the document says their form.
MEMBER_CODE = r"^(GM[0-9]{4}|PV[0-9]{2})?$"
KVK = r"^([0-9]{8})?$"
GR_CODE = r"^(GR[0-9]{4})?$"
THEME = r"^[a-z0-9][a-z0-9-]*$"


class MemberInSerializer(serializers.Serializer):
    soort = fields.Choice(choices=list(MEMBER_KINDS), help_text="Soort lid.")
    code = fields.text(
        required=False,
        blank=True,
        pattern=MEMBER_CODE,
        help_text="CBS-code van een gemeente (GM0344) of provincie (PV26).",
    )
    organisatieId = fields.Integer(  # noqa: N815
        required=False,
        allow_null=True,
        min_value=1,
        max_value=MAX_ID,
        help_text="Id van een bestaande organisatie.",
    )
    naam = fields.text(
        required=False, blank=True, max_length=255, help_text="Naam van een nieuwe partner."
    )
    organisatieSoort = fields.Choice(  # noqa: N815
        choices=OrganisationKind.values, required=False, allow_blank=True
    )
    kvkNummer = fields.text(required=False, blank=True, pattern=KVK, max_length=12)  # noqa: N815
    rol = fields.Choice(choices=Role.values, required=False, default=Role.PARTICIPANT)
    lidVanaf = fields.Date(required=False, allow_null=True)  # noqa: N815
    lidTot = fields.Date(required=False, allow_null=True)  # noqa: N815


class ArrangementInSerializer(serializers.Serializer):
    """All fields of an arrangement that a registration sets."""

    naam = fields.text(max_length=255)
    korteNaam = fields.text(required=False, blank=True, max_length=80)  # noqa: N815
    rechtsvormFamilie = fields.Choice(choices=LegalFormFamily.values)  # noqa: N815
    rechtsvorm = fields.Choice(choices=LegalForm.values, required=False, allow_blank=True)
    verplicht = fields.Boolean(required=False, allow_null=True, default=None)
    themas = fields.List(
        child=fields.text(pattern=THEME, max_length=50),
        min_length=1,
        max_length=50,
        help_text="Codes (slugs) van thema's, ten minste één.",
    )
    omschrijving = fields.text(required=False, blank=True, max_length=10000)
    website = fields.text(required=False, blank=True, max_length=500)
    cbsGrCode = fields.text(  # noqa: N815
        required=False,
        blank=True,
        pattern=GR_CODE,
        allow_null=True,
        max_length=6,
        help_text="GR + 4 cijfers.",
    )
    kvkNummer = fields.text(  # noqa: N815
        required=False, blank=True, pattern=KVK, max_length=12, help_text="8 cijfers."
    )
    startdatum = fields.Date(required=False, allow_null=True)
    einddatum = fields.Date(required=False, allow_null=True)
    levensfase = fields.Choice(choices=Stage.values, required=False, allow_blank=True)
    leden = fields.List(
        child=MemberInSerializer(),
        min_length=2,
        max_length=1000,
        help_text="Ten minste twee leden.",
    )


class RegistrationInSerializer(ArrangementInSerializer):
    reden = fields.text(max_length=500, help_text="Waarom; komt in de geschiedenis.")
    bevestigWaarschuwingen = fields.Boolean(  # noqa: N815
        required=False,
        default=False,
        help_text="`true`: sla op ondanks waarschuwingen (bijv. een bestaande naam).",
    )


class ChangeInSerializer(ArrangementInSerializer):
    """A change: only the fields given change; ``leden``, when given, is the whole new list.
    Every field of the arrangement is optional and has no default; ``reden`` is required."""

    reden = fields.text(max_length=500, help_text="Waarom; komt in de geschiedenis.")
    bevestigWaarschuwingen = fields.Boolean(required=False, default=False)  # noqa: N815
    alsVoorstel = fields.Boolean(  # noqa: N815
        required=False,
        default=False,
        help_text="`true`: laat de wijziging beoordelen, ook als u haar direct mag doorvoeren.",
    )

    def get_fields(self):
        result = super().get_fields()
        for name in ArrangementInSerializer._declared_fields:
            result[name].required = False
            result[name].default = empty
        return result


class ReasonInSerializer(serializers.Serializer):
    reden = fields.text(max_length=2000)


class MessageInSerializer(serializers.Serializer):
    toelichting = fields.text(required=False, blank=True, max_length=2000)


class RequiredMessageInSerializer(serializers.Serializer):
    toelichting = fields.text(max_length=2000)


class RevertInSerializer(serializers.Serializer):
    versie = fields.Integer(
        min_value=1, max_value=MAX_ID, help_text="De versie die weer de huidige wordt."
    )
    reden = fields.text(max_length=500)


class ImportInSerializer(serializers.Serializer):
    """A multipart form: every value arrives as text (DRF reads the numbers and booleans)."""

    bestand = serializers.FileField(
        allow_empty_file=True, help_text="CSV (UTF-8 of Windows-1252) of XLSX."
    )
    soort = serializers.ChoiceField(choices=ImportKind.values)
    reden = fields.text(max_length=500)
    indelingNaam = fields.text(required=False, blank=True, max_length=200)  # noqa: N815
    indelingCode = serializers.SlugField(  # noqa: N815
        required=False,
        allow_blank=True,
        max_length=80,
        help_text="Code van de indeling; een bestaande code maakt het bestand een nieuwe versie "
        "ervan (regio's worden voortgezet, nieuw of beëindigd op de peildatum).",
    )
    jaar = serializers.IntegerField(required=False, min_value=1900, max_value=2100)
    peildatum = serializers.DateField(required=False, help_text="Standaard 1 januari van het jaar.")
    domein = serializers.ChoiceField(choices=Domain.values, required=False)
    soortIndeling = serializers.ChoiceField(choices=DivisionKind.values, required=False)  # noqa: N815
    rechtsvormFamilie = serializers.ChoiceField(  # noqa: N815
        choices=LegalFormFamily.values, required=False
    )
    rechtsvorm = serializers.ChoiceField(choices=LegalForm.values, required=False, allow_blank=True)
    verplicht = serializers.BooleanField(required=False, allow_null=True, default=None)
    themas = fields.text(required=False, blank=True, help_text="Thema-codes, komma-gescheiden.")
    voorvoegsel = fields.text(required=False, blank=True, max_length=80)
    omschrijving = fields.text(required=False, blank=True, max_length=2000)
    vervangt = serializers.SlugField(
        required=False,
        allow_blank=True,
        help_text="Code van de indeling waarvan dit bestand een nieuwe versie is (als "
        "`indelingCode`).",
    )


# --- responses ------------------------------------------------------------------------------------


class MemberOutSchema(MemberInSerializer):
    soort = serializers.ChoiceField(choices=list(MEMBER_KINDS))


class ArrangementStateSchema(ArrangementInSerializer):
    leden = MemberOutSchema(many=True)


class IssueSchema(serializers.Serializer):
    name = serializers.CharField()
    reason = serializers.CharField()


class RegistrationSchema(serializers.Serializer):
    id = serializers.IntegerField()
    soort = serializers.ChoiceField(choices=SubmissionKind.values)
    status = serializers.ChoiceField(choices=SubmissionStatus.values)
    statusNaam = serializers.CharField()  # noqa: N815
    suggestie = serializers.BooleanField(help_text="De indiener mag dit niet zelf wijzigen.")
    samenwerkingsverband = serializers.IntegerField(allow_null=True)
    ingediendOp = serializers.DateTimeField()  # noqa: N815
    reden = serializers.CharField()
    toelichting = serializers.CharField(allow_null=True, help_text="Van de moderator.")
    beoordeeldOp = serializers.DateTimeField(allow_null=True)  # noqa: N815
    voorstel = ArrangementStateSchema()
    waarschuwingen = IssueSchema(many=True)


class RegistrationListSchema(serializers.Serializer):
    totaal = serializers.IntegerField()
    registraties = RegistrationSchema(many=True)


class ChangesSchema(serializers.Serializer):
    fields = serializers.ListField(child=serializers.JSONField(), required=False)
    themes = serializers.JSONField(required=False)
    members = serializers.JSONField(required=False)


class RevisionSchema(serializers.Serializer):
    versie = serializers.IntegerField()
    soort = serializers.ChoiceField(choices=RevisionKind.values)
    op = serializers.DateTimeField()
    door = serializers.CharField(allow_null=True)
    reden = serializers.CharField()
    wijzigingen = ChangesSchema()
    teruggezetNaar = serializers.IntegerField(allow_null=True)  # noqa: N815


class ConfirmationSchema(serializers.Serializer):
    op = serializers.DateTimeField()
    door = serializers.CharField(allow_null=True)


class HistorySchema(serializers.Serializer):
    samenwerkingsverband = serializers.IntegerField()
    versie = serializers.IntegerField()
    laatstBevestigd = ConfirmationSchema(allow_null=True)  # noqa: N815
    wijzigingen = RevisionSchema(many=True)


class WrittenSchema(serializers.Serializer):
    status = serializers.ChoiceField(choices=["gepubliceerd"])
    samenwerkingsverband = serializers.IntegerField()
    versie = serializers.IntegerField()
    waarschuwingen = IssueSchema(many=True)


class QueuedSchema(serializers.Serializer):
    status = serializers.ChoiceField(choices=["ingediend"])
    registratie = RegistrationSchema()


class ErrorCellSchema(serializers.Serializer):
    rij = serializers.IntegerField(
        help_text="Regelnummer in het bestand (kopregel = 1); 0: algemeen."
    )
    kolom = serializers.CharField()
    melding = serializers.CharField()


class ImportJobSchema(serializers.Serializer):
    id = serializers.IntegerField()
    soort = serializers.ChoiceField(choices=ImportKind.values)
    status = serializers.ChoiceField(choices=ImportStatus.values)
    statusNaam = serializers.CharField()  # noqa: N815
    bestandsnaam = serializers.CharField()
    rijen = serializers.IntegerField()
    verwerkt = serializers.IntegerField()
    afgebroken = serializers.BooleanField()
    melding = serializers.CharField(allow_null=True)
    samenvatting = serializers.JSONField()
    voorbeeld = serializers.ListField(child=serializers.JSONField())
    fouten = ErrorCellSchema(many=True)
    waarschuwingen = ErrorCellSchema(many=True)


class ImportJobListSchema(serializers.Serializer):
    totaal = serializers.IntegerField()
    imports = ImportJobSchema(many=True)


# --- parameters, examples, responses --------------------------------------------------------------

REGISTRATION_EXAMPLE = OpenApiExample(
    "Nieuw samenwerkingsverband",
    value={
        "naam": "Regio Voorbeeldstreek",
        "rechtsvormFamilie": "wgr",
        "rechtsvorm": "openbaar-lichaam",
        "verplicht": False,
        "themas": ["wonen", "mobiliteit"],
        "startdatum": "2024-01-01",
        "leden": [
            {"soort": "gemeente", "code": "GM0344", "rol": "centrumgemeente"},
            {"soort": "gemeente", "code": "GM0307"},
            {"soort": "organisatie", "naam": "Hogeschool Utrecht", "organisatieSoort": "kennis"},
        ],
        "reden": "Nieuw convenant van december",
    },
    request_only=True,
)


def described(description: str) -> OpenApiResponse:
    return OpenApiResponse(description=description)


FORBIDDEN = {
    401: described("Niet geauthenticeerd: stuur `Authorization: Token <token>`."),
    403: described("Uw rol staat dit niet toe."),
}
NOT_FOUND = {404: described("Niet gevonden.")}
__all__ = ["OpenApiTypes"]
