"""Arrangement footprints: the union of the boundaries of the municipalities that represent an
arrangement's municipal members.

The union is a *coverage union*: municipal boundaries of one CBS layer tile the country, so the
union only has to drop the shared edges. The published generalised layers are not perfectly
noded (neighbours' edges differ by a few vertices), so each layer is first made into a clean
coverage once (:func:`boundaries_clean_coverage`), stored in ``MunicipalityBoundary.geom_coverage``.

Besides today's footprint (``Arrangement.footprint``), every arrangement has its footprints
through time (``ArrangementFootprint``, one per period; :mod:`.footprint_history`), written in
the same transaction, for a ``peildatum`` in the API, the tiles and "what is here?".
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

from collaborations.arrangements.models import Arrangement, ArrangementFootprint
from collaborations.arrangements.selectors.represented import represented_municipality_pairs
from collaborations.arrangements.services.footprint_history import (
    Period,
    footprint_periods,
    footprint_shapes,
)
from collaborations.core.geometry import polygonal, to_shapely
from collaborations.core.services.outbox import job_enqueue
from collaborations.core.services.versioning import data_version_bump
from collaborations.geography.selectors.validity import boundaries_on
from collaborations.geography.services.coverage import boundaries_clean_coverage

SRID = settings.REGIOATLAS_SRID


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
    shapes = dict(zip((r[0] for r in rows), to_shapely(r[1] for r in rows), strict=True))
    targets = ids if ids is not None else Arrangement.objects.values_list("pk", flat=True)
    unions: dict[frozenset[int], shapely.Geometry | None] = {}  # regions of several divisions
    result: dict[int, shapely.Geometry | None] = {}
    for arrangement_id in targets:
        key = frozenset(m for m in members.get(arrangement_id, []) if shapes.get(m) is not None)
        if key not in unions:
            unions[key] = polygonal(_union(np.array([shapes[m] for m in key]))) if key else None
        result[arrangement_id] = unions[key]
    return result


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


_HISTORY_SQL = """
INSERT INTO collaborations_arrangementfootprint (arrangement_id, period, geom)
SELECT v.id, daterange(v.lower, v.upper, '[)'), ST_Multi(ST_SetSRID(ST_GeomFromWKB(v.wkb), %s))
FROM unnest(%s::bigint[], %s::date[], %s::date[], %s::bytea[]) AS v(id, lower, upper, wkb)
"""


def _write_history(
    arrangement_ids: list[int] | None,
    periods: dict[int, list[Period]],
    shapes: dict[frozenset[int], shapely.Geometry | None],
) -> int:
    """Replace the footprints through time of these arrangements (default: all): one DELETE,
    one INSERT (parameters only). Returns the number of periods written."""
    stale = ArrangementFootprint.objects.all()
    if arrangement_ids is not None:
        stale = stale.filter(arrangement_id__in=arrangement_ids)
    stale._raw_delete(stale.db)  # no signals, no cascades: a table of derived rows
    rows = [
        (pk, period.start, period.end, shapely.to_wkb(shapes[period.key]))
        for pk, arrangement_periods in periods.items()
        for period in arrangement_periods
        if shapes.get(period.key) is not None
    ]
    if rows:
        columns = [list(column) for column in zip(*rows, strict=True)]
        with connection.cursor() as cursor:
            cursor.execute(_HISTORY_SQL, [SRID, *columns])
    return len(rows)


def arrangement_footprints_recompute(*, arrangement_ids: Iterable[int] | None = None) -> int:
    """Recompute and store the footprints of the given arrangements (default: all): today's
    and those through time. Returns the number of arrangements written."""
    ids = None if arrangement_ids is None else list(arrangement_ids)
    footprints = _footprints(arrangement_ids=ids, day=None)
    periods = footprint_periods(ids)
    shapes = footprint_shapes(p.key for ps in periods.values() for p in ps)
    with transaction.atomic():
        _write_footprints(footprints)
        _write_history(ids, periods, shapes)
        data_version_bump()
    return len(footprints)


FOOTPRINTS_TASK = "collaborations.footprints_recompute"


def arrangement_footprints_schedule(*, arrangement_ids: list[int]) -> None:
    """Recompute footprints in the background: a job in the outbox, written in the current
    transaction and sent once it commits (docs/operations.md)."""
    job_enqueue(task=FOOTPRINTS_TASK, kwargs={"arrangement_ids": list(arrangement_ids)})


def arrangement_footprint_schedule(*, arrangement_id: int) -> None:
    """Recompute one footprint in the background (see :func:`arrangement_footprints_schedule`)."""
    arrangement_footprints_schedule(arrangement_ids=[arrangement_id])
