"""Colouring the patchwork: a graph colouring of the filtered arrangements' footprints so that
two footprints that overlap or touch never share a colour (the map's *Grenzen* mode), and the
footprints drawn slightly inset so that coinciding borders stay visible side by side.

Footprints are unions of the municipalities that represent the members on the peildatum, so
two footprints overlap exactly when they share such a municipality, and touch exactly when one
holds a municipality that borders one of the other's (``municipality_adjacency``, the clean
coverage of the boundaries in force). The arrangement pairs are found in PostGIS/SQL in one
statement; the colouring (DSatur, greedy by saturation then degree) runs in Python. Both are
cached per data version, day and filter."""

from __future__ import annotations

import datetime
import hashlib
import heapq
from collections.abc import Iterable, Sequence

from django.core.cache import cache
from django.db import connection

from collaborations.arrangements.selectors.filters import ArrangementFilter, arrangements_filter
from collaborations.arrangements.selectors.footprints import is_today
from collaborations.arrangements.selectors.network import memberships_represented
from collaborations.core.selectors import data_version
from collaborations.geography.selectors.borders import municipality_adjacency

CACHE_SECONDS = 24 * 3600

#: Colour-blind-safe outline colours, dark enough to read as lines on a light map: Okabe-Ito
#: (without its yellow, too pale for a line) followed by Paul Tol's muted scheme.
PALETTE: tuple[str, ...] = (
    "#0072B2",  # Okabe-Ito blue
    "#D55E00",  # vermillion
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
    "#000000",  # black
    "#332288",  # Tol muted indigo
    "#117733",  # green
    "#882255",  # wine
    "#999933",  # olive
    "#AA4499",  # purple
)
#: SVG dash patterns for colours used more than once (when more colours are needed than the
#: palette has): the first round solid, then dashed, dotted, dash-dot.
DASHES: tuple[str, ...] = ("", "8 4", "2 4", "10 4 2 4")

_PAIRS_SQL = """
WITH m AS MATERIALIZED (
    SELECT DISTINCT p.aid, p.mid FROM ({pairs}) AS p(aid, mid) WHERE p.mid IS NOT NULL
),
adj AS (
    SELECT x, y FROM unnest(%s::bigint[], %s::bigint[]) AS t(x, y)
    UNION ALL SELECT y, x FROM unnest(%s::bigint[], %s::bigint[]) AS t(x, y)
    UNION ALL SELECT DISTINCT mid, mid FROM m
)
SELECT DISTINCT a.aid, b.aid
FROM m a
JOIN adj ON adj.x = a.mid
JOIN m b ON b.mid = adj.y AND a.aid < b.aid
"""


def _filter_key(filters: ArrangementFilter) -> str:
    return hashlib.sha256(repr(filters).encode()).hexdigest()[:24]


def footprint_neighbours(*, filters: ArrangementFilter) -> list[tuple[int, int]]:
    """Pairs (a < b) of filtered arrangements whose footprints on the filter's day overlap or
    share a border: one SQL statement on the represented municipalities and their adjacency."""
    pairs = memberships_represented(filters=filters)
    pairs_sql, pairs_params = pairs.values_list(
        "arrangement_id", "municipality__lineage_descendants__descendant_id"
    ).query.sql_with_params()
    adjacency = municipality_adjacency(day=filters.on)
    xs = [a for a, _ in adjacency]
    ys = [b for _, b in adjacency]
    with connection.cursor() as cursor:
        cursor.execute(_PAIRS_SQL.format(pairs=pairs_sql), [*pairs_params, xs, ys, xs, ys])
        return [(a, b) for a, b in cursor.fetchall()]


