"""Coordinate reference systems: Accept-Crs / Content-Crs (ADR geospatial module)."""

from __future__ import annotations

import re

from django.conf import settings
from rest_framework.request import Request

from .exceptions import NotAcceptableCrs

SUPPORTED = {4326: "EPSG:4326", 28992: "EPSG:28992"}


def _srid_of(value: str) -> int | None:
    value = value.strip().lower()
    if value in ("ogc:crs84", "crs84", "http://www.opengis.net/def/crs/ogc/1.3/crs84"):
        return 4326
    match = re.search(r"epsg(?::|/0/)(\d+)$", value)
    return int(match.group(1)) if match else None


def negotiated_srid(request: Request) -> int:
    """The SRID the client asked for with Accept-Crs (default: WGS84); 406 when unsupported."""
    header = request.headers.get("Accept-Crs", "").strip()
    if not header:
        return settings.API_SRID
    for candidate in header.split(","):
        srid = _srid_of(candidate.split(";")[0])
        if srid in SUPPORTED:
            return srid
    raise NotAcceptableCrs(
        f"Accept-Crs '{header[:60]}' wordt niet ondersteund; kies uit "
        + ", ".join(SUPPORTED.values())
        + "."
    )


def crs_name(srid: int) -> str:
    return SUPPORTED[srid]
