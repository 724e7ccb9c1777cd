"""Declarations shared by many endpoints: geometry options and the coordinate reference system,
pages, the format, and path parameters."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .core import HEADER, PATH, Param
from .filters import BOOLEAN, choice

#: Accept-Crs values (ADR geospatial module) -> SRID.
CRS_NAMES = {
    "EPSG:4326": 4326,
    "EPSG:28992": 28992,
    "OGC:CRS84": 4326,
    "http://www.opengis.net/def/crs/OGC/1.3/CRS84": 4326,
    "http://www.opengis.net/def/crs/EPSG/0/4326": 4326,
    "http://www.opengis.net/def/crs/EPSG/0/28992": 28992,
}
MAX_ID = 2**63 - 1
DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 500
MAX_PAGE = 10**6

GEOMETRY: tuple[Param, ...] = (
    Param("geometrie", BOOLEAN, "`false`: geen geometrie.", keyword="geometry"),
    Param(
        "geometrieDetail",
        choice(["vereenvoudigd", "volledig"]),
        "Vereenvoudigd (standaard in lijsten) of volledige precisie (standaard bij één object).",
        keyword="simplified",
        convert=lambda value: value == "vereenvoudigd",
    ),
    Param(
        "Accept-Crs",
        choice(CRS_NAMES),
        "Coördinatenstelsel van de geometrie; standaard EPSG:4326 (WGS84). Een ander stelsel "
        "geeft 406.",
        keyword="srid",
        location=HEADER,
        convert=CRS_NAMES.__getitem__,
        error_status=406,
    ),
)


def page_parameters(
    *, default: int = DEFAULT_PAGE_SIZE, maximum: int = MAX_PAGE_SIZE, what: str = ""
) -> tuple[Param, Param]:
    """``pagina`` and ``paginaGrootte`` (1 to ``maximum``, default ``default``)."""
    return (
        Param(
            "pagina",
            {"type": "integer", "minimum": 1, "maximum": MAX_PAGE},
            "Paginanummer, vanaf 1.",
            keyword="page",
            default=1,
        ),
        Param(
            "paginaGrootte",
            {"type": "integer", "minimum": 1, "maximum": maximum},
            f"Aantal {what or 'per pagina'} (1-{maximum}; standaard {default}).",
            keyword="page_size",
            default=default,
        ),
    )


PAGE = page_parameters()


def format_parameter(formats: Sequence[str]) -> Param:
    """``formaat``: one of the formats of the view's renderers; it wins over Accept."""
    return Param(
        "formaat",
        choice(formats),
        "Formaat; gaat vóór de Accept-header (handig voor GIS-pakketten en downloads).",
        keyword="format",
    )


def path_code(name: str, pattern: str, example: str, description: str) -> Param:
    return Param(
        name,
        {"type": "string", "pattern": pattern, "example": example},
        description,
        location=PATH,
    )


def path_id(description: str, name: str = "id", **extra: Any) -> Param:
    return Param(
        name,
        {"type": "integer", "format": "int64", "minimum": 1, "maximum": MAX_ID},
        description,
        location=PATH,
        **extra,
    )