def colouring_dsatur(*, nodes: Iterable[int], edges: Iterable[tuple[int, int]]) -> dict[int, int]:
    """A greedy graph colouring (DSatur: next the node with the most distinct colours among its
    neighbours, ties by degree, then id): node -> colour index from 0. Deterministic."""
    neighbours: dict[int, set[int]] = {node: set() for node in nodes}
    for a, b in edges:
        if a in neighbours and b in neighbours and a != b:
            neighbours[a].add(b)
            neighbours[b].add(a)
    seen: dict[int, set[int]] = {node: set() for node in neighbours}
    colours: dict[int, int] = {}
    heap = [(0, -len(near), node) for node, near in neighbours.items()]
    heapq.heapify(heap)
    while heap:
        saturation, _degree, node = heapq.heappop(heap)
        if node in colours or -saturation != len(seen[node]):
            continue  # coloured already, or a stale entry
        colour = next(c for c in range(len(neighbours) + 1) if c not in seen[node])
        colours[node] = colour
        for other in neighbours[node]:
            if other not in colours and colour not in seen[other]:
                seen[other].add(colour)
                heapq.heappush(heap, (-len(seen[other]), -len(neighbours[other]), other))
    return colours


def footprint_colouring(*, filters: ArrangementFilter | None = None) -> dict[int, int]:
    """Colour index of each filtered arrangement (id -> index from 0) such that arrangements
    whose footprints overlap or touch on the filter's day never share an index; cached per
    data version, day and filter."""
    f = filters or ArrangementFilter()
    key = f"arrangements:colouring:{data_version()}:{f.on.isoformat()}:{_filter_key(f)}"
    colours = cache.get(key)
    if colours is None:
        ids = list(arrangements_filter(filters=f).values_list("pk", flat=True))
        colours = colouring_dsatur(nodes=ids, edges=footprint_neighbours(filters=f))
        cache.set(key, colours, timeout=CACHE_SECONDS)
    return colours


def colour_style(index: int) -> tuple[str, str]:
    """(hex colour, SVG dash pattern) of a colour index: the palette, then again dashed."""
    rounds = index // len(PALETTE)
    return PALETTE[index % len(PALETTE)], DASHES[min(rounds, len(DASHES) - 1)]


_OUTLINES_SQL = """
SELECT a.id, ST_AsGeoJSON(ST_Transform(ST_Multi(ST_CollectionExtract(ST_MakeValid(
    ST_Buffer(ST_SimplifyPreserveTopology(ST_Transform(g.geom, %s), %s), -%s)
), 3)), %s), %s)
FROM collaborations_arrangement a
JOIN LATERAL ({geometry}) AS g(geom) ON TRUE
WHERE a.id = ANY(%s) AND g.geom IS NOT NULL
"""
_TODAY = "SELECT a.footprint"
_ON_DAY = (
    "SELECT f.geom FROM collaborations_arrangementfootprint f "
    "WHERE f.arrangement_id = a.id AND f.period @> %s::date LIMIT 1"
)


def footprint_outlines(
    *,
    ids: Sequence[int],
    day: datetime.date | None = None,
    inset: float,
    tolerance: float,
    srid: int = 4326,
    metric_srid: int = 28992,
    precision: int = 5,
) -> dict[int, str]:
    """GeoJSON of each arrangement's footprint on ``day`` shrunk by ``inset`` metres (a
    negative buffer in ``metric_srid`` after simplifying by ``tolerance`` metres), so that the
    outlines of neighbours that share a border run side by side; a footprint thinner than
    twice the inset has none. Cached per data version, day, inset and ids."""
    if not ids:
        return {}
    digest = hashlib.sha256(repr(sorted(ids)).encode()).hexdigest()[:24]
    on = "today" if is_today(day) else day.isoformat()
    key = f"arrangements:outlines:{data_version()}:{on}:{inset:.0f}:{tolerance:.0f}:{srid}:{digest}"
    outlines = cache.get(key)
    if outlines is None:
        geometry, params = (_TODAY, []) if is_today(day) else (_ON_DAY, [day])
        sql = _OUTLINES_SQL.format(geometry=geometry)
        # The lateral subquery's parameter comes before the WHERE clause's.
        arguments = [metric_srid, tolerance, inset, srid, precision, *params, list(ids)]
        with connection.cursor() as cursor:
            cursor.execute(sql, arguments)
            outlines = {aid: geojson for aid, geojson in cursor.fetchall() if geojson}
        cache.set(key, outlines, timeout=CACHE_SECONDS)
    return outlines
