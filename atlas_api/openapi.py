"""drf-spectacular post-processing so the document follows the NL API Design Rules and says
every status an operation can answer: an API-Version header on every 2xx/3xx response,
problem+json for every error response, a 400 on every operation (an unknown query parameter
is one), a 401 where credentials are read (a wrong token), a 404 where the path names a
resource, 413/415/422 where a body is sent, and the generic errors (406, 429, 500) everywhere.
The links between operations (:mod:`atlas_api.openapi_links`) let a client, or a fuzzer,
follow what a write created."""

from __future__ import annotations

from typing import Any

from .openapi_links import add_links

PROBLEM = "application/problem+json"

PROBLEM_SCHEMA = {
    "type": "object",
    "description": "Probleemdetails volgens RFC 9457.",
    "properties": {
        "type": {"type": "string", "format": "uri"},
        "title": {"type": "string", "description": "Korte omschrijving van het probleem."},
        "status": {"type": "integer", "description": "De HTTP-statuscode."},
        "detail": {"type": "string", "description": "Uitleg over dit geval."},
        "instance": {"type": "string"},
        "invalidParams": {
            "type": "array",
            "description": "De ongeldige parameters (bij 400).",
            "items": {
                "type": "object",
                "properties": {
                    "name": {"type": "string"},
                    "reason": {"type": "string"},
                },
                "required": ["name", "reason"],
            },
        },
    },
    "required": ["status", "title", "detail"],
}

API_VERSION_HEADER = {
    "description": "De volledige versie van de API (semver).",
    "schema": {"type": "string", "example": "1.0.0"},
}

ERROR_DESCRIPTIONS = {
    "400": "Ongeldige invoer (past niet bij dit document, of een onbekende parameter); "
    "`invalidParams` noemt elke ongeldige parameter.",
    "401": "Niet geauthenticeerd, of een ongeldig token.",
    "403": "Geen toegang.",
    "404": "Niet gevonden.",
    "406": "Het gevraagde formaat (Accept) of coördinatenstelsel (Accept-Crs) is niet beschikbaar.",
    "409": "Conflict met de huidige toestand.",
    "412": "De bron is gewijzigd (If-Match).",
    "413": "Het verzoek is te groot.",
    "415": "Dit mediatype (Content-Type) wordt niet ondersteund.",
    "422": "Het verzoek past bij dit document, maar een regel van het domein staat het niet "
    "toe; `invalidParams` noemt de velden.",
    "428": "If-Match ontbreekt.",
    "429": "Te veel verzoeken; zie Retry-After.",
    "500": "Interne fout.",
}

GENERIC_ERRORS = ("406", "429", "500")


def _problem_response(code: str) -> dict[str, Any]:
    response: dict[str, Any] = {
        "description": ERROR_DESCRIPTIONS.get(code, "Fout."),
        "headers": {"API-Version": API_VERSION_HEADER},
        "content": {PROBLEM: {"schema": {"$ref": "#/components/schemas/Problem"}}},
    }
    if code == "429":
        response["headers"]["Retry-After"] = {
            "description": "Aantal seconden tot een nieuw verzoek kan.",
            "schema": {"type": "integer"},
        }
    return response


def _possible_errors(path: str, operation: dict[str, Any]) -> list[str]:
    codes = ["400", *GENERIC_ERRORS]
    if any("tokenAuth" in requirement for requirement in operation.get("security", [])):
        codes.append("401")
    if "{" in path:
        codes.append("404")
    if "requestBody" in operation:
        codes += ["413", "415", "422"]
    return codes


def _fix_operation(path: str, method: str, operation: dict[str, Any]) -> None:
    responses = operation.setdefault("responses", {})
    for code in _possible_errors(path, operation):
        responses.setdefault(code, {})
    for code, response in list(responses.items()):
        if code.startswith(("4", "5")):
            description = response.get("description") or ERROR_DESCRIPTIONS.get(code, "Fout.")
            responses[code] = _problem_response(code)
            responses[code]["description"] = description
        elif code.startswith(("2", "3")):
            response.setdefault("description", "OK")
            response.setdefault("headers", {})["API-Version"] = API_VERSION_HEADER


#: Request bodies that take no other names than their own: the BRE parameters are mapped name
#: by name (atlas_api.docs_bre), and an unknown name is a 400.
CLOSED = ("BreParametersSchemaRequest", "FiltersSchemaRequest")


def adr_postprocess(result: dict[str, Any], generator, request, public) -> dict[str, Any]:
    components = result.setdefault("components", {}).setdefault("schemas", {})
    components["Problem"] = PROBLEM_SCHEMA
    for name in CLOSED:
        if name in components:
            components[name]["additionalProperties"] = False
    for path, path_item in result.get("paths", {}).items():
        for method, operation in path_item.items():
            if method in ("get", "put", "post", "patch", "delete", "head", "options"):
                _fix_operation(path, method, operation)
    add_links(result)
    return result
