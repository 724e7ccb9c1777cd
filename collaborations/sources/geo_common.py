"""Shared machinery of the geography importers: missing derived tables, DataSource rows,
geometry repair and a diffing bulk upsert that makes every loader idempotent."""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.gis.gdal import GDALException
from django.contrib.gis.geos import GEOSException, GEOSGeometry, MultiPolygon, Polygon
from django.db import models
from django.utils import timezone

from collaborations.arrangements.models import DataSource
from collaborations.sources.base import ImportError_, ImportReport, Source, locate

MUNICIPALITY_CODE = re.compile(r"^GM[0-9]{4}$")
PROVINCE_CODE = re.compile(r"^PV[0-9]{2}$")
REGION_CODE = re.compile(r"^VR[0-9]{2}$")


class MissingSourceError(ImportError_):
    """A derived table of shared/data is absent and has no public URL to download it from."""


@dataclass(frozen=True)
class GeoFile:
    """A source file plus what its DataSource row says about it (origin and licence are those
    of shared/data/README.md)."""

    source: Source
    slug: str
    name: str
    publisher: str
    licence: str
    year: int | None
    origin: str = ""

    @property
    def path_label(self) -> str:
        return self.source.relative_path


def locate_file(geo_file: GeoFile) -> Path:
    """``base.locate`` for one file; a derived table that cannot be had raises
    :class:`MissingSourceError` so ``load`` can say which table is missing and go on."""
    try:
        return locate(geo_file.source)
    except ImportError_ as exc:
        if geo_file.source.url is None:
            raise MissingSourceError(str(exc)) from exc
        raise
    except OSError as exc:  # requests' errors are OSErrors too
        raise ImportError_(
            f"{geo_file.path_label}: not in the data folder and downloading "
            f"{geo_file.source.url} failed ({exc})"
        ) from exc


def locate_optional(geo_file: GeoFile, report: ImportReport, consequence: str) -> Path | None:
    """Like :func:`locate_file`, but a missing derived table is noted in the report."""
    try:
        return locate_file(geo_file)
    except MissingSourceError:
        report.notes.append(f"missing derived table {geo_file.path_label}: {consequence}")
        return None


def datasource_upsert(geo_files: Iterable[GeoFile]) -> dict[str, DataSource]:
    """Create or update the DataSource row of each file. ``loaded_at`` records the last load
    and is not counted as a change in the reports."""
    now = timezone.now()
    result = {}
    for geo_file in geo_files:
        source, _ = DataSource.objects.update_or_create(
            slug=geo_file.slug,
            defaults={
                "name": geo_file.name,
                "publisher": geo_file.publisher,
                "url": geo_file.source.url or geo_file.origin,
                "licence": geo_file.licence,
                "year": geo_file.year,
                "loaded_at": now,
            },
        )
        result[geo_file.slug] = source
    return result


# --- values -----------------------------------------------------------------------------


