"""Pages of features for data exchange (OGC API Features): one query per page gives the
matched count (a window over the filtered rows), the feature ids, their properties and their
geometry as GeoJSON text made by PostGIS. The sub-domains' feature selectors build the
filtered, annotated querysets; this module only pages and encodes them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.gis.db.models import Extent
from django.db.models import Count, F, QuerySet, Window

from collaborations.core.functions import exchange_geojson


@dataclass(frozen=True)
class Feature:
    id: str
    properties: dict[str, Any]
    geometry: str | None  # GeoJSON text, or None


@dataclass(frozen=True)
class FeaturePage:
    matched: int
    features: list[Feature]


def _feature(row: dict[str, Any], names: Sequence[str]) -> Feature:
    return Feature(
        id=str(row["_fid"]),
        properties={name: row[name] for name in names},
        geometry=row.get("_geometry"),
    )


def feature_page(
    *,
    queryset: QuerySet,
    properties: Sequence[str],
    geometry: str,
    srid: int,
    limit: int,
    offset: int = 0,
) -> FeaturePage:
    """Features ``offset`` to ``offset + limit`` of ``queryset`` (annotated with ``fid`` and
    ``properties``; ``geometry`` names its geometry field or annotation), with the geometry in
    ``srid``, and the number matched. One query (a second one only when the offset is beyond
    the last feature, to count)."""
    rows = list(
        queryset.annotate(
            _fid=F("fid"),
            _geometry=exchange_geojson(geometry, srid=srid),
            _matched=Window(Count("*")),
        ).values("_fid", "_geometry", "_matched", *properties)[offset : offset + limit]
    )
    matched = rows[0]["_matched"] if rows else (queryset.count() if offset else 0)
    return FeaturePage(matched=matched, features=[_feature(row, properties) for row in rows])


def feature_get(
    *, queryset: QuerySet, fid: str, properties: Sequence[str], geometry: str, srid: int
) -> Feature | None:
    """The feature of ``queryset`` whose ``fid`` is ``fid``, or None. One query."""
    row = (
        queryset.filter(fid=fid)
        .annotate(_fid=F("fid"), _geometry=exchange_geojson(geometry, srid=srid))
        .values("_fid", "_geometry", *properties)
        .first()
    )
    return None if row is None else _feature(row, properties)


def feature_extent(*, queryset: QuerySet, geometry: str) -> tuple[float, ...] | None:
    """(minx, miny, maxx, maxy) in the storage CRS (CRS84) of ``queryset``'s geometry."""
    return queryset.aggregate(extent=Extent(geometry))["extent"]
