"""Representative points of municipalities (for drawing the co-membership network)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.gis.db.models.functions import PointOnSurface, Transform

from collaborations.geography.models import Municipality


@dataclass(frozen=True)
class MunicipalityPoint:
    code: str
    name: str
    x: float | None  # None when the municipality has no boundary
    y: float | None


def municipality_points(
    *, municipality_ids: Iterable[int], srid: int | None = None
) -> dict[int, MunicipalityPoint]:
    """{municipality id: code, name and a point inside its (most recent) boundary}, the point
    made by PostGIS (ST_PointOnSurface) in ``srid`` (default: the storage SRID). One query."""
    point = PointOnSurface("geom")
    if srid is not None and srid != settings.REGIOATLAS_SRID:
        point = Transform(point, srid)
    rows = (
        Municipality.objects.filter(pk__in=list(municipality_ids))
        .annotate(point=point)
        .values_list("pk", "code", "name", "point")
    )
    return {
        pk: MunicipalityPoint(code, name, p.x if p else None, p.y if p else None)
        for pk, code, name, p in rows
    }