def parse_iso_date(value: str, *, where: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as exc:
        raise ImportError_(f"{where}: bad date {value!r} (expected YYYY-MM-DD)") from exc


def parse_compact_date(value: str, *, where: str) -> datetime.date | None:
    """Tabel 33 dates: YYYYMMDD, empty for none."""
    if not value:
        return None
    try:
        return datetime.datetime.strptime(value, "%Y%m%d").date()
    except ValueError as exc:
        raise ImportError_(f"{where}: bad date {value!r} (expected YYYYMMDD)") from exc


def check_code(code: str, pattern: re.Pattern[str], *, where: str, what: str) -> str:
    if not pattern.match(code):
        raise ImportError_(f"{where}: bad {what} code {code!r}")
    return code


def valid_on(day: datetime.date) -> models.Q:
    """Q for a row with valid_from/valid_to (inclusive/exclusive, null = open) valid on ``day``."""
    return (models.Q(valid_from__isnull=True) | models.Q(valid_from__lte=day)) & (
        models.Q(valid_to__isnull=True) | models.Q(valid_to__gt=day)
    )


# --- geometry ---------------------------------------------------------------------------


def feature_geometry(feature: Mapping[str, Any], *, where: str) -> GEOSGeometry:
    """The GEOS geometry of a GeoJSON feature (lon/lat, SRID 4326)."""
    raw = feature.get("geometry")
    if not raw:
        raise ImportError_(f"{where}: feature has no geometry")
    try:
        geom = GEOSGeometry(json.dumps(raw))
    except (GDALException, GEOSException, ValueError, TypeError) as exc:
        raise ImportError_(f"{where}: unreadable geometry ({exc})") from exc
    geom.srid = 4326
    return geom


def _polygons(geom: GEOSGeometry) -> list[Polygon]:
    if isinstance(geom, Polygon):
        return [geom] if not geom.empty else []
    if geom.geom_type in ("MultiPolygon", "GeometryCollection"):
        return [part for member in geom for part in _polygons(member)]
    return []


def _repair(geom: GEOSGeometry) -> GEOSGeometry:
    fixed = geom.make_valid()
    if fixed.valid and _polygons(fixed):
        return fixed
    return geom.buffer(0)


def as_multipolygon(geom: GEOSGeometry, *, where: str, notes: list[str]) -> MultiPolygon:
    """Repair an invalid shape (MakeValid, else buffer(0)) with a note, wrap a Polygon, and
    return a MultiPolygon in the storage SRID. A shape without area is an error."""
    if not geom.valid:
        reason = geom.valid_reason
        geom = _repair(geom)
        notes.append(f"{where}: invalid geometry repaired ({reason})")
    polygons = _polygons(geom)
    if not polygons:
        raise ImportError_(f"{where}: geometry is {geom.geom_type} without area, not a polygon")
    multi = MultiPolygon(polygons, srid=geom.srid)
    if not multi.valid:  # parts of a GeometryCollection that overlap or touch
        multi = MultiPolygon(_polygons(multi.buffer(0)), srid=geom.srid)
    if multi.srid != settings.REGIOATLAS_SRID:
        multi.transform(settings.REGIOATLAS_SRID)
    return multi


def merge_geometries(parts: list[GEOSGeometry], *, where: str, notes: list[str]) -> MultiPolygon:
    """One MultiPolygon for features sharing a code (their union)."""
    if len(parts) == 1:
        return as_multipolygon(parts[0], where=where, notes=notes)
    cleaned = [as_multipolygon(part, where=where, notes=notes) for part in parts]
    union = cleaned[0]
    for part in cleaned[1:]:
        union = union.union(part)
    notes.append(f"{where}: {len(parts)} features share this code; merged")
    return as_multipolygon(union, where=where, notes=notes)


# --- upsert -----------------------------------------------------------------------------


def same_value(current: Any, wanted: Any) -> bool:
    if isinstance(current, GEOSGeometry) or isinstance(wanted, GEOSGeometry):
        if current is None or wanted is None:
            return current is wanted
        return current.srid == wanted.srid and current.equals_exact(wanted)
    return current == wanted


@dataclass
class UpsertResult:
    created: list[models.Model]
    updated: list[models.Model]
    unchanged: int


def bulk_upsert(
    model: type[models.Model],
    *,
    wanted: Mapping[Hashable, dict[str, Any]],
    existing: Mapping[Hashable, models.Model],
    report: ImportReport,
    label: str,
    on_update: Callable[[models.Model], list[str]] | None = None,
) -> UpsertResult:
    """Create the rows of ``wanted`` missing from ``existing`` and update the ones whose values
    differ (compared field by field, geometry exactly). Counts go to ``report``; an unchanged
    row is not written, so a second load reports 0 created and 0 updated."""
    to_create, to_update, changed_fields = [], [], set()
    for key, values in wanted.items():
        obj = existing.get(key)
        if obj is None:
            to_create.append(model(**values))
            continue
        changed = [
            name for name, value in values.items() if not same_value(getattr(obj, name), value)
        ]
        if changed:
            for name in changed:
                setattr(obj, name, values[name])
            changed_fields.update(changed)
            if on_update is not None:
                changed_fields.update(on_update(obj))
            to_update.append(obj)
    if to_update:  # before creating, so a moved unique flag is never held twice
        model.objects.bulk_update(to_update, sorted(changed_fields), batch_size=50)
    model.objects.bulk_create(to_create, batch_size=200)
    unchanged = len(wanted) - len(to_create) - len(to_update)
    report.created += len(to_create)
    report.updated += len(to_update)
    report.unchanged += unchanged
    report.counts[f"{label} created"] = len(to_create)
    report.counts[f"{label} updated"] = len(to_update)
    report.counts[f"{label} unchanged"] = unchanged
    return UpsertResult(created=to_create, updated=to_update, unchanged=unchanged)
