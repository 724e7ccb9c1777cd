"""The coordinate reference systems of the OGC API (Part 2, CRS by reference): CRS84 by
default, RD New and ETRS89 on request, each named by its OGC URI."""

from __future__ import annotations

from collaborations.core.functions import LATITUDE_FIRST

CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
RD_NEW = "http://www.opengis.net/def/crs/EPSG/0/28992"
ETRS89 = "http://www.opengis.net/def/crs/EPSG/0/4258"
#: URI -> SRID in PostGIS (CRS84 is the storage SRID 4326 in longitude, latitude order).
SRIDS = {CRS84: 4326, RD_NEW: 28992, ETRS89: 4258}
URIS = {srid: uri for uri, srid in SRIDS.items()}
STORAGE_CRS = CRS84


def srid_of(uri: str) -> int:
    """The SRID of a supported CRS URI (KeyError otherwise)."""
    return SRIDS[uri]


def content_crs(srid: int) -> str:
    """The Content-Crs header value: the URI in angle brackets."""
    return f"<{URIS[srid]}>"


def latitude_first(srid: int) -> bool:
    return srid in LATITUDE_FIRST
