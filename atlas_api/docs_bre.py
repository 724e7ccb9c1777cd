"""The BRE analyses (bre-analyses) in the API: the Dutch names of the run parameters and their
mapping to the domain's (``services.clustering.parameters``), and the OpenAPI description of
the requests and responses. Methodology: docs/bre.md."""

from __future__ import annotations

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema_field
from rest_framework import serializers

from collaborations.clustering.services.parameters import (
    ALGORITHMS,
    MAX_REPETITIONS,
    MAX_RESOLUTION,
)
from collaborations.core.choices import DivisionKind, Domain, LegalForm, LegalFormFamily

from . import docs
from .docs import GeometrySchema

# --- parameter names: API (Dutch, lowerCamelCase) <-> domain -------------------------------
FILTER_NAMES = {
    "thema": "themes",
    "domein": "domains",
    "rechtsvormFamilie": "legal_form_families",
    "rechtsvorm": "legal_forms",
    "verplicht": "mandatory",
    "indeling": "divisions",
    "behalveIndeling": "exclude_divisions",
    "zonderIndeling": "include_divisions",  # inverted: zonderIndeling=true -> include False
    "alleenSamenwerking": "cooperation_only",
    "soort": "kinds",
    "provincie": "provinces",
    "peildatum": "day",
}
TOP_NAMES = {
    "weging": "weighting",
    "algoritme": "algorithm",
    "resolutie": "resolution",
    "seed": "seed",
    "herhalingen": "repetitions",
    "splitsAaneengesloten": "split_contiguous",
}
WEIGHTINGS = {"aantal": "count", "genormaliseerd": "normalised", "jaccard": "jaccard"}
STATUSES = {
    "queued": "wachtrij",
    "running": "bezig",
    "succeeded": "klaar",
    "failed": "mislukt",
    "cancelled": "geannuleerd",
}
_DOMAIN_FILTERS = {v: k for k, v in FILTER_NAMES.items()}
_DOMAIN_TOP = {v: k for k, v in TOP_NAMES.items()}
_DOMAIN_WEIGHTINGS = {v: k for k, v in WEIGHTINGS.items()}


def _filters_to_domain(filters: Any, problems: dict[str, str]) -> Any:
    if not isinstance(filters, dict):
        return filters  # the domain names the problem
    result: dict[str, Any] = {}
    for name, value in filters.items():
        if name not in FILTER_NAMES:
            allowed = ", ".join(FILTER_NAMES)
            problems[f"filters.{name}"] = f"onbekend filter; kies uit {allowed}"
            continue
        key = FILTER_NAMES[name]
        result[key] = (
            (not value) if key == "include_divisions" and isinstance(value, bool) else value
        )
    return result


def parameters_to_domain(body: Any) -> tuple[Any, dict[str, str]]:
    """The request body in the domain's names, and the problems found on the way (unknown
    names, an unknown weging) by API name."""
    if not isinstance(body, dict):
        return body, {}
    problems: dict[str, str] = {}
    result: dict[str, Any] = {}
    for name, value in body.items():
        if name == "filters":
            result["filters"] = _filters_to_domain(value, problems)
        elif name == "weging":
            if isinstance(value, str) and value in WEIGHTINGS:
                result["weighting"] = WEIGHTINGS[value]
            else:
                problems["weging"] = f"kies uit {', '.join(WEIGHTINGS)}"
        elif name in TOP_NAMES:
            result[TOP_NAMES[name]] = value
        else:
            problems[name] = "onbekende parameter"
    return result, problems


def api_name(domain_name: str) -> str:
    """``filters.themes`` -> ``filters.thema``, ``resolution`` -> ``resolutie``."""
    if domain_name.startswith("filters."):
        key = domain_name.removeprefix("filters.")
        return f"filters.{_DOMAIN_FILTERS.get(key, key)}"
    return _DOMAIN_TOP.get(domain_name, domain_name)


