"""Tile geometry: municipalities, provinces and arrangement footprints simplified ahead of time,
once per zoom band (models.ZOOM_BANDS), for the vector tiles.

Simplification is *coverage* simplification (``shapely.coverage_simplify``) of the clean
coverage of today's municipal boundaries, so neighbours keep one shared border at every zoom:
no slivers, no gaps. Provinces and arrangements are coverage unions of the simplified
municipalities, so their borders coincide with the municipal borders of the same band."""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import shapely
from django.contrib.gis.db.models.functions import AsWKB, Transform
from django.contrib.gis.geos import GEOSGeometry
from django.db import transaction

from collaborations.arrangements.selectors.represented import represented_municipality_pairs
from collaborations.arrangements.services.footprints import arrangement_footprints_recompute
from collaborations.core.services.versioning import data_version_bump
from collaborations.geography.selectors.validity import (
    boundaries_on,
    today,
)
from collaborations.geography.services.coverage import boundaries_clean_coverage
from collaborations.tiles.choices import ZOOM_BANDS, TileLayer
from collaborations.tiles.models import TILE_SRID, TileGeometry

logger = logging.getLogger(__name__)

#: Grid (Web Mercator metres) the transformed coverage is snapped to. Reprojection leaves
#: nearly collinear vertices of the noded coverage crossing by a few nanometres; snapping to
#: 1 cm (below one tile unit up to zoom 20) restores a valid coverage.
PRECISION = 0.01
BATCH_SIZE = 200


@dataclass(frozen=True)
class MunicipalCoverage:
    """Today's municipalities in Web Mercator (one row per municipality): one coverage per
    country (the layers of two countries are not noded together)."""

    municipality_ids: list[int]
    province_ids: list[int | None]
    geometries: np.ndarray
    countries: np.ndarray | None = None

    def position(self) -> dict[int, int]:
        return {pk: i for i, pk in enumerate(self.municipality_ids)}


def municipal_coverage() -> MunicipalCoverage:
    """The clean coverage of the boundaries valid today, transformed to Web Mercator by PostGIS
    and made a valid coverage again after the transformation."""
    boundaries_clean_coverage()  # no-op when every boundary has its clean geometry
    rows = list(
        boundaries_on(day=today())
        .filter(geom_coverage__isnull=False)
        .order_by("municipality_id")
        .values_list(
            "municipality_id",
            "municipality__province_id",
            AsWKB(Transform("geom_coverage", TILE_SRID)),
            "municipality__country",
        )
    )
    geometries = shapely.from_wkb([bytes(row[2]) for row in rows])
    countries = np.array([row[3] for row in rows], dtype=object)
    return MunicipalCoverage(
        municipality_ids=[row[0] for row in rows],
        province_ids=[row[1] for row in rows],
        geometries=per_group(_valid_coverage, geometries, countries),
        countries=countries,
    )


def per_group(function, geometries: np.ndarray, groups: np.ndarray | None) -> np.ndarray:
    """``function`` applied to the geometries of each group (country) on its own, in place."""
    if groups is None or len(geometries) == 0:
        return function(geometries)
    result = np.empty(len(geometries), dtype=object)
    for group in set(groups.tolist()):
        mask = groups == group
        result[mask] = function(geometries[mask])
    return result


def _valid_coverage(geometries: np.ndarray) -> np.ndarray:
    if len(geometries) == 0:
        return geometries
    snapped = shapely.set_precision(geometries, PRECISION)
    if shapely.coverage_is_valid(snapped):
        return snapped
    logger.warning("tile coverage not valid after snapping; cleaning it (shapely.coverage_clean)")
    return shapely.coverage_clean(snapped)


def simplified_bands(
    coverage: np.ndarray, groups: np.ndarray | None = None
) -> dict[int, np.ndarray]:
    """The coverage simplified for every zoom band: {band: geometries in coverage order}; each
    group (country) is a coverage of its own."""

    def simplify(tolerance: float):
        return lambda part: shapely.coverage_simplify(part, tolerance, simplify_boundary=True)

    return {
        band.band: (
            per_group(simplify(band.tolerance), coverage, groups)
            if band.tolerance > 0 and len(coverage)
            else coverage
        )
        for band in ZOOM_BANDS
    }


def _union(parts: list[shapely.Geometry]) -> shapely.Geometry:
    try:
        return shapely.coverage_union_all(parts)
    except shapely.errors.GEOSException:  # not a coverage after all: fall back to overlay
        return shapely.union_all(parts)


