"""Pages of features for data exchange (OGC API Features): the matched count (a window over
the filtered rows), the feature ids, their properties and their geometry as GeoJSON text made
by PostGIS. The sub-domains' feature selectors build the
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
    ``srid``, and the number matched. Two queries: the page's keys with the number matched (a
    window over the filtered rows, no geometry or properties computed), then the properties
    and geometry of those rows only, so a deep page costs no more than the first."""
    keys = list(
        queryset.annotate(_matched=Window(Count("*"))).values_list("pk", "_matched")[
            offset : offset + limit
        ]
    )
    if not keys:
        return FeaturePage(matched=queryset.count() if offset else 0, features=[])
    position = {pk: i for i, (pk, _matched) in enumerate(keys)}
    rows = (
        queryset.filter(pk__in=list(position))
        .annotate(_fid=F("fid"), _geometry=exchange_geojson(geometry, srid=srid))
        .values("pk", "_fid", "_geometry", *properties)
        .order_by()
    )
    ordered = sorted(rows, key=lambda row: position[row["pk"]])
    return FeaturePage(matched=keys[0][1], features=[_feature(row, properties) for row in ordered])


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
