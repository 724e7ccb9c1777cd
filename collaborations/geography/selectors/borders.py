"""Borders between municipalities in PostGIS: which municipalities are neighbours on a day
(adjacency), and the border segments between neighbours classified by two partitions (the
congruence map, docs/congruence.md). Both read the clean coverage of the boundaries in force
on the day, so neighbours share their border exactly."""

from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import Mapping, Sequence

from django.core.cache import cache
from django.db import connection

from collaborations.core.functions import MAP_TOLERANCE_DEGREES
from collaborations.core.selectors import data_version
from collaborations.geography.selectors.validity import boundaries_on, today

CACHE_SECONDS = 24 * 3600

#: Border classes of two partitions A and B (``border_classes``): a border of both, a border
#: of A only (it runs through a region of B) and a border of B only.
SHARED, ONLY_A, ONLY_B = "gedeeld", "alleenA", "alleenB"
CLASSES = (SHARED, ONLY_A, ONLY_B)

# Not materialised, so each boundary's candidate neighbours come from the GiST index on the
# coverage (materialised, every pair was compared: over 300 s for 100,000 synthetic
# municipalities). ``+ 0`` keeps the planner from using the id index for ``x.mid < y.mid``
# as well (a bitmap of a third of the table per boundary: 101 s); with it, 7.5 s.
_ADJACENCY_SQL = """
WITH b AS NOT MATERIALIZED ({boundaries})
SELECT x.mid, y.mid
FROM b x
JOIN b y ON ST_Intersects(x.geom, y.geom)
WHERE x.mid + 0 < y.mid + 0
    AND ST_Relate(x.geom, y.geom, '****1****')
ORDER BY x.mid, y.mid
"""

# Each pair of neighbours once, labelled by the two partitions, in stages the planner may not
# reorder (MATERIALIZED): the boundaries of the labelled municipalities only; the pairs whose
# boxes overlap and whose labels differ in a wanted class (the pairs that lie in one region of
# both are left out); only then the intersections, one per such pair. (Letting the planner push
# the intersection into the self-join computed it for every pair of neighbours, 3-4 s on the
# real data; docs/congruence.md, section 8.) The segments of a class are merged into lines and
# simplified as a whole (neighbouring segments stay joined).
_BORDERS_SQL = """
WITH labels AS (
    SELECT * FROM unnest(%s::bigint[], %s::text[], %s::text[]) AS l(mid, a, b)
),
b AS MATERIALIZED (
    SELECT q.mid, q.geom, l.a, l.b FROM ({boundaries}) AS q JOIN labels l ON l.mid = q.mid
),
pairs AS MATERIALIZED (
    SELECT p.class, p.gx, p.gy
    FROM (
        SELECT
            CASE
                WHEN x.a <> y.a AND x.b <> y.b THEN %s
                WHEN x.a <> y.a THEN %s
                ELSE %s
            END AS class,
            x.geom AS gx,
            y.geom AS gy
        FROM b x
        JOIN b y ON x.mid < y.mid AND x.geom && y.geom
        WHERE x.a <> y.a OR x.b <> y.b
    ) AS p
    WHERE p.class = ANY(%s::text[])
),
segments AS MATERIALIZED (
    SELECT class, ST_CollectionExtract(ST_Intersection(gx, gy), 2) AS line FROM pairs
)
SELECT
    class,
    count(*),
    ST_AsGeoJSON(
        ST_SimplifyPreserveTopology(ST_LineMerge(ST_CollectionExtract(ST_Collect(line), 2)), %s),
        5
    )
FROM segments
WHERE NOT ST_IsEmpty(line)
GROUP BY class
ORDER BY class
"""


def _boundaries_sql(day: datetime.date) -> tuple[str, tuple]:
    """ORM-built SQL of (municipality id, clean-coverage boundary) in force on ``day``."""
    # no ordering: an ordered subquery cannot be merged into the join that uses the index
    boundaries = boundaries_on(day=day).order_by().values_list("municipality_id", "geom_coverage")
    sql, params = boundaries.query.sql_with_params()
    wrapped = f"SELECT q.mid, q.geom FROM ({sql}) AS q(mid, geom) WHERE q.geom IS NOT NULL"  # noqa: S608 - ORM-built SQL, values are parameters
    return wrapped, params


def _adjacency(day: datetime.date) -> list[tuple[int, int]]:
    boundaries, params = _boundaries_sql(day)
    with connection.cursor() as cursor:
        cursor.execute(_ADJACENCY_SQL.format(boundaries=boundaries), params)
        return [(a, b) for a, b in cursor.fetchall()]


def municipality_adjacency(*, day: datetime.date | None = None) -> list[tuple[int, int]]:
    """Pairs of municipality ids (a < b) whose boundaries on ``day`` share a border of
    positive length (touching in a point is not enough), from the clean coverage of the
    boundaries; one PostGIS query, cached per day and data version."""
    day = day or today()
    key = f"geography:adjacency:{day.isoformat()}:{data_version()}"
    pairs = cache.get(key)
    if pairs is None:
        pairs = _adjacency(day)
        cache.set(key, pairs, timeout=CACHE_SECONDS)
    return [tuple(p) for p in pairs]


def _border_classes(
    day: datetime.date,
    labels_a: Mapping[int, str],
    labels_b: Mapping[int, str],
    classes: Sequence[str] = CLASSES,
) -> list[tuple[str, int, str]]:
    ids = sorted(set(labels_a) & set(labels_b))
    boundaries, params = _boundaries_sql(day)
    arguments = (
        ids,
        [str(labels_a[i]) for i in ids],
        [str(labels_b[i]) for i in ids],
        *params,
        SHARED,
        ONLY_A,
        ONLY_B,
        list(classes),
        MAP_TOLERANCE_DEGREES,
    )
    with connection.cursor() as cursor:
        cursor.execute(_BORDERS_SQL.format(boundaries=boundaries), arguments)
        return [(cls, n, geojson) for cls, n, geojson in cursor.fetchall()]


def border_classes(
    *,
    labels_a: Mapping[int, str],
    labels_b: Mapping[int, str],
    day: datetime.date | None = None,
    classes: Sequence[str] = CLASSES,
) -> list[tuple[str, int, str]]:
    """The borders between neighbouring municipalities that are a border of partition A, of
    B or of both, classified in PostGIS: [(class, number of neighbour pairs, GeoJSON of the
    merged and simplified lines in WGS84)] for the classes SHARED, ONLY_A and ONLY_B that
    occur among ``classes`` (all three by default). ``labels_a`` and ``labels_b`` give the region
    of each municipality (by id); only municipalities in both count. One query, cached per
    day, data version, labels and classes."""
    day = day or today()
    digest = hashlib.sha256(
        json.dumps([sorted(labels_a.items()), sorted(labels_b.items()), sorted(classes)]).encode()
    ).hexdigest()
    key = f"geography:borders:{day.isoformat()}:{data_version()}:{digest}"
    rows = cache.get(key)
    if rows is None:
        rows = _border_classes(day, labels_a, labels_b, classes)
        cache.set(key, rows, timeout=CACHE_SECONDS)
    return [tuple(row) for row in rows]
