"""OpenAPI links: how the answer of one operation leads to the next (a created registration
to its arrangement, history and change; an import to its status and commit; a BRE run to its
status, cancellation and results). Clients may follow them; schemathesis's stateful phase
does."""

from __future__ import annotations

from typing import Any

ARRANGEMENT = "$response.body#/samenwerkingsverband"
SUBMISSION = "$response.body#/registratie/id"
OWN_ID = "$response.body#/id"
ETAG = "$response.header.ETag"
SAME_ID = "$request.path.id"


def _arrangement_links(source: str, *, etag: bool = True) -> dict[str, tuple[str, dict]]:
    links = {
        "samenwerkingsverband": ("samenwerkingsverbandOphalen", {"id": source}),
        "geschiedenis": ("samenwerkingsverbandGeschiedenis", {"id": source}),
        "bevestigen": ("samenwerkingsverbandBevestigen", {"id": source}),
    }
    if etag:
        with_tag = {"id": source, "header.If-Match": ETAG}
        links["wijzigen"] = ("samenwerkingsverbandWijzigen", with_tag)
        links["terugzetten"] = ("samenwerkingsverbandTerugzetten", with_tag)
    return links


def _submission_links(source: str) -> dict[str, tuple[str, dict]]:
    return {
        "registratie": ("registratieOphalen", {"id": source}),
        "goedkeuren": ("registratieGoedkeuren", {"id": source}),
        "afwijzen": ("registratieAfwijzen", {"id": source}),
        "aanpassingVragen": ("registratieAanpassingVragen", {"id": source}),
    }


def _import_links() -> dict[str, tuple[str, dict]]:
    return {
        "import": ("importOphalen", {"id": OWN_ID}),
        "doorvoeren": ("importDoorvoeren", {"id": OWN_ID}),
    }


#: (operationId, status) -> {link name: (target operationId, parameters)}.
LINKS: dict[tuple[str, str], dict[str, tuple[str, dict[str, Any]]]] = {
    ("samenwerkingsverbandRegistreren", "201"): _arrangement_links(ARRANGEMENT),
    ("samenwerkingsverbandRegistreren", "202"): _submission_links(SUBMISSION),
    ("samenwerkingsverbandWijzigen", "201"): _arrangement_links(SAME_ID),
    ("samenwerkingsverbandWijzigen", "202"): _submission_links(SUBMISSION),
    ("samenwerkingsverbandTerugzetten", "201"): _arrangement_links(SAME_ID),
    ("samenwerkingsverbandGeschiedenis", "200"): _arrangement_links(SAME_ID),
    ("registratieGoedkeuren", "200"): _arrangement_links(ARRANGEMENT),
    ("importStarten", "201"): _import_links(),
    ("importStarten", "202"): _import_links(),
    ("breAnalyseStarten", "202"): {
        "analyse": ("breAnalyseOphalen", {"id": OWN_ID}),
        "annuleren": ("breAnalyseAnnuleren", {"id": OWN_ID}),
        "clusters": ("breClustersZoeken", {"id": OWN_ID}),
        "gemeenten": ("breGemeentenZoeken", {"id": OWN_ID}),
    },
}


def add_links(document: dict[str, Any]) -> None:
    """Put :data:`LINKS` into the responses of ``document`` (by operationId)."""
    operations = {
        operation["operationId"]: operation
        for item in document.get("paths", {}).values()
        for operation in item.values()
        if isinstance(operation, dict) and "operationId" in operation
    }
    for (source, status), links in LINKS.items():
        response = operations.get(source, {}).get("responses", {}).get(status)
        if response is None:
            continue
        response["links"] = {
            name: {"operationId": target, "parameters": parameters}
            for name, (target, parameters) in links.items()
            if target in operations
        }
