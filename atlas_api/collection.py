"""The payload of a read endpoint, before it becomes JSON, GeoJSON, CSV, XLSX or GeoPackage.

Views build rows as plain dicts (from ``.values()`` or aggregated in the database) and
geometries as GeoJSON text made by PostGIS; no serializer runs per object."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Collection:
    """A page (or the whole) of one resource."""

    name: str  # the resource, e.g. "gemeenten": key of the list in JSON, layer name in GPKG
    rows: list[dict[str, Any]]
    geometries: list[str | None] | None = None  # GeoJSON geometry text per row, or None
    id_field: str = "id"
    total: int | None = None
    links: dict[str, str | None] = field(default_factory=dict)
    page: int | None = None
    page_size: int | None = None
    crs: str = "EPSG:4326"
    columns: list[str] | None = None  # for tables: which fields, in which order


@dataclass
class Item:
    """One resource, possibly with a geometry."""

    name: str
    row: dict[str, Any]
    geometry: str | None = None
    has_geometry: bool = False
    id_field: str = "id"
    crs: str = "EPSG:4326"
    links: dict[str, str | None] = field(default_factory=dict)
    #: JSON object text whose members follow the row's as they are (a stored document,
    #: e.g. a municipality's profile); only for the JSON and GeoJSON renderers
    members: str | None = None
