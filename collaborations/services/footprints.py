"""Arrangement footprints: the union of the boundaries of the municipalities that represent an
arrangement's municipal members.

The union is a *coverage union*: municipal boundaries of one CBS layer tile the country, so the
union only has to drop the shared edges. The published generalised layers are not perfectly
noded (neighbours' edges differ by a few vertices), so each layer is first made into a clean
coverage once (:func:`boundaries_clean_coverage`), stored in ``MunicipalityBoundary.geom_coverage``.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable

import numpy as np
import shapely
from django.conf import settings
from django.contrib.gis.geos import GEOSGeometry, MultiPolygon
from django.db import connection, transaction
from django.utils import timezone

from collaborations.models import Arrangement, MunicipalityBoundary
from collaborations.selectors.geography import boundaries_on, represented_municipality_pairs
from collaborations.services.outbox import job_enqueue
from collaborations.services.versioning import data_version_bump

SRID = settings.REGIOATLAS_SRID


def _to_shapely(geometries: Iterable[GEOSGeometry | None]) -> np.ndarray:
    return shapely.from_wkb([bytes(g.wkb) if g is not None else None for g in geometries])


def _to_multipolygon(geometry: shapely.Geometry) -> MultiPolygon | None:
    polygonal = _polygonal(geometry)
    if polygonal is None:
        return None
    return GEOSGeometry(memoryview(shapely.to_wkb(polygonal)), srid=SRID)


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
    for year in sorted(set(years)):
        boundaries = list(MunicipalityBoundary.objects.filter(year=year).only("pk", "geom"))
        cleaned = clean_coverage(_to_shapely(b.geom for b in boundaries))
        for boundary, geometry in zip(boundaries, cleaned, strict=True):
            boundary.geom_coverage = _to_multipolygon(geometry)
        with transaction.atomic():
            MunicipalityBoundary.objects.bulk_update(boundaries, ["geom_coverage"], batch_size=100)
        updated += len(boundaries)
    return updated


def boundaries_clean_coverage_rebuild() -> int:
    """Recompute the clean coverage of every layer (after a load, which may change
    boundaries)."""
    years = set(MunicipalityBoundary.objects.values_list("year", flat=True).distinct())
    return boundaries_clean_coverage(years=years)


def _union(parts: np.ndarray) -> shapely.Geometry:
    try:
        return shapely.coverage_union_all(parts)
    except shapely.errors.GEOSException:  # boundaries of different layers: not one coverage
        return shapely.union_all(parts)


def _footprints(
    *, arrangement_ids: Iterable[int] | None, day: datetime.date | None
) -> dict[int, shapely.Geometry | None]:
    """Footprints as shapely geometries (polygonal parts only), per arrangement."""
    day = day or timezone.localdate()
    boundaries_clean_coverage()  # no-op when every boundary has its clean geometry
    ids = None if arrangement_ids is None else list(arrangement_ids)
    members: dict[int, list[int]] = defaultdict(list)
    for arrangement_id, municipality_id in represented_municipality_pairs(
        day=day, arrangement_ids=ids
    ):
        members[arrangement_id].append(municipality_id)
    wanted = {m for ms in members.values() for m in ms}
    rows = list(
        boundaries_on(day=day)
        .filter(municipality_id__in=wanted)
        .values_list("municipality_id", "geom_coverage")
    )
    shapes = dict(zip((r[0] for r in rows), _to_shapely(r[1] for r in rows), strict=True))
    targets = ids if ids is not None else Arrangement.objects.values_list("pk", flat=True)
    unions: dict[frozenset[int], shapely.Geometry | None] = {}  # regions of several divisions
    result: dict[int, shapely.Geometry | None] = {}
    for arrangement_id in targets:
        key = frozenset(m for m in members.get(arrangement_id, []) if shapes.get(m) is not None)
        if key not in unions:
            unions[key] = _polygonal(_union(np.array([shapes[m] for m in key]))) if key else None
        result[arrangement_id] = unions[key]
    return result


def _polygonal(geometry: shapely.Geometry) -> shapely.Geometry | None:
    polygons = shapely.get_parts(geometry)
    polygons = polygons[shapely.get_type_id(polygons) == shapely.GeometryType.POLYGON]
    return shapely.multipolygons(polygons) if len(polygons) else None


def footprints_compute(
    *, arrangement_ids: Iterable[int] | None = None, day: datetime.date | None = None
) -> dict[int, MultiPolygon | None]:
    """Footprint per arrangement on ``day`` (default today), without writing anything.
    Arrangements without municipal members on that day map to None."""
    return {
        pk: (None if g is None else GEOSGeometry(memoryview(shapely.to_wkb(g)), srid=SRID))
        for pk, g in _footprints(arrangement_ids=arrangement_ids, day=day).items()
    }


_WRITE_SQL = """
UPDATE collaborations_arrangement AS a
SET footprint = ST_SetSRID(ST_GeomFromWKB(v.wkb), %s), footprint_updated_at = %s
FROM unnest(%s::bigint[], %s::bytea[]) AS v(id, wkb)
WHERE a.id = v.id
"""


def _write_footprints(footprints: dict[int, shapely.Geometry | None]) -> None:
    """One UPDATE for all footprints (the ORM's bulk_update builds a CASE per row, which is
    quadratic for large geometries). Parameters only; no values in the SQL text."""
    ids = list(footprints)
    wkbs = [None if g is None else shapely.to_wkb(g) for g in footprints.values()]
    with connection.cursor() as cursor:
        cursor.execute(_WRITE_SQL, [SRID, timezone.now(), ids, wkbs])


def arrangement_footprints_recompute(*, arrangement_ids: Iterable[int] | None = None) -> int:
    """Recompute and store the footprints of the given arrangements (default: all) as of today.
    Returns the number of arrangements written."""
    footprints = _footprints(arrangement_ids=arrangement_ids, day=None)
    with transaction.atomic():
        _write_footprints(footprints)
        data_version_bump()
    return len(footprints)


def arrangement_geometry_refresh(*, arrangement_ids: Iterable[int] | None = None) -> int:
    """After a membership change: the footprints and the vector-tile geometry of the given
    arrangements (default: all)."""
    from collaborations.services.tiles import tile_geometry_rebuild

    ids = None if arrangement_ids is None else list(arrangement_ids)
    written = arrangement_footprints_recompute(arrangement_ids=ids)
    tile_geometry_rebuild(arrangement_ids=ids)
    return written


FOOTPRINTS_TASK = "collaborations.footprints_recompute"


def arrangement_footprints_schedule(*, arrangement_ids: list[int]) -> None:
    """Recompute footprints in the background: a job in the outbox, written in the current
    transaction and sent once it commits (docs/operations.md)."""
    job_enqueue(task=FOOTPRINTS_TASK, kwargs={"arrangement_ids": list(arrangement_ids)})


def arrangement_footprint_schedule(*, arrangement_id: int) -> None:
    """Recompute one footprint in the background (see :func:`arrangement_footprints_schedule`)."""
    arrangement_footprints_schedule(arrangement_ids=[arrangement_id])