def parameters_to_api(parameters: dict[str, Any]) -> dict[str, Any]:
    """Stored (domain) parameters in the API's names."""
    filters = {}
    for key, value in (parameters.get("filters") or {}).items():
        filters[_DOMAIN_FILTERS.get(key, key)] = (
            (not value) if key == "include_divisions" else value
        )
    result: dict[str, Any] = {"filters": filters}
    for key, value in parameters.items():
        if key != "filters":
            result[_DOMAIN_TOP.get(key, key)] = (
                _DOMAIN_WEIGHTINGS.get(value, value) if key == "weighting" else value
            )
    return result


# --- OpenAPI --------------------------------------------------------------------------------
TAGS = ["bre-analyses"]


def described(description: str) -> OpenApiResponse:
    return OpenApiResponse(description=description)


NOT_FOUND = {404: described("Deze analyse bestaat niet.")}
NOT_READY = {409: described("De analyse is (nog) niet klaar; zie `status`.")}
AUTH = {
    401: described("Niet geauthenticeerd: stuur `Authorization: Token <token>` of log in."),
}


@extend_schema_field(
    {
        "type": "string",
        "enum": list(STATUSES.values()),
        "description": "wachtrij, bezig, klaar, mislukt of geannuleerd.",
    }
)
class RunStatusField(serializers.CharField):
    """The run status as an inline enum (not a shared component: other resources have a
    ``status`` of their own)."""


def _slugs() -> serializers.ListField:
    return serializers.ListField(
        child=serializers.RegexField(r"^[a-z0-9][a-z0-9-]*$", max_length=80), required=False
    )


def _choices(values) -> serializers.ListField:
    return serializers.ListField(child=serializers.ChoiceField(choices=values), required=False)


@extend_schema_field(
    {
        "type": "number",
        "minimum": 0,
        "exclusiveMinimum": True,
        "maximum": MAX_RESOLUTION,
        "description": "> 0; hoger geeft meer, kleinere clusters.",
    }
)
class ResolutionField(serializers.FloatField):
    """The resolution: above 0, at most 1000."""


class FiltersSchema(serializers.Serializer):
    thema = _slugs()
    domein = _choices(Domain.values)
    rechtsvormFamilie = _choices(LegalFormFamily.values)  # noqa: N815
    rechtsvorm = _choices(LegalForm.values)
    verplicht = serializers.BooleanField(required=False, allow_null=True)
    indeling = _slugs()
    behalveIndeling = _slugs()  # noqa: N815
    zonderIndeling = serializers.BooleanField(required=False)  # noqa: N815
    alleenSamenwerking = serializers.BooleanField(required=False)  # noqa: N815
    soort = _choices(DivisionKind.values)
    provincie = serializers.ListField(child=serializers.RegexField(r"^PV[0-9]{2}$"), required=False)
    peildatum = serializers.DateField(required=False, allow_null=True)


class BreParametersSchema(serializers.Serializer):
    filters = FiltersSchema(
        required=False,
        allow_null=True,
        help_text="Welke samenwerkingsverbanden meetellen (als de filters van "
        '/samenwerkingsverbanden). Weggelaten: `{"zonderIndeling": true}` (de standaard); '
        "`null`: alle.",
    )
    weging = serializers.ChoiceField(
        choices=list(WEIGHTINGS),
        required=False,
        help_text="Gewicht van een lijn: aantal gedeelde verbanden, genormaliseerd (elk verband "
        "met n gemeenten telt 1/(n-1) per paar) of jaccard.",
    )
    algoritme = serializers.ChoiceField(choices=list(ALGORITHMS), required=False)
    resolutie = ResolutionField(required=False)
    seed = serializers.IntegerField(required=False, min_value=0, max_value=2**31 - 1)
    herhalingen = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_REPETITIONS,
        help_text="Herhalingen voor de consensus.",
    )
    splitsAaneengesloten = serializers.BooleanField(  # noqa: N815
        required=False, help_text="`true`: clusters die op de kaart uiteenvallen splitsen."
    )


