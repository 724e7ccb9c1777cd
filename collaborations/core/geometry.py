"""Conversions between GEOS (Django) and shapely geometries, shared by the sub-domains that
compute geometry in Python (coverage, footprints, tiles)."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import shapely
from django.conf import settings
from django.contrib.gis.geos import GEOSGeometry, MultiPolygon

SRID = settings.REGIOATLAS_SRID


def to_shapely(geometries: Iterable[GEOSGeometry | None]) -> np.ndarray:
    return shapely.from_wkb([bytes(g.wkb) if g is not None else None for g in geometries])


def to_multipolygon(geometry: shapely.Geometry) -> MultiPolygon | None:
    part = polygonal(geometry)
    if part is None:
        return None
    return GEOSGeometry(memoryview(shapely.to_wkb(part)), srid=SRID)


def polygonal(geometry: shapely.Geometry) -> shapely.Geometry | None:
    polygons = shapely.get_parts(geometry)
    polygons = polygons[shapely.get_type_id(polygons) == shapely.GeometryType.POLYGON]
    return shapely.multipolygons(polygons) if len(polygons) else None