def group_unions(
    groups: dict[int, list[int]], position: dict[int, int], geometries: np.ndarray
) -> dict[int, shapely.Geometry]:
    """Coverage union per group: {object id: union of the geometries of its municipalities}."""
    result = {}
    for object_id, municipality_ids in groups.items():
        parts = [geometries[position[m]] for m in municipality_ids if m in position]
        parts = [part for part in parts if part is not None and not part.is_empty]
        if parts:
            result[object_id] = _union(parts)
    return result


def _multipolygon(geometry: shapely.Geometry) -> GEOSGeometry | None:
    polygons = shapely.get_parts(geometry)
    polygons = polygons[shapely.get_type_id(polygons) == shapely.GeometryType.POLYGON]
    if len(polygons) == 0:
        return None
    wkb = shapely.to_wkb(shapely.multipolygons(polygons))
    return GEOSGeometry(memoryview(wkb), srid=TILE_SRID)


def _rows(layer: str, band: int, geometries: dict[int, shapely.Geometry]) -> list[TileGeometry]:
    rows = []
    for object_id, geometry in geometries.items():
        multi = _multipolygon(geometry)
        if multi is not None:
            rows.append(TileGeometry(layer=layer, object_id=object_id, band=band, geom=multi))
    return rows


def _replace(layer: str, rows: list[TileGeometry], object_ids: list[int] | None = None) -> int:
    """Replace the layer's rows (only those of ``object_ids`` when given) in one transaction."""
    with transaction.atomic():
        stale = TileGeometry.objects.filter(layer=layer)
        if object_ids is not None:
            stale = stale.filter(object_id__in=object_ids)
        stale.delete()
        TileGeometry.objects.bulk_create(rows, batch_size=BATCH_SIZE)
    return len(rows)


def _arrangement_members(arrangement_ids: list[int] | None) -> dict[int, list[int]]:
    members: dict[int, list[int]] = defaultdict(list)
    for arrangement_id, municipality_id in represented_municipality_pairs(
        day=today(), arrangement_ids=arrangement_ids
    ):
        members[arrangement_id].append(municipality_id)
    return members


def _municipal_layers(coverage: MunicipalCoverage, bands: dict[int, np.ndarray]) -> int:
    position = coverage.position()
    provinces: dict[int, list[int]] = defaultdict(list)
    for municipality_id, province_id in zip(
        coverage.municipality_ids, coverage.province_ids, strict=True
    ):
        if province_id is not None:
            provinces[province_id].append(municipality_id)
    municipalities, province_rows = [], []
    for band, geometries in bands.items():
        own = dict(zip(coverage.municipality_ids, geometries, strict=True))
        municipalities += _rows(TileLayer.GEMEENTE, band, own)
        province_rows += _rows(
            TileLayer.PROVINCIE, band, group_unions(provinces, position, geometries)
        )
    return _replace(TileLayer.GEMEENTE, municipalities) + _replace(
        TileLayer.PROVINCIE, province_rows
    )


def tile_geometry_rebuild(*, arrangement_ids: Iterable[int] | None = None) -> int:
    """Rebuild the tile geometry of all layers, or, with ``arrangement_ids``, of only those
    arrangements (after a membership change). Returns the number of rows written."""
    ids = None if arrangement_ids is None else sorted(set(arrangement_ids))
    coverage = municipal_coverage()
    bands = simplified_bands(coverage.geometries, coverage.countries)
    written = 0 if ids is not None else _municipal_layers(coverage, bands)
    members = _arrangement_members(ids)
    position = coverage.position()
    rows = []
    for band, geometries in bands.items():
        rows += _rows(
            TileLayer.SAMENWERKINGSVERBAND, band, group_unions(members, position, geometries)
        )
    written += _replace(TileLayer.SAMENWERKINGSVERBAND, rows, object_ids=ids)
    data_version_bump()
    return written


def arrangement_geometry_refresh(*, arrangement_ids: Iterable[int] | None = None) -> int:
    """After a membership change: the footprints and the vector-tile geometry of the given
    arrangements (default: all)."""

    ids = None if arrangement_ids is None else list(arrangement_ids)
    written = arrangement_footprints_recompute(arrangement_ids=ids)
    tile_geometry_rebuild(arrangement_ids=ids)
    return written