class BreRunSchema(serializers.Serializer):
    id = serializers.IntegerField()
    status = RunStatusField()
    voortgang = serializers.IntegerField(help_text="0-100.")
    standaard = serializers.BooleanField()
    parameters = BreParametersSchema()
    aangemaaktOp = serializers.DateTimeField()  # noqa: N815
    gestartOp = serializers.DateTimeField(allow_null=True)  # noqa: N815
    klaarOp = serializers.DateTimeField(allow_null=True)  # noqa: N815
    laatsteHartslag = serializers.DateTimeField(allow_null=True)  # noqa: N815
    doorSysteem = serializers.BooleanField(help_text="Door het systeem gestart.")  # noqa: N815
    rekentijden = serializers.DictField(child=serializers.FloatField(), help_text="Seconden.")
    fout = serializers.CharField(allow_null=True)
    maten = serializers.JSONField(help_text="Maten van de hele analyse (docs/bre.md).")
    _links = serializers.DictField(child=serializers.CharField())


class BreRunListItemSchema(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.CharField(help_text="wachtrij, bezig, klaar, mislukt of geannuleerd.")
    voortgang = serializers.IntegerField()
    standaard = serializers.BooleanField()
    aangemaaktOp = serializers.DateTimeField()  # noqa: N815
    klaarOp = serializers.DateTimeField(allow_null=True)  # noqa: N815
    aantalClusters = serializers.IntegerField(allow_null=True)  # noqa: N815
    modulariteit = serializers.FloatField(allow_null=True)
    weging = serializers.CharField()
    resolutie = serializers.FloatField()
    parameters = serializers.JSONField()


class BreClusterSchema(serializers.Serializer):
    nummer = serializers.IntegerField()
    label = serializers.CharField()
    aantalGemeenten = serializers.IntegerField()  # noqa: N815
    gemeenten = serializers.ListField(child=serializers.CharField(), help_text="CBS-codes.")
    aantalSamenwerkingsverbanden = serializers.IntegerField()  # noqa: N815
    territorialeCongruentieGewicht = serializers.FloatField(allow_null=True)  # noqa: N815
    territorialeCongruentieVerbanden = serializers.FloatField(allow_null=True)  # noqa: N815
    lidmaatschapsCongruentie = serializers.FloatField(allow_null=True)  # noqa: N815
    gemiddeldAantalThemas = serializers.FloatField(allow_null=True)  # noqa: N815
    aandeelMeerdereThemas = serializers.FloatField(allow_null=True)  # noqa: N815
    gemiddeldAantalGemeentelijkeLeden = serializers.FloatField(allow_null=True)  # noqa: N815
    provinciegrensoverschrijdend = serializers.IntegerField()
    aandeelProvinciegrensoverschrijdend = serializers.FloatField(allow_null=True)  # noqa: N815
    gewichtIntern = serializers.FloatField()  # noqa: N815
    gewichtTotaal = serializers.FloatField()  # noqa: N815
    aaneengesloten = serializers.BooleanField()
    delen = serializers.IntegerField()
    eilanden = serializers.ListField(child=serializers.CharField())
    losliggend = serializers.ListField(child=serializers.CharField())
    stabiliteitGemiddeld = serializers.FloatField()  # noqa: N815
    stabiliteitMinimum = serializers.FloatField()  # noqa: N815
    centrum = serializers.CharField(allow_null=True)
    centrumNaam = serializers.CharField(allow_null=True)  # noqa: N815
    provincies = serializers.DictField(child=serializers.IntegerField())
    besteOvereenkomst = serializers.JSONField(allow_null=True)  # noqa: N815
    geometrie = GeometrySchema(required=False, allow_null=True)


class BreMunicipalitySchema(serializers.Serializer):
    code = serializers.CharField()
    naam = serializers.CharField()
    provincie = serializers.CharField(allow_null=True)
    cluster = serializers.IntegerField()
    clusterLabel = serializers.CharField()  # noqa: N815
    stabiliteit = serializers.FloatField()
    geometrie = GeometrySchema(required=False, allow_null=True)


class ChangedSchema(serializers.Serializer):
    code = serializers.CharField()
    naam = serializers.CharField()
    clusterA = serializers.IntegerField()  # noqa: N815
    clusterB = serializers.IntegerField()  # noqa: N815
    verwachtB = serializers.IntegerField(  # noqa: N815
        help_text="Het cluster van B dat het meest overlapt met het A-cluster van de gemeente."
    )


class MatchSchema(serializers.Serializer):
    clusterA = serializers.IntegerField()  # noqa: N815
    clusterB = serializers.IntegerField()  # noqa: N815
    gemeentenA = serializers.IntegerField()  # noqa: N815


class BreComparisonSchema(serializers.Serializer):
    runA = serializers.IntegerField()  # noqa: N815
    runB = serializers.IntegerField()  # noqa: N815
    ari = serializers.FloatField(help_text="Adjusted Rand index (1 = gelijk).")
    nmi = serializers.FloatField(help_text="Normalised mutual information (1 = gelijk).")
    aantalVeranderd = serializers.IntegerField()  # noqa: N815
    veranderd = ChangedSchema(many=True)
    koppeling = MatchSchema(many=True)
    alleenInA = serializers.ListField(child=serializers.CharField())  # noqa: N815
    alleenInB = serializers.ListField(child=serializers.CharField())  # noqa: N815


# --- the operations (keyword arguments of extend_schema) ------------------------------------
RUN_LIST = dict(
    operation_id="breAnalysesZoeken",
    summary="BRE-analyses",
    description="Alle analyses (clusteringruns), nieuwste eerst.",
    responses=docs.list_responses(BreRunListItemSchema, "bre-analyses", geo=False),
    tags=TAGS,
)

RUN_START = dict(
    operation_id="breAnalyseStarten",
    summary="Een BRE-analyse starten",
    description=(
        "Start een clustering van het netwerk van gedeelde samenwerkingsverbanden met "
        "deze parameters (weggelaten parameters krijgen de standaardwaarde). Het antwoord "
        "is 202 met de analyse in de wachtrij; volg `Location`. Vereist een account."
    ),
    request=BreParametersSchema,
    responses={202: BreRunSchema, **AUTH},
    tags=TAGS,
)

RUN_DETAIL = dict(
    operation_id="breAnalyseOphalen",
    summary="Eén BRE-analyse",
    description="Status, voortgang, parameters, rekentijden en de maten van de analyse.",
    responses=docs.item_responses(BreRunSchema, geo=False),
    tags=TAGS,
)

RUN_CANCEL = dict(
    operation_id="breAnalyseAnnuleren",
    summary="Een BRE-analyse annuleren",
    description="Alleen door wie hem startte of een beheerder; 409 als hij al klaar is.",
    request=None,
    responses={
        200: BreRunSchema,
        **AUTH,
        403: described("Niet uw analyse."),
        **NOT_FOUND,
        409: described("De analyse is al klaar, mislukt of geannuleerd."),
    },
    tags=TAGS,
)

CLUSTERS = dict(
    operation_id="breClustersZoeken",
    summary="De clusters (BRE's) van een analyse",
    description=(
        "Elk cluster met zijn gemeenten, zijn maten (definities: docs/bre.md) en als "
        "geometrie de vereniging van de grenzen van zijn gemeenten."
    ),
    responses={
        **docs.list_responses(BreClusterSchema, "clusters"),
        **NOT_FOUND,
        **NOT_READY,
    },
    tags=TAGS,
)

MUNICIPALITIES = dict(
    operation_id="breGemeentenZoeken",
    summary="De gemeenten van een analyse",
    description="Elke gemeente met haar cluster en de stabiliteit daarvan (0-1).",
    responses={
        **docs.list_responses(BreMunicipalitySchema, "gemeenten"),
        **NOT_FOUND,
        **NOT_READY,
    },
    tags=TAGS,
)

COMPARE = dict(
    operation_id="breAnalysesVergelijken",
    summary="Twee BRE-analyses vergelijken",
    description=(
        "Welke gemeenten van cluster wisselen (clusters gekoppeld op de grootste overlap) "
        "en hoe gelijk de indelingen zijn (ARI, NMI)."
    ),
    responses={
        **docs.item_responses(BreComparisonSchema, geo=False),
        **NOT_READY,
    },
    tags=TAGS,
)


__all__ = ["OpenApiTypes"]
