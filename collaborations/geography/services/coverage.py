"""The clean coverage of a boundary layer: the published generalised municipal boundaries
made into an exact coverage once (MunicipalityBoundary.geom_coverage), so unions only drop shared edges."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import shapely
from django.db import transaction

from collaborations.core.geometry import to_multipolygon, to_shapely
from collaborations.geography.models import MunicipalityBoundary

#: A face that belongs to no polygon is a sliver between neighbours (given to one of them)
#: when it is this small (square degrees, ~7,000 m2) or this thin (area / perimeter^2);
#: larger ones are real gaps, such as lakes outside every municipality, and stay out.
SLIVER_AREA = 1e-6


SLIVER_THINNESS = 1e-3


def clean_coverage(geometries: np.ndarray) -> np.ndarray:
    """Turn polygons that nearly tile an area into an exact coverage: node all their edges,
    polygonize, and give each face to the polygon that contains a point inside it. Faces in
    an overlap go to one of the overlapping polygons; slivers between neighbours go to the
    nearest one; real gaps are dropped."""
    noded = shapely.union_all(shapely.boundary(geometries))
    faces = shapely.get_parts(shapely.polygonize(shapely.get_parts(noded)))
    tree = shapely.STRtree(geometries)
    face_index, owner_index = tree.query(shapely.point_on_surface(faces), predicate="within")
    owner = np.full(len(faces), -1)
    owner[face_index[::-1]] = owner_index[::-1]  # first owner wins in an overlap
    _assign_slivers(faces, owner, tree)
    result = np.empty(len(geometries), dtype=object)
    for i in range(len(geometries)):
        mine = faces[owner == i]
        result[i] = shapely.coverage_union_all(mine) if len(mine) else geometries[i]
    return result


def _assign_slivers(faces: np.ndarray, owner: np.ndarray, tree: shapely.STRtree) -> None:
    orphans = np.flatnonzero(owner == -1)
    if not len(orphans):
        return
    area = shapely.area(faces[orphans])
    thinness = area / np.maximum(shapely.length(faces[orphans]) ** 2, 1e-30)
    slivers = orphans[(area < SLIVER_AREA) | (thinness < SLIVER_THINNESS)]
    if len(slivers):
        sliver_index, nearest = tree.query_nearest(faces[slivers], all_matches=False)
        owner[slivers[sliver_index]] = nearest


def boundaries_clean_coverage(*, years: Iterable[int] | None = None) -> int:
    """Compute ``geom_coverage`` for every boundary of the given layer years (default: the
    years that have boundaries without one). Returns the number of boundaries updated."""
    if years is None:
        years = set(
            MunicipalityBoundary.objects.filter(geom_coverage__isnull=True).values_list(
                "year", flat=True
            )
        )
    updated = 0
    layers = (
        MunicipalityBoundary.objects.filter(year__in=set(years))
        .values_list("year", "municipality__country")
        .distinct()
    )
    for year, country in sorted(set(layers)):  # a layer: one year of one country
        boundaries = list(
            MunicipalityBoundary.objects.filter(year=year, municipality__country=country).only(
                "pk", "geom"
            )
        )
        cleaned = clean_coverage(to_shapely(b.geom for b in boundaries))
        for boundary, geometry in zip(boundaries, cleaned, strict=True):
            boundary.geom_coverage = to_multipolygon(geometry)
        with transaction.atomic():
            MunicipalityBoundary.objects.bulk_update(boundaries, ["geom_coverage"], batch_size=100)
        updated += len(boundaries)
    return updated


def boundaries_clean_coverage_rebuild() -> int:
    """Recompute the clean coverage of every layer (after a load, which may change
    boundaries)."""
    years = set(MunicipalityBoundary.objects.values_list("year", flat=True).distinct())
    return boundaries_clean_coverage(years=years)
