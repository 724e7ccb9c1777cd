"""drf-spectacular post-processing so the document follows the NL API Design Rules: an
API-Version header on every 2xx/3xx response, problem+json for every error response, a 400 on
every operation that takes input, and the generic errors (406, 429, 500) everywhere."""

from __future__ import annotations

from typing import Any

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
    "400": "Ongeldige invoer; `invalidParams` noemt elke ongeldige parameter.",
    "401": "Niet geauthenticeerd.",
    "403": "Geen toegang.",
    "404": "Niet gevonden.",
    "406": "Het gevraagde formaat (Accept) of coördinatenstelsel (Accept-Crs) is niet beschikbaar.",
    "409": "Conflict met de huidige toestand.",
    "412": "De bron is gewijzigd (If-Match).",
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


def _fix_operation(method: str, operation: dict[str, Any]) -> None:
    responses = operation.setdefault("responses", {})
    takes_input = bool(operation.get("parameters")) or method in ("post", "put", "patch")
    if takes_input and "400" not in responses:
        responses["400"] = {}
    for code in GENERIC_ERRORS:
        responses.setdefault(code, {})
    for code, response in list(responses.items()):
        if code.startswith(("4", "5")):
            description = response.get("description") or ERROR_DESCRIPTIONS.get(code, "Fout.")
            responses[code] = _problem_response(code)
            responses[code]["description"] = description
        elif code.startswith(("2", "3")):
            response.setdefault("description", "OK")
            response.setdefault("headers", {})["API-Version"] = API_VERSION_HEADER


def adr_postprocess(result: dict[str, Any], generator, request, public) -> dict[str, Any]:
    components = result.setdefault("components", {}).setdefault("schemas", {})
    components["Problem"] = PROBLEM_SCHEMA
    for path_item in result.get("paths", {}).values():
        for method, operation in path_item.items():
            if method in ("get", "put", "post", "patch", "delete", "head", "options"):
                _fix_operation(method, operation)
    return result
